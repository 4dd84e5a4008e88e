import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/models/api-token.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { amendmentWithDraftReceived, createTrail, demoActors } from "../../test/factories/trail";
import { action as apiPositionsAction } from "./api.v1.trails_.$trailId_.positions";
import { action as settingsAction, loader as settingsLoader } from "./instellingen";
import { action as trailAction, loader as trailLoader } from "./trajecten.$trailId";
import { action as positionAction, loader as positionLoader } from "./trajecten.$trailId_.standpunt.$municipalityId";
import { action as newTrailAction, loader as newTrailLoader } from "./trajecten.nieuw";

/**
 * The create forms carry the one-time key their loader made; posting a form
 * twice (a double click, a re-posted page) answers the second post like the
 * first: the same redirect, or the same page, and one row. The API does the
 * same with an Idempotency-Key header.
 */
let actors: (local: string) => Actor;
let delft: string;
let denHaag: string;
beforeAll(async () => {
  actors = await demoActors();
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  denHaag = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "den-haag" } })).id;
});

const amendmentInTerm = () => amendmentWithDraftReceived([delft, denHaag], actors("secretaris"));

/** The key the loader put in the form. */
async function formKeyOf(load: () => Promise<unknown>): Promise<string> {
  const page = await outcome(load);
  const key = (page.body as { formKey?: string }).formKey;
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  return key!;
}

describe("create forms posted twice", () => {
  it("a council's zienswijze: both posts lead to the one position, though the trail moved on after the first", async () => {
    const { trailId, revision } = await amendmentInTerm();
    const clerk = await clientFor("griffier.den-haag@h10.example");
    const params = { trailId, municipalityId: denHaag };
    const path = `/trajecten/${trailId}/standpunt/${denHaag}`;
    const formKey = await formKeyOf(() => positionLoader({ request: get(clerk, path), params, context: {} }));
    const fields = {
      formKey,
      revision: String(revision),
      bodyKind: "COUNCIL:ZIENSWIJZE",
      meetingDate: "2024-03-07",
      text: "De raad vraagt om een sterkere rol bij de begroting.",
    };
    const post = () => outcome(() => positionAction({ request: formPost(clerk, path, fields), params, context: {} }));
    const first = await post();
    const again = await post();
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toMatch(new RegExp(`^/trajecten/${trailId}/standpunten/`));
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await prisma.position.count({ where: { trailId } })).toBe(1);
    // The same key with other content is no repeat: refused in Dutch, nothing written.
    const other = await outcome(() =>
      positionAction({ request: formPost(clerk, path, { ...fields, text: "Iets anders" }), params, context: {} }),
    );
    expect(other.status).toBe(422);
    expect(JSON.stringify(other.body)).toContain("workflowErrors.form_key_reused");
    expect(await prisma.position.count({ where: { trailId } })).toBe(1);
  });

  it("a new trail: both posts lead to the one trail", async () => {
    const secretary = await clientFor("secretaris@h10.example");
    const formKey = await formKeyOf(() =>
      newTrailLoader({ request: get(secretary, "/trajecten/nieuw"), params: {}, context: {} }),
    );
    const reference = `DUBBEL-${Date.now()}`;
    const fields = { formKey, kind: "VISION", title: "Regiovisie", reference, startedOn: "2024-01-01" };
    const post = () =>
      outcome(() =>
        newTrailAction({ request: formPost(secretary, "/trajecten/nieuw", fields), params: {}, context: {} }),
      );
    const [first, again] = [await post(), await post()];
    expect(first.status).toBe(302);
    expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await prisma.trail.count({ where: { reference } })).toBe(1);
  });

  it("a step on the trail page: the second post says the step was saved, and the trail moved once", async () => {
    const trail = await createTrail("GR_AMENDMENT", [delft, denHaag]);
    const secretary = await clientFor("secretaris@h10.example");
    const params = { trailId: trail.id };
    const formKey = await formKeyOf(() =>
      trailLoader({ request: get(secretary, `/trajecten/${trail.id}`), params, context: {} }),
    );
    const fields = { formKey: `${formKey}-DRAFT_SENT-regio`, intent: "event", type: "DRAFT_SENT", revision: "0" };
    const post = () =>
      outcome(() =>
        trailAction({
          request: formPost(secretary, `/trajecten/${trail.id}`, { ...fields, on: "2024-01-10" }),
          params,
          context: {},
        }),
      );
    const answers = await Promise.all([post(), post()]);
    for (const answer of [...answers, await post()]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ error: null, done: "DRAFT_SENT" });
    }
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).revision).toBe(1);
  });

  it("an API token: one token, and the second answer says it was made and is not shown again", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const formKey = await formKeyOf(() =>
      settingsLoader({ request: get(clerk, "/instellingen"), params: {}, context: {} }),
    );
    const name = `RIS ${Date.now()}`;
    const post = () =>
      outcome(() =>
        settingsAction({
          request: formPost(clerk, "/instellingen", { formKey, intent: "create", name }),
          params: {},
          context: {},
        }),
      );
    const first = await post();
    const again = await post();
    expect(first.body).toMatchObject({ created: expect.stringMatching(/^h10_/), repeated: false });
    expect(again.body).toMatchObject({ created: null, repeated: true, error: null });
    expect(await prisma.apiToken.count({ where: { userId: clerk.userId!, name } })).toBe(1);
  });

  it("refuses a malformed key with 400 and writes nothing", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const result = await outcome(() =>
      settingsAction({
        request: formPost(clerk, "/instellingen", { formKey: "<script>", intent: "create", name: "X" }),
        params: {},
        context: {},
      }),
    );
    expect(result.status).toBe(400);
    expect(await prisma.apiToken.count({ where: { userId: clerk.userId!, name: "X" } })).toBe(0);
  });
});

describe("the API's Idempotency-Key", () => {
  it("logs one position for a retried POST and answers the retry like the first; another body is 422", async () => {
    const { trailId, revision } = await amendmentInTerm();
    const clerk = actors("griffier.delft");
    const { token } = await createApiToken(clerk.id, "RIS Delft", { actor: clerk, origin: "127.0.0.1" });
    const key = crypto.randomUUID();
    const body = {
      expectedRevision: revision,
      municipalityId: delft,
      body: "COUNCIL",
      kind: "ZIENSWIJZE",
      text: "Zienswijze van Delft",
      meetingDate: "2024-03-07",
    };
    const post = (content: object, idempotencyKey: string | null = key) =>
      apiPositionsAction({
        request: new Request(`http://127.0.0.1/api/v1/trails/${trailId}/positions`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/json",
            ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
          },
          body: JSON.stringify(content),
        }),
        params: { trailId },
        context: {},
      }).catch((thrown: unknown) => thrown as Response);
    const [first, again] = await Promise.all([post(body), post(body)]);
    const retry = await post(body);
    expect([first.status, again.status, retry.status]).toEqual([201, 201, 201]);
    const answers = await Promise.all([first.json(), again.json(), retry.json()]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await prisma.position.count({ where: { trailId } })).toBe(1);

    const other = await post({ ...body, text: "Andere tekst" });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: "idempotency_key_reused" });
    const malformed = await post(body, "kort");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "idempotency_key_invalid" });
    expect(await prisma.position.count({ where: { trailId } })).toBe(1);
  });
});
