import { readFileSync } from "node:fs";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";
import { prisma } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { getUser } from "~/utils/session.server";
import { clientFor, formPost, get, outcome, type Client } from "../../test/factories/request";
import { action as usersAction, loader as usersLoader } from "./beheer.gebruikers";
import { action as editUserAction, loader as editUserLoader } from "./beheer.gebruikers_.$userId";
import { action as inhabitantsAction } from "./beheer.inwoners";
import { action as keysAction } from "./verdeelsleutels";

const args = (request: Request) => ({ request, params: {}, context: {} });

/** The interface's texts in a language, as the pages have them. */
async function translator(lng: "nl" | "en") {
  const i18n = i18next.createInstance();
  await i18n.init({ ...i18nConfig, resources, lng });
  return i18n.t.bind(i18n) as (key: string, values?: Record<string, unknown>) => string;
}

describe("administration", () => {
  it("is closed to every role but the administrator", async () => {
    for (const email of ["secretaris@h10.example", "griffier.delft@h10.example", "wethouder.den-haag@h10.example"]) {
      const client = await clientFor(email);
      expect((await outcome(() => usersLoader(args(get(client, "/beheer/gebruikers"))))).status).toBe(403);
      const post = await outcome(() =>
        inhabitantsAction(
          args(formPost(client, "/beheer/inwoners", { municipalityId: "x", year: "2023", count: "1" })),
        ),
      );
      expect(post.status).toBe(403);
    }
  });

  it("sets an inhabitant figure for a year and records it in the audit trail", async () => {
    const admin = await clientFor("beheer@h10.example");
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const result = await outcome(() =>
      inhabitantsAction(
        args(
          formPost(admin, "/beheer/inwoners", {
            municipalityId: delft.id,
            year: "2023",
            count: "104575",
            source: "CBS",
          }),
        ),
      ),
    );
    expect(result.status).toBe(200);
    const figure = await prisma.inhabitantCount.findUniqueOrThrow({
      where: { municipalityId_year: { municipalityId: delft.id, year: 2023 } },
    });
    expect(figure.count).toBe(104575);
    const event = await prisma.event.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    expect(event.type).toBe("inhabitants.set");
  });

  it("rejects a malformed inhabitant figure and writes nothing", async () => {
    const admin = await clientFor("beheer@h10.example");
    const westland = await prisma.municipality.findUniqueOrThrow({ where: { slug: "westland" } });
    const before = await prisma.inhabitantCount.count();
    for (const fields of [
      { municipalityId: westland.id, year: "2023", count: "-5" },
      { municipalityId: westland.id, year: "twee", count: "112000" },
      { municipalityId: westland.id, year: "2023", count: "1.5" },
      { municipalityId: "bestaat-niet", year: "2023", count: "112000" },
    ]) {
      const result = await outcome(() => inhabitantsAction(args(formPost(admin, "/beheer/inwoners", fields))));
      expect(result.status).toBe(400);
    }
    expect(await prisma.inhabitantCount.count()).toBe(before);
  });

  it("creates a clerk bound to a municipality, with a hashed password", async () => {
    const admin = await clientFor("beheer@h10.example");
    const rijswijk = await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } });
    const result = await outcome(() =>
      usersAction(
        args(
          formPost(admin, "/beheer/gebruikers", {
            intent: "create",
            name: "Plaatsvervangend griffier Rijswijk",
            email: "Plv.Griffier@Rijswijk.example",
            role: "CLERK",
            municipalityId: rijswijk.id,
            password: "een-lang-wachtwoord",
          }),
        ),
      ),
    );
    expect(result.status).toBe(200);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "plv.griffier@rijswijk.example" } });
    expect(user).toMatchObject({ role: "CLERK", municipalityId: rijswijk.id });
    expect(user.passwordHash).not.toContain("een-lang-wachtwoord");
    expect(await verifyPassword("een-lang-wachtwoord", user.passwordHash)).toBe(true);
  });

  it("refuses a clerk without a municipality, a duplicate address and a short password", async () => {
    const admin = await clientFor("beheer@h10.example");
    const before = await prisma.user.count();
    const cases: [Record<string, string>, string][] = [
      [
        {
          intent: "create",
          name: "Griffier",
          email: "nieuw@h10.example",
          role: "CLERK",
          municipalityId: "",
          password: "een-lang-wachtwoord",
        },
        "validation.municipalityRequiredForRole",
      ],
      [
        {
          intent: "create",
          name: "Dubbel",
          email: "griffier.delft@h10.example",
          role: "SECRETARY",
          municipalityId: "",
          password: "een-lang-wachtwoord",
        },
        "errorCodes.email_taken",
      ],
      [
        {
          intent: "create",
          name: "Kort",
          email: "kort@h10.example",
          role: "SECRETARY",
          municipalityId: "",
          password: "kort",
        },
        "validation.passwordTooShort",
      ],
      [
        {
          intent: "create",
          name: "Rol",
          email: "rol@h10.example",
          role: "KONING",
          municipalityId: "",
          password: "een-lang-wachtwoord",
        },
        "validation.roleRequired",
      ],
    ];
    for (const [fields, message] of cases) {
      const result = await outcome(() => usersAction(args(formPost(admin, "/beheer/gebruikers", fields))));
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).toContain(message);
    }
    expect(await prisma.user.count()).toBe(before);
  });

  it("blocks a user only once confirmed, which ends their sessions, and says whom it blocked", async () => {
    const admin = await clientFor("beheer@h10.example");
    const target = await clientFor("wethouder.zoetermeer@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { id: target.userId! } });
    const sessions = await prisma.session.count({ where: { userId: user.id } });
    expect(sessions).toBeGreaterThan(0);
    const events = await prisma.event.count();
    const block = (fields: Record<string, string> = {}) =>
      outcome(() =>
        usersAction(args(formPost(admin, "/beheer/gebruikers", { intent: "disable", userId: user.id, ...fields }))),
      );

    // The first post asks, naming the user; nothing is written.
    const asked = await block();
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      confirm: { intent: "disable", userId: user.id },
      user: { name: user.name, email: user.email },
      toggled: null,
    });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(sessions);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    expect(await prisma.event.count()).toBe(events);
    // A confirmation that is not the box's value is none.
    expect((await block({ confirm: "1x" })).body).toMatchObject({ confirm: { intent: "disable" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();

    const blocked = await block({ confirm: "on" });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ toggled: "disable", confirm: null, user: { name: user.name } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();

    // Unblocking needs no confirmation; an unknown user is a 404 before any question.
    const enabled = await outcome(() =>
      usersAction(args(formPost(admin, "/beheer/gebruikers", { intent: "enable", userId: user.id }))),
    );
    expect(enabled.body).toMatchObject({ toggled: "enable", user: { name: user.name } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    expect((await block({ userId: "bestaat-niet" })).status).toBe(404);
  });

  it("gives a temporary password only once confirmed, and names whose password it is", async () => {
    const admin = await clientFor("beheer@h10.example");
    const target = await clientFor("griffier.voorschoten@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { id: target.userId! } });
    const give = (fields: Record<string, string> = {}) =>
      outcome(() =>
        usersAction(
          args(formPost(admin, "/beheer/gebruikers", { intent: "temporary-password", userId: user.id, ...fields })),
        ),
      );
    const asked = await give();
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      confirm: { intent: "temporary-password", userId: user.id },
      user: { name: user.name, email: user.email },
      temporary: null,
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBeGreaterThan(0);

    const given = await give({ confirm: "on" });
    const body = given.body as { temporary: string; user: { name: string; email: string }; confirm: unknown };
    expect(body.confirm).toBeNull();
    expect(body.user).toEqual({ name: user.name, email: user.email });
    expect(
      await verifyPassword(
        body.temporary,
        (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash,
      ),
    ).toBe(true);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("names the user in the temporary password's message, in Dutch and English, with a space before the password", async () => {
    const values = { name: "griffier Voorschoten", email: "griffier.voorschoten@h10.example" };
    for (const lng of ["nl", "en"] as const) {
      const t = await translator(lng);
      expect(t("admin.temporaryPasswordOf", values)).toContain(
        "griffier Voorschoten (griffier.voorschoten@h10.example)",
      );
      expect(t("admin.temporaryPasswordOf", values)).toMatch(/:$/);
      expect(t("admin.temporaryPasswordSet", values)).toContain("griffier Voorschoten");
      expect(t("admin.confirmDisableConsequence", values)).toContain("griffier Voorschoten");
    }
    expect((await translator("nl"))("admin.confirmDisableConsequence", values)).toContain(
      "Alle sessies van griffier Voorschoten worden beëindigd",
    );
  });

  it("accepts an inhabitant figure with Dutch thousands separators, as the CBS import does", async () => {
    const admin = await clientFor("beheer@h10.example");
    const wassenaar = await prisma.municipality.findUniqueOrThrow({ where: { slug: "wassenaar" } });
    const set = (year: string, count: string) =>
      outcome(() =>
        inhabitantsAction(args(formPost(admin, "/beheer/inwoners", { municipalityId: wassenaar.id, year, count }))),
      );
    const figure = (year: number) =>
      prisma.inhabitantCount.findUnique({
        where: { municipalityId_year: { municipalityId: wassenaar.id, year } },
        select: { count: true },
      });
    expect((await set("2021", "103.581")).status).toBe(200);
    expect(await figure(2021)).toEqual({ count: 103_581 });
    expect((await set("2020", " 1.103.581 ")).status).toBe(200);
    expect(await figure(2020)).toEqual({ count: 1_103_581 });
    expect((await set("2019", "26 084")).status).toBe(200);
    expect(await figure(2019)).toEqual({ count: 26_084 });
    // Not a grouping of thousands, a decimal comma, or more than the most a municipality may have: refused.
    for (const count of ["103.58", "10.3581", "103,581", "2.000.001", "0", ""]) {
      const refused = await set("2018", count);
      expect(refused.status, count).toBe(400);
      expect(JSON.stringify(refused.body), count).toContain("validation.countInvalid");
    }
    expect(await figure(2018)).toBeNull();
  });
});

describe("allocation keys, listed under Beheer", () => {
  const post = (client: Client, fields: Record<string, string>) =>
    outcome(() => keysAction(args(formPost(client, "/verdeelsleutels", fields))));

  it("deletes a key only once confirmed, after a question that names it", async () => {
    const admin = await clientFor("beheer@h10.example");
    const saved = await post(admin, { intent: "save", name: "Tijdelijke sleutel", method: "EQUAL" });
    expect(saved.status).toBe(200);
    const key = await prisma.allocationKey.findUniqueOrThrow({ where: { name: "Tijdelijke sleutel" } });
    const events = await prisma.event.count();

    const asked = await post(admin, { intent: "delete", id: key.id });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ confirmDelete: { id: key.id, name: "Tijdelijke sleutel" }, done: null });
    expect(await prisma.allocationKey.count({ where: { id: key.id } })).toBe(1);
    expect(await prisma.event.count()).toBe(events);

    const deleted = await post(admin, { intent: "delete", id: key.id, confirm: "on" });
    expect(deleted.body).toMatchObject({ done: "deleted", confirmDelete: null });
    expect(await prisma.allocationKey.count({ where: { id: key.id } })).toBe(0);

    // An unknown key, or one an amount uses, is refused at the question already.
    expect((await post(admin, { intent: "delete", id: key.id })).status).toBe(404);
    const used = await prisma.financialItem.findFirstOrThrow({
      where: { keyId: { not: null } },
      select: { keyId: true },
    });
    expect((await post(admin, { intent: "delete", id: used.keyId! })).status).toBe(409);
    // A clerk may not even be asked.
    expect((await post(await clientFor("griffier.delft@h10.example"), { intent: "delete", id: key.id })).status).toBe(
      403,
    );
  });

  it("counts the amounts that use a key with a plural, in Dutch and English", async () => {
    const nl = await translator("nl");
    const en = await translator("en");
    expect([0, 1, 2].map((count) => nl("keys.usedByCount", { count }))).toEqual([
      "0 bedragen",
      "1 bedrag",
      "2 bedragen",
    ]);
    expect([0, 1, 2].map((count) => en("keys.usedByCount", { count }))).toEqual(["0 amounts", "1 amount", "2 amounts"]);
  });
});

describe("editing a user", () => {
  const edit = (client: Client, userId: string, fields: Record<string, string>) =>
    outcome(() =>
      editUserAction({
        ...args(formPost(client, `/beheer/gebruikers/${userId}`, { intent: "edit", ...fields })),
        params: { userId },
      }),
    );

  it("saves a new role and municipality through the form, and ends the user's sessions", async () => {
    const admin = await clientFor("beheer@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "wethouder.delft@h10.example" } });
    const theirs = await clientFor(user.email);
    const page = await outcome(() =>
      editUserLoader({ ...args(get(admin, `/beheer/gebruikers/${user.id}`)), params: { userId: user.id } }),
    );
    expect((page.body as { user: { email: string } }).user.email).toBe(user.email);
    const westland = await prisma.municipality.findUniqueOrThrow({ where: { slug: "westland" } });
    const result = await edit(admin, user.id, {
      name: user.name,
      email: user.email,
      role: "CLERK",
      municipalityId: westland.id,
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ saved: true, sessionsEnded: true });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "CLERK",
      municipalityId: westland.id,
    });
    expect(await getUser(get(theirs, "/regio"))).toBeNull();
  });

  it("answers a duplicate address, a missing municipality and an unknown user with a clear error, writing nothing", async () => {
    const admin = await clientFor("beheer@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.zoetermeer@h10.example" } });
    const events = await prisma.event.count();
    const taken = await edit(admin, user.id, {
      name: user.name,
      email: "SECRETARIS@h10.example",
      role: "CLERK",
      municipalityId: user.municipalityId!,
    });
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain("errorCodes.email_taken");
    const noMunicipality = await edit(admin, user.id, { name: user.name, email: user.email, role: "CLERK" });
    expect(noMunicipality.status).toBe(400);
    expect(JSON.stringify(noMunicipality.body)).toContain("validation.municipalityRequiredForRole");
    expect((await edit(admin, "bestaat-niet", { name: "x", email: "x@h10.example", role: "ADMIN" })).status).toBe(404);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect(await prisma.event.count()).toBe(events);
  });

  it("is closed to every role but the administrator", async () => {
    const secretary = await clientFor("secretaris@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.delft@h10.example" } });
    const result = await edit(secretary, user.id, { name: "x", email: user.email, role: "ADMIN" });
    expect(result.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("CLERK");
  });

  it("refuses to block or demote the last active administrator", async () => {
    const admin = await clientFor("beheer@h10.example");
    const self = await prisma.user.findUniqueOrThrow({ where: { email: "beheer@h10.example" } });
    const demoted = await edit(admin, self.id, { name: self.name, email: self.email, role: "SECRETARY" });
    expect(demoted.status).toBe(400);
    expect(JSON.stringify(demoted.body)).toContain("errorCodes.last_admin");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: self.id } })).role).toBe("ADMIN");
  });
});

