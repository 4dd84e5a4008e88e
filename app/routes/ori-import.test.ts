import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { demoActors, visionAtCouncilDecision } from "../../test/factories/trail";
import { action as adminAction, loader as adminLoader } from "./beheer.raadsinformatie";
import { loader as completenessLoader } from "./volledigheid";
import { loader as inboxLoader } from "./voorstellen";
import { action as proposalAction, loader as proposalLoader } from "./voorstellen_.$proposalId";

let actors: (local: string) => Actor;
let delft: string;
let rijswijk: string;
let n = 0;

beforeAll(async () => {
  actors = await demoActors();
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  rijswijk = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } })).id;
});

/** A vision at the councils' decision with one proposal for Delft's clerk, as the importer makes it. */
async function proposal() {
  n += 1;
  const { trail } = await visionAtCouncilDecision([delft, rijswijk], actors("secretaris"));
  const sourceId = `motion:ibabs:gemeente:delft:route-${process.pid}-${n}-${Date.now()}`;
  return prisma.proposedPosition.create({
    data: {
      municipalityId: delft,
      trailId: trail.id,
      source: "delft",
      sourceId,
      sourceUrl: `http://127.0.0.1:9/api/entities/${encodeURIComponent(sourceId)}`,
      kind: "ADOPTED",
      title: "Raadsvoorstel vaststellen regiovisie",
      text: "Aangenomen",
      meetingDate: fromDateInputValue("2024-03-07"),
      votesFor: 30,
      votesAgainst: 5,
      matchedBy: "dateTitle",
    },
  });
}

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

const run = (fn: unknown, request: Request, params: Record<string, string> = {}) =>
  outcome(() => (fn as Handler)({ request, params, context: {} }));

describe("the clerk's proposals", () => {
  it("lists them for the council's own clerk only", async () => {
    const p = await proposal();
    const clerk = await clientFor("griffier.delft@h10.example");
    const listed = await run(inboxLoader, get(clerk, "/voorstellen"));
    expect(listed.status).toBe(200);
    const rows = (listed.body as { rows: { id: string; title: string }[] }).rows;
    expect(rows.some((r) => r.id === p.id)).toBe(true);
    // The seed's proposal from Delft's own system, on the GR amendment.
    expect(rows.some((r) => r.title === "Zienswijze wijziging GR Servicebureau Jeugdhulp Haaglanden")).toBe(true);
    for (const email of ["secretaris@h10.example", "wethouder.delft@h10.example", "beheer@h10.example"]) {
      expect((await run(inboxLoader, get(await clientFor(email), "/voorstellen"))).status).toBe(403);
    }
    // Another council's clerk sees only their own (none of Delft's).
    const other = await run(inboxLoader, get(await clientFor("griffier.rijswijk@h10.example"), "/voorstellen"));
    expect((other.body as { rows: { id: string }[] }).rows.some((r) => r.id === p.id)).toBe(false);
  });

  it("shows and decides a proposal only for its own council's clerk (others 403, unknown 404)", async () => {
    const p = await proposal();
    const path = `/voorstellen/${p.id}`;
    const params = { proposalId: p.id };
    const clerk = await clientFor("griffier.delft@h10.example");
    const shown = await run(proposalLoader, get(clerk, path), params);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ proposal: { kind: "ADOPTED", meetingOn: "2024-03-07", votesFor: 30 } });
    expect((shown.body as { kinds: string[] }).kinds).toContain("ADOPTED");
    expect((await run(proposalLoader, get(clerk, "/voorstellen/bestaat-niet"), { proposalId: "x" })).status).toBe(404);
    for (const email of ["griffier.rijswijk@h10.example", "secretaris@h10.example", "beheer@h10.example"]) {
      const other = await clientFor(email);
      expect((await run(proposalLoader, get(other, path), params)).status).toBe(403);
      const post = formPost(other, path, {
        intent: "confirm",
        revision: "5",
        kind: "ADOPTED",
        meetingDate: "2024-03-07",
        text: "Vastgesteld",
      });
      expect((await run(proposalAction, post, params)).status).toBe(403);
      expect(
        (await run(proposalAction, formPost(other, path, { intent: "reject", reason: "nee" }), params)).status,
      ).toBe(403);
    }
    expect(await prisma.proposedPosition.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      status: "PROPOSED",
    });
  });

  it("refuses bad input in Dutch and without the CSRF token, and writes nothing", async () => {
    const p = await proposal();
    const path = `/voorstellen/${p.id}`;
    const params = { proposalId: p.id };
    const clerk = await clientFor("griffier.delft@h10.example");
    const noReason = await run(proposalAction, formPost(clerk, path, { intent: "reject", reason: " " }), params);
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain("oriImport.reasonRequired");
    const badVotes = await run(
      proposalAction,
      formPost(clerk, path, {
        intent: "confirm",
        revision: "5",
        kind: "ADOPTED",
        meetingDate: "2024-03-07",
        text: "Vastgesteld",
        votesFor: "30",
      }),
      params,
    );
    expect(badVotes.status).toBe(400);
    expect(JSON.stringify(badVotes.body)).toContain("validation.votesIncomplete");
    const noCsrf = await run(
      proposalAction,
      formPost(clerk, path, { intent: "reject", reason: "Niet van ons" }, { csrf: null }),
      params,
    );
    expect(noCsrf.status).toBe(403);
    expect(await prisma.proposedPosition.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      status: "PROPOSED",
    });
    expect(await prisma.position.count({ where: { trailId: p.trailId } })).toBe(0);
  });

  it("confirms through the position rules and goes to the logged position; rejects with a reason", async () => {
    const p = await proposal();
    const clerk = await clientFor("griffier.delft@h10.example");
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: p.trailId } });
    const confirmed = await run(
      proposalAction,
      formPost(clerk, `/voorstellen/${p.id}`, {
        intent: "confirm",
        revision: String(trail.revision),
        kind: "ADOPTED",
        meetingDate: "2024-03-07",
        text: "De raad stelt de regiovisie vast.",
        votesFor: "30",
        votesAgainst: "5",
        votesAbstained: "0",
        formKey: crypto.randomUUID(),
      }),
      { proposalId: p.id },
    );
    expect(confirmed.status).toBe(302);
    const position = await prisma.position.findFirstOrThrow({ where: { trailId: p.trailId } });
    // Another proposal for the same council and trail now says what the council already has there.
    const again = await prisma.proposedPosition.create({
      data: { ...(({ id: _id, createdAt: _at, ...rest }) => rest)(p), sourceId: `${p.sourceId}-again` },
    });
    const page = await run(proposalLoader, get(clerk, `/voorstellen/${again.id}`), { proposalId: again.id });
    expect((page.body as { logged: unknown }).logged).toEqual([{ kind: "ADOPTED", meetingOn: "2024-03-07" }]);
    // A proposal on a trail where the council has nothing yet says nothing of the kind.
    const fresh = await proposal();
    const empty = await run(proposalLoader, get(clerk, `/voorstellen/${fresh.id}`), { proposalId: fresh.id });
    expect((empty.body as { logged: unknown }).logged).toEqual([]);
    expect(confirmed.headers.get("Location")).toBe(
      `/trajecten/${p.trailId}/standpunten/${position.id}?vastgelegd=voorstel`,
    );
    expect(position.sourceUrl).toBe(p.sourceUrl);

    const q = await proposal();
    const rejected = await run(
      proposalAction,
      formPost(clerk, `/voorstellen/${q.id}`, { intent: "reject", reason: "Hoort bij een ander traject" }),
      { proposalId: q.id },
    );
    expect(rejected.status).toBe(302);
    expect(await prisma.proposedPosition.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({
      status: "REJECTED",
      rejectReason: "Hoort bij een ander traject",
    });
  });
});

