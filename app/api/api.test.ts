import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "~/models/api-token.server";
import { todayInAmsterdam } from "~/utils/date-range";
import { prisma } from "~/utils/db.server";
import { addDays } from "~workflows/shared/dates";
import { MAX_BODY_BYTES } from "~/utils/api.server";
import { call, expectSchema } from "../../test/factories/api";
import { demoActors } from "../../test/factories/trail";
import { loader as openApiLoader } from "../routes/api.v1.openapi[.json]";
import { loader as deadlinesLoader } from "../routes/api.v1.deadlines";
import { loader as trailsLoader } from "../routes/api.v1.trails";
import { loader as trailLoader } from "../routes/api.v1.trails_.$trailId";
import { action as positionsAction, loader as positionsLoader } from "../routes/api.v1.trails_.$trailId_.positions";
import { loader as briefLoader } from "../routes/api.v1.trails_.$trailId_.brief[.pdf]";
import { loader as financesLoader } from "../routes/api.v1.trails_.$trailId_.finances";
import { loader as answersLoader } from "../routes/api.v1.trails_.$trailId_.answers";
import { loader as lettersLoader } from "../routes/api.v1.documents.$documentId.letters[.zip]";
import { loader as annexLoader } from "../routes/api.v1.annexes.$annexId";
import { unzipSync } from "fflate";
import { addAnnex } from "~/models/annex.server";
import { createDocument } from "~/models/document.server";
import { openApiDocument } from "./openapi";

const BASE = "http://127.0.0.1/api/v1";
let delftToken: string;
let trailId: string;
let zoetermeerId: string;
let denHaagId: string;

