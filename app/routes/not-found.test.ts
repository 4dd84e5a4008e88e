import { describe, expect, it } from "vitest";
import { outcome } from "../../test/factories/request";
import { action, loader } from "./$";

describe("an address no page has", () => {
  it("is 404 with a stable code for a page load and for a post, so the root's error page shows with its menu", async () => {
    const request = new Request("http://localhost/documenten");
    const loaded = await outcome(async () => loader({ request, params: { "*": "documenten" }, context: {} }));
    expect(loaded).toMatchObject({ status: 404, body: { code: "not_found", message: "Deze pagina bestaat niet." } });
    const posted = await outcome(async () => action());
    expect(posted).toMatchObject({ status: 404, body: { code: "not_found" } });
  });
});