describe("the administrators' source settings", () => {
  it("are for administrators only, refuse a bad address in Dutch, and save and clear a source", async () => {
    const admin = await clientFor("beheer@h10.example");
    expect((await run(adminLoader, get(admin, "/beheer/raadsinformatie"))).status).toBe(200);
    const secretary = await clientFor("secretaris@h10.example");
    expect((await run(adminLoader, get(secretary, "/beheer/raadsinformatie"))).status).toBe(403);
    expect(
      (
        await run(
          adminAction,
          formPost(secretary, "/beheer/raadsinformatie", { municipalityId: rijswijk, baseUrl: "https://x.example" }),
        )
      ).status,
    ).toBe(403);
    const bad = await run(
      adminAction,
      formPost(admin, "/beheer/raadsinformatie", {
        municipalityId: rijswijk,
        baseUrl: "ftp://x",
        sourceKey: "Rijs wijk",
      }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("oriImport.baseUrlInvalid");
    expect(JSON.stringify(bad.body)).toContain("oriImport.sourceKeyInvalid");
    const noKey = await run(
      adminAction,
      formPost(admin, "/beheer/raadsinformatie", {
        municipalityId: rijswijk,
        baseUrl: "https://openbesluitvorming.nl",
      }),
    );
    expect(JSON.stringify(noKey.body)).toContain("oriImport.sourceKeyRequired");
    expect(await prisma.oriSource.findUnique({ where: { municipalityId: rijswijk } })).toBeNull();
    const saved = await run(
      adminAction,
      formPost(admin, "/beheer/raadsinformatie", {
        municipalityId: rijswijk,
        baseUrl: "https://openbesluitvorming.nl/",
        sourceKey: "rijswijk",
      }),
    );
    expect(saved.body).toMatchObject({ saved: true });
    expect(await prisma.oriSource.findUniqueOrThrow({ where: { municipalityId: rijswijk } })).toMatchObject({
      baseUrl: "https://openbesluitvorming.nl",
      sourceKey: "rijswijk",
      cursor: null,
    });
    await run(adminAction, formPost(admin, "/beheer/raadsinformatie", { municipalityId: rijswijk, baseUrl: "" }));
    expect(await prisma.oriSource.findUnique({ where: { municipalityId: rijswijk } })).toBeNull();
  });
});

describe("the completeness monitor", () => {
  it("shows every council to secretaries, only the own council to a clerk, and nothing to an alderman", async () => {
    const secretary = await run(completenessLoader, get(await clientFor("secretaris@h10.example"), "/volledigheid"));
    expect(secretary.status).toBe(200);
    expect((secretary.body as { councils: unknown[] }).councils.length).toBe(10);
    const clerk = await run(
      completenessLoader,
      get(await clientFor("griffier.delft@h10.example"), "/volledigheid?gemeente=" + rijswijk),
    );
    expect(clerk.status).toBe(200);
    expect((clerk.body as { councils: { municipalityId: string }[] }).councils.map((c) => c.municipalityId)).toEqual([
      delft,
    ]);
    expect(
      (await run(completenessLoader, get(await clientFor("wethouder.delft@h10.example"), "/volledigheid"))).status,
    ).toBe(403);
  });
});