const get = (path: string, token?: string) =>
  new Request(`${BASE}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
const post = (path: string, token: string, body: string | object, contentType = "application/json") =>
  new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  const actors = await demoActors();
  delftToken = (
    await createApiToken(actors("griffier.delft").id, "RIS Delft", {
      actor: actors("griffier.delft"),
      origin: "127.0.0.1",
    })
  ).token;
  trailId = (await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } })).id;
  zoetermeerId = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "zoetermeer" } })).id;
  denHaagId = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "den-haag" } })).id;
});

describe("JSON API /api/v1", () => {
  it("serves an OpenAPI 3.1 document", async () => {
    const response = await call(() => openApiLoader());
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/trails",
      "/trails/{trailId}",
      "/trails/{trailId}/brief.pdf",
      "/trails/{trailId}/finances",
      "/trails/{trailId}/answers",
      "/documents/{documentId}/letters.zip",
      "/annexes/{annexId}",
      "/trails/{trailId}/positions",
      "/deadlines",
    ]);
  });

  it("refuses a request without a valid token: 401 with a stable code", async () => {
    for (const token of [undefined, "h10_nonsense", "Basic abc"]) {
      const response = await call(() => trailsLoader({ request: get("/trails", token), params: {}, context: {} }));
      expect(response.status).toBe(401);
      const body = await response.json();
      expectSchema("Error", body);
      expect(body).toMatchObject({ code: "unauthorized" });
    }
  });

  it("reads trails, one trail, positions and deadlines as the OpenAPI document describes them", async () => {
    const trails = await call(() => trailsLoader({ request: get("/trails", delftToken), params: {}, context: {} }));
    expect(trails.status).toBe(200);
    const list = await trails.json();
    expectSchema("TrailList", list);
    expect(list.trails.map((t: { reference: string }) => t.reference)).toContain("H10-GR-2024");

    const one = await (
      await call(() =>
        trailLoader({ request: get(`/trails/${trailId}`, delftToken), params: { trailId }, context: {} }),
      )
    ).json();
    expectSchema("TrailDetail", one);
    expect(one.participants).toHaveLength(9);

    const missing = await call(() =>
      trailLoader({ request: get("/trails/nope", delftToken), params: { trailId: "nope" }, context: {} }),
    );
    expect(missing.status).toBe(404);
    expectSchema("Error", await missing.json());

    const positions = await (
      await call(() =>
        positionsLoader({ request: get(`/trails/${trailId}/positions`, delftToken), params: { trailId }, context: {} }),
      )
    ).json();
    expectSchema("PositionList", positions);

    const deadlines = await (
      await call(() => deadlinesLoader({ request: get("/deadlines", delftToken), params: {}, context: {} }))
    ).json();
    expectSchema("DeadlineList", deadlines);
    expect(deadlines.deadlines.some((d: { kind: string }) => d.kind === "zienswijze")).toBe(true);
  });

  it("serves the trail's brief as PDF and a document's letters as a zip, as the OpenAPI document says", async () => {
    const brief = await call(() =>
      briefLoader({ request: get(`/trails/${trailId}/brief.pdf`, delftToken), params: { trailId }, context: {} }),
    );
    expect(brief.status).toBe(200);
    expect(brief.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await brief.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect(Object.keys(openApiDocument.paths["/trails/{trailId}/brief.pdf"].get.responses["200"].content)).toEqual([
      "application/pdf",
    ]);
    const noToken = await call(() =>
      briefLoader({ request: get(`/trails/${trailId}/brief.pdf`), params: { trailId }, context: {} }),
    );
    expect(noToken.status).toBe(401);

    const documentId = (await prisma.document.findFirstOrThrow({ where: { trailId } })).id;
    const letters = await call(() =>
      lettersLoader({
        request: get(`/documents/${documentId}/letters.zip`, delftToken),
        params: { documentId },
        context: {},
      }),
    );
    expect(letters.status).toBe(200);
    expect(letters.headers.get("Content-Type")).toBe("application/zip");
    // A zip starts with a local file header.
    expect(
      Buffer.from(await letters.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const missing = await call(() =>
      lettersLoader({
        request: get("/documents/nope/letters.zip", delftToken),
        params: { documentId: "nope" },
        context: {},
      }),
    );
    expect(missing.status).toBe(404);
    expectSchema("Error", await missing.json());
  });

  it("reads a budget cycle's contribution of each council against last year's, as the OpenAPI document describes it", async () => {
    const cycle = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });
    const response = await call(() =>
      financesLoader({
        request: get(`/trails/${cycle.id}/finances`, delftToken),
        params: { trailId: cycle.id },
        context: {},
      }),
    );
    const body = await response.json();
    expectSchema("FinanceList", body);
    // The seed's 2025 figure is 4 % above 2024's, both shared by the 2022 inhabitants: every council +4.0 %.
    expect(body.contributions).toMatchObject({
      budgetYear: 2025,
      previousFrom: "entered",
      total: { amount: "3214796.00", previousAmount: "3091150.00", difference: "123646.00", percent: "4.0" },
    });
    const councils = body.contributions.councils as { municipality: string; amount: string; percent: string }[];
    expect(councils.find((c) => c.municipality === "Zoetermeer")).toMatchObject({
      amount: "357221.96",
      percent: "4.0",
    });
    expect(councils.reduce((sum, c) => sum + Math.round(Number(c.amount) * 100), 0)).toBe(321_479_600);
  });

  it("reads the answer ledger of the seeded budget cycle, and refuses it for a kind without one", async () => {
    const cycle = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });
    const response = await call(() =>
      answersLoader({
        request: get(`/trails/${cycle.id}/answers`, delftToken),
        params: { trailId: cycle.id },
        context: {},
      }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expectSchema("AnswerList", body);
    expect(
      body.items.map((i: { municipality: string; answer: unknown }) => [i.municipality, i.answer !== null]),
    ).toEqual([
      ["Delft", false],
      ["Zoetermeer", true],
    ]);
    expect(body.items[1].answer).toMatchObject({ answeredOn: "2024-06-06", text: expect.stringContaining("stijging") });
    const vision = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-VISIE-2017" } });
    const none = await call(() =>
      answersLoader({
        request: get(`/trails/${vision.id}/answers`, delftToken),
        params: { trailId: vision.id },
        context: {},
      }),
    );
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ code: "no_answer_ledger" });
    expect(
      (
        await call(() =>
          answersLoader({ request: get(`/trails/${cycle.id}/answers`), params: { trailId: cycle.id }, context: {} }),
        )
      ).status,
    ).toBe(401);
  });

  it("reads a trail's amounts with every share as decimal euros, as the OpenAPI document describes them", async () => {
    const response = await call(() =>
      financesLoader({ request: get(`/trails/${trailId}/finances`, delftToken), params: { trailId }, context: {} }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expectSchema("FinanceList", body);
    expect(body.items[0]).toMatchObject({
      label: "Jaarkosten GR Servicebureau Jeugdhulp Haaglanden",
      amount: "3091150.00",
      allocation: { ok: true, inhabitantsYear: 2022 },
    });
    // Not a budget cycle: no contributions.
    expect(body.contributions).toBeNull();
    const shares = body.items[0].allocation.shares as { municipality: string; amount: string }[];
    expect(shares.find((s) => s.municipality === "Rijswijk")?.amount).toBe("155511.75");
    expect(shares.reduce((sum, s) => sum + Math.round(Number(s.amount) * 100), 0)).toBe(309_115_000);
    const missing = await call(() =>
      financesLoader({ request: get("/trails/nope/finances", delftToken), params: { trailId: "nope" }, context: {} }),
    );
    expect(missing.status).toBe(404);
    expectSchema("Error", await missing.json());
    expect(
      (
        await call(() =>
          financesLoader({ request: get(`/trails/${trailId}/finances`), params: { trailId }, context: {} }),
        )
      ).status,
    ).toBe(401);
  });

  it("posts a position for the token holder's own council; it is a step of the trail", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    const delftId = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
    const body = {
      expectedRevision: trail.revision,
      municipalityId: delftId,
      body: "COUNCIL",
      kind: "ZIENSWIJZE",
      text: "De raad van Delft vraagt om een jaarlijkse verantwoording.",
      meetingDate: "2024-03-07",
      votes: { for: 28, against: 7, abstained: 0 },
      partyVotes: [{ party: "GroenLinks", for: 9, against: 0, abstained: 0 }],
      decisionReference: "RV 2024/031",
    };
    const response = await call(() =>
      positionsAction({
        request: post(`/trails/${trailId}/positions`, delftToken, body),
        params: { trailId },
        context: {},
      }),
    );
    expect(response.status).toBe(201);
    const created = await response.json();
    expectSchema("Position", created);
    expect(created).toMatchObject({
      municipalityId: delftId,
      kind: "ZIENSWIJZE",
      votes: { for: 28, against: 7, abstained: 0 },
    });
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).revision).toBe(trail.revision + 1);

    // The same step again: the trail no longer expects it.
    const again = await call(() =>
      positionsAction({
        request: post(`/trails/${trailId}/positions`, delftToken, { ...body, expectedRevision: trail.revision + 1 }),
        params: { trailId },
        context: {},
      }),
    );
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ code: "event_not_accepted" });
  });

  it("a Delft token cannot post for Den Haag: 403, nothing stored", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    const before = await prisma.position.count();
    const response = await call(() =>
      positionsAction({
        request: post(`/trails/${trailId}/positions`, delftToken, {
          expectedRevision: trail.revision,
          municipalityId: denHaagId,
          body: "COUNCIL",
          kind: "MOTION",
          text: "Motie",
          meetingDate: "2024-03-07",
        }),
        params: { trailId },
        context: {},
      }),
    );
    expect(response.status).toBe(403);
    const error = await response.json();
    expectSchema("Error", error);
    expect(error.code).toBe("forbidden_body");
    expect(error.details).toBeUndefined();
    expect(await prisma.position.count()).toBe(before);
  });

  it("a meeting date after today: 400 date_in_future; party votes over the totals: 400 party_votes_exceed_totals; nothing stored", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    const delftId = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
    const before = await Promise.all([prisma.position.count(), prisma.event.count()]);
    const postPosition = async (fields: object) => {
      const response = await call(() =>
        positionsAction({
          request: post(`/trails/${trailId}/positions`, delftToken, {
            expectedRevision: trail.revision,
            municipalityId: delftId,
            body: "COUNCIL",
            kind: "MOTION",
            text: "Motie over de jeugdhulp",
            meetingDate: "2024-03-07",
            ...fields,
          }),
          params: { trailId },
          context: {},
        }),
      );
      const body = await response.json();
      expectSchema("Error", body);
      return { status: response.status, body };
    };
    // Two days ahead: after today (Amsterdam) even when the test runs across midnight.
    const today = todayInAmsterdam();
    const ahead = await postPosition({ meetingDate: addDays(today, 2) });
    expect(ahead).toMatchObject({
      status: 400,
      body: { code: "date_in_future", details: { field: "meetingDate", latest: today } },
    });
    expect(ahead.body.message).toContain("vergaderdatum");
    const over = await postPosition({
      votes: { for: 20, against: 10, abstained: 0 },
      partyVotes: [
        { party: "D66", for: 8, against: 0, abstained: 0 },
        { party: "VVD", for: 17, against: 2, abstained: 0 },
      ],
    });
    expect(over).toMatchObject({
      status: 400,
      body: { code: "party_votes_exceed_totals", details: { exceeded: [{ count: "for", parties: 25, total: 20 }] } },
    });
    expect(await Promise.all([prisma.position.count(), prisma.event.count()])).toEqual(before);
  });

  it("a position for a trail that does not exist: 404 trail_not_found, without details", async () => {
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const response = await call(() =>
      positionsAction({
        request: post(`/trails/bestaat-niet/positions`, delftToken, {
          expectedRevision: 0,
          municipalityId: delft.id,
          body: "COUNCIL",
          kind: "MOTION",
          text: "Motie",
          meetingDate: "2024-03-07",
        }),
        params: { trailId: "bestaat-niet" },
        context: {},
      }),
    );
    expect(response.status).toBe(404);
    const error = await response.json();
    expectSchema("Error", error);
    expect(error).toEqual({ code: "trail_not_found", message: "Dit traject bestaat niet." });
  });

  it("answers malformed JSON, unknown fields, wrong types, oversized bodies and non-JSON with clear 4xx codes", async () => {
    const before = await prisma.position.count();
    const send = (body: string | object, contentType?: string) =>
      call(() =>
        positionsAction({
          request: post(`/trails/${trailId}/positions`, delftToken, body, contentType),
          params: { trailId },
          context: {},
        }),
      );
    const valid = {
      expectedRevision: 0,
      municipalityId: zoetermeerId,
      body: "COUNCIL",
      kind: "MOTION",
      text: "x",
      meetingDate: "2024-03-07",
    };
    const cases: [Response, number, string][] = [
      [await send("{ not json"), 400, "malformed_json"],
      [await send({ ...valid, secret: true }), 400, "invalid_body"],
      [await send({ ...valid, expectedRevision: "zero" }), 400, "invalid_body"],
      [await send({ ...valid, meetingDate: "7 maart" }), 400, "invalid_body"],
      [await send({ ...valid, text: "x".repeat(MAX_BODY_BYTES) }), 413, "body_too_large"],
      [await send("kind=MOTION", "application/x-www-form-urlencoded"), 415, "unsupported_media_type"],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      const body = await response.json();
      expectSchema("Error", body);
      expect(body.code).toBe(code);
    }
    expect(await prisma.position.count()).toBe(before);
  });

  it("a revoked token no longer works", async () => {
    const actors = await demoActors();
    const { id, token } = await createApiToken(actors("wethouder.westland").id, "tijdelijk", {
      actor: actors("wethouder.westland"),
      origin: "127.0.0.1",
    });
    expect((await call(() => trailsLoader({ request: get("/trails", token), params: {}, context: {} }))).status).toBe(
      200,
    );
    expect(
      await revokeApiToken(actors("wethouder.westland").id, id, {
        actor: actors("wethouder.westland"),
        origin: "127.0.0.1",
      }),
    ).toBe(true);
    expect((await call(() => trailsLoader({ request: get("/trails", token), params: {}, context: {} }))).status).toBe(
      401,
    );
    // Only the hash is stored.
    expect(await prisma.apiToken.count({ where: { tokenHash: token } })).toBe(0);
  });
});

describe("annexes in the API", () => {
  it("lists a trail's annexes and its documents' with their download address, which serves the file to a token", async () => {
    const actors = await demoActors();
    const pdf = new TextEncoder().encode("%PDF-1.7\n%%EOF\n");
    const onTrail = await addAnnex(
      { kind: "trail", trailId },
      { name: "Notitie reikwijdte.pdf", bytes: pdf },
      { title: "Notitie reikwijdte", internal: true },
      actors("secretaris"),
    );
    if (!onTrail.ok) throw new Error(onTrail.code);
    const one = await (
      await call(() =>
        trailLoader({ request: get(`/trails/${trailId}`, delftToken), params: { trailId }, context: {} }),
      )
    ).json();
    expectSchema("TrailDetail", one);
    expect(one.annexes).toContainEqual({
      id: onTrail.annexId,
      fileName: "Notitie reikwijdte.pdf",
      title: "Notitie reikwijdte",
      size: pdf.byteLength,
      mediaType: "application/pdf",
      internal: true,
      documentId: null,
      revision: null,
      url: `/api/v1/annexes/${onTrail.annexId}`,
    });

    const file = await call(() =>
      annexLoader({
        request: get(`/annexes/${onTrail.annexId}`, delftToken),
        params: { annexId: onTrail.annexId },
        context: {},
      }),
    );
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    const noToken = await call(() =>
      annexLoader({ request: get(`/annexes/${onTrail.annexId}`), params: { annexId: onTrail.annexId }, context: {} }),
    );
    expect(noToken.status).toBe(401);
    const missing = await call(() =>
      annexLoader({ request: get("/annexes/nope", delftToken), params: { annexId: "nope" }, context: {} }),
    );
    expect(missing.status).toBe(404);
    expectSchema("Error", await missing.json());

    // A document's annex goes into the zip of its letters when asked.
    const memo = await createDocument(
      { trailId, kind: "BESLISPUNTENMEMO", title: "Memo met bijlage" },
      actors("secretaris"),
    );
    if (!memo.ok) throw new Error(memo.code);
    const added = await addAnnex(
      { kind: "document", documentId: memo.documentId, revision: 1 },
      { name: "Advies BO Jeugd.pdf", bytes: pdf },
      {},
      actors("secretaris"),
    );
    if (!added.ok) throw new Error(added.code);
    const zipEntries = async (query: string) => {
      const response = await call(() =>
        lettersLoader({
          request: get(`/documents/${memo.documentId}/letters.zip${query}`, delftToken),
          params: { documentId: memo.documentId },
          context: {},
        }),
      );
      expect(response.status).toBe(200);
      return Object.keys(unzipSync(new Uint8Array(await response.arrayBuffer())));
    };
    expect(await zipEntries("")).not.toContain("Bijlagen/Advies BO Jeugd.pdf");
    expect(await zipEntries("?annexes=true")).toContain("Bijlagen/Advies BO Jeugd.pdf");
  });
});