describe("importing inhabitant figures from a CBS CSV", () => {
  const sample = readFileSync(new URL("../../test/fixtures/cbs-bevolking-2024.csv", import.meta.url));
  const upload = (client: Client, bytes: Uint8Array) => {
    const body = new FormData();
    body.set("csrf", client.csrf);
    body.set("file", new File([bytes as BlobPart], "bevolking.csv", { type: "text/csv" }));
    return new Request("http://127.0.0.1/beheer/inwoners", {
      method: "POST",
      headers: { Cookie: client.cookie },
      body,
    });
  };

  it("previews an uploaded file, then writes what the file says when confirmed, not what the form claims", async () => {
    const admin = await clientFor("beheer@h10.example");
    const preview = await outcome(() => inhabitantsAction(args(upload(admin, sample))));
    expect(preview.status).toBe(200);
    const state = (preview.body as { cbs: { csv: string; preview: { rows: unknown[] }; written: null } }).cbs;
    expect(state.preview.rows).toHaveLength(10);
    expect(state.written).toBeNull();
    expect(await prisma.inhabitantCount.count({ where: { year: 2024 } })).toBe(0);

    // The confirmation carries only the file: a figure slipped into the form is not read.
    const confirmed = await outcome(() =>
      inhabitantsAction(
        args(
          formPost(admin, "/beheer/inwoners", {
            intent: "cbs-confirm",
            csv: state.csv,
            source: "CBS",
            "rows[0].newCount": "1",
          }),
        ),
      ),
    );
    expect(confirmed.status).toBe(200);
    expect((confirmed.body as { cbs: { written: number } }).cbs.written).toBe(10);
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const figure = await prisma.inhabitantCount.findUniqueOrThrow({
      where: { municipalityId_year: { municipalityId: delft.id, year: 2024 } },
    });
    expect(figure).toMatchObject({ count: 105_296, source: "CBS" });
  });

  it("confirms nothing when the file sent back has a bad line, and refuses a file too large", async () => {
    const admin = await clientFor("beheer@h10.example");
    const events = await prisma.event.count();
    const bad = `"Regio's";"Regiocode";"Perioden";"Bevolking op 1 januari (aantal)"\n"Delft";"GM0503";"2025";"106.000"\n"Westland";"GM1783";"2025";"veel"`;
    const refused = await outcome(() =>
      inhabitantsAction(args(formPost(admin, "/beheer/inwoners", { intent: "cbs-confirm", csv: bad }))),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('"problem":"count_invalid"');
    expect(await prisma.inhabitantCount.count({ where: { year: 2025 } })).toBe(0);
    expect(await prisma.event.count()).toBe(events);

    const large = new Uint8Array(300 * 1024).fill(0x41);
    const tooLarge = await outcome(() => inhabitantsAction(args(upload(admin, large))));
    expect(tooLarge.status).toBe(413);
    expect((tooLarge.body as { cbsError: string }).cbsError).toBe("csv_too_large");
    const pasted = await outcome(() =>
      inhabitantsAction(
        args(formPost(admin, "/beheer/inwoners", { intent: "cbs-preview", csv: "A".repeat(300 * 1024) })),
      ),
    );
    expect(pasted.status).toBe(413);
  });

  it("is closed to every role but the administrator", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const result = await outcome(() => inhabitantsAction(args(upload(clerk, sample))));
    expect(result.status).toBe(403);
  });
});
