import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { renderInRoute } from "../../test/factories/render-route";
import { AppHeader } from "./app-header";

/** The header's markup on `path` for a user of `role`. */
const header = (path: string, role: Role) =>
  renderInRoute(<AppHeader user={{ name: "Beheerder", role, municipality: null, unread: 0 }} locale="nl" />, {
    url: path,
  });

/** The texts of the menu bar's links marked as the current page. */
const current = (doc: Awaited<ReturnType<typeof header>>) =>
  [...doc.querySelectorAll('.h10-header__bar--nav nav a[aria-current="page"]')].map((a) => a.textContent);

describe("the menu's current item", () => {
  it("is Beheer on the administration's pages, and on the allocation keys it lists", async () => {
    expect(current(await header("/beheer/gebruikers", "ADMIN"))).toEqual(["Beheer"]);
    expect(current(await header("/verdeelsleutels", "ADMIN"))).toEqual(["Beheer"]);
    expect(current(await header("/beheer", "ADMIN"))).toEqual(["Beheer"]);
  });

  it("is nothing else: not Beheer on another page, and no item for a secretary on the allocation keys", async () => {
    expect(current(await header("/vergaderingen", "ADMIN"))).toEqual(["Vergaderingen"]);
    expect(current(await header("/verdeelsleutels-archief", "ADMIN"))).toEqual([]);
    expect(current(await header("/verdeelsleutels", "SECRETARY"))).toEqual([]);
  });
});
