import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { demoActors, visionAtCouncilDecision } from "../../test/factories/trail";
import {
  documentRecord,
  meetingEntity,
  motionRecord,
  startOriStandIn,
  type OriStandIn,
} from "../../test/factories/ori-source";
import {
  backoffMs,
  confirmProposal,
  importForMunicipality,
  listProposals,
  rejectProposal,
  runOriImport,
} from "./ori-import.server";
import { trailPage } from "./trail-page.server";

let actors: (local: string) => Actor;
let delft: string;
let rijswijk: string;
let source: OriStandIn;
let keys = 0;

beforeAll(async () => {
  actors = await demoActors();
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  rijswijk = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } })).id;
  source = await startOriStandIn();
});

afterAll(async () => {
  await source.close();
});

/** Delft's source pointed at the stand-in under a fresh key (so each test's ids are its own), from the start. */
async function freshSource() {
  keys += 1;
  const sourceKey = `delft-${process.pid}-${keys}`;
  source.pages.clear();
  await prisma.oriSource.upsert({
    where: { municipalityId: delft },
    create: { municipalityId: delft, baseUrl: source.baseUrl, sourceKey },
    update: { baseUrl: source.baseUrl, sourceKey, cursor: null, failures: 0, retryAfter: null, lastError: null },
  });
  return sourceKey;
}

let days = 0;

/** A regional vision of Delft and Rijswijk at the councils' decision, and a Delft council meeting of its own day. */
async function visionAtDecision() {
  const { trail, revision } = await visionAtCouncilDecision([delft, rijswijk], actors("secretaris"));
  days += 1;
  const day = new Date(Date.UTC(2024, 2, 1 + ((process.pid + days * 7) % 200)));
  const meetingOn = day.toISOString().slice(0, 10);
  return { trail, revision, meetingOn };
}

async function agendaItemFor(trailId: string, meetingOn: string, number: number) {
  const meeting = await prisma.councilMeeting.create({
    data: { municipalityId: delft, bodyKind: "COUNCIL", date: fromDateInputValue(meetingOn, 19) },
  });
  return prisma.agendaItem.create({
    data: {
      meetingId: meeting.id,
      number,
      title: "Regiovisie Jeugdhulp Haaglanden",
      trailId,
      status: "ACCEPTED",
      proposedById: actors("griffier.delft").id,
    },
  });
}

describe("importing council outcomes", () => {
  it("matches a decision by the agenda item linked to the trail, with its votes, and moves the cursor", async () => {
    const key = await freshSource();
    const { trail, meetingOn } = await visionAtDecision();
    const item = await agendaItemFor(trail.id, meetingOn, 7);
    const meetingId = `meeting:ibabs:gemeente:${key}:m1`;
    source.meetings.set(
      meetingId,
      meetingEntity(meetingId, `${meetingOn} 18:30:00`, [
        { id: `agenda_item:${key}:7`, number: "7", title: "Regiovisie jeugdhulp" },
      ]),
    );
    source.pages.set("", {
      records: [
        documentRecord(key, "d1"),
        motionRecord(key, "r1", {
          name: "Raadsvoorstel vaststellen regiovisie",
          motion_type: "Raadsvoorstel",
          status: "Aangenomen",
          result: "aangenomen",
          tally: { in_favour: 30, against: 5 },
          meeting: meetingId,
          agenda_item: `agenda_item:${key}:7`,
        }),
      ],
      next: "c1",
    });
    const run = await importForMunicipality(delft);
    expect(run).toMatchObject({ ok: true, read: 2, proposed: 1, unmatched: 0 });
    const proposal = await prisma.proposedPosition.findFirstOrThrow({ where: { source: key } });
    expect(proposal).toMatchObject({
      trailId: trail.id,
      agendaItemId: item.id,
      matchedBy: "agendaItem",
      kind: "ADOPTED",
      votesFor: 30,
      votesAgainst: 5,
      status: "PROPOSED",
      sourceId: `motion:ibabs:gemeente:${key}:r1`,
    });
    expect(proposal.sourceUrl).toBe(`${source.baseUrl}/api/entities/${encodeURIComponent(proposal.sourceId)}`);
    expect(await prisma.oriSource.findUniqueOrThrow({ where: { municipalityId: delft } })).toMatchObject({
      cursor: "c1",
      lastError: null,
      failures: 0,
    });
    // Nothing reached the trail.
    expect(await prisma.position.count({ where: { trailId: trail.id } })).toBe(0);
    expect(source.requests.some((r) => r.includes(`source=${key}`))).toBe(true);
  });

  it("matches a motion by meeting date and title, with the votes per group, and passes over what matches nothing", async () => {
    const key = await freshSource();
    const { trail, meetingOn } = await visionAtDecision();
    source.pages.set("", {
      records: [
        motionRecord(key, "m1", {
          name: `M3 Jeugdhulp dichtbij (${trail.title})`,
          motion_type: "Motie",
          result: "verworpen",
          date: meetingOn,
          votes: [
            { option: "voor", voter_name: "A", group_name: "GroenLinks" },
            { option: "tegen", voter_name: "B", group_name: "VVD" },
            { option: "tegen", voter_name: "C", group_name: "VVD" },
          ],
        }),
        motionRecord(key, "m2", {
          name: "Motie over parkeren",
          motion_type: "Motie",
          result: "aangenomen",
          date: meetingOn,
        }),
        motionRecord(key, "m3", { name: `Ingetrokken (${trail.title})`, motion_type: "Motie", result: "ingetrokken" }),
      ],
      next: "c1",
    });
    const run = await importForMunicipality(delft);
    expect(run).toMatchObject({ ok: true, read: 3, proposed: 1, unmatched: 1 });
    const proposal = await prisma.proposedPosition.findFirstOrThrow({ where: { source: key } });
    expect(proposal).toMatchObject({
      trailId: trail.id,
      matchedBy: "dateTitle",
      agendaItemId: null,
      kind: "MOTION",
      votesFor: 1,
      votesAgainst: 2,
    });
    expect(JSON.parse(proposal.partyVotes!)).toEqual([
      { party: "GroenLinks", for: 1, against: 0, abstained: 0 },
      { party: "VVD", for: 0, against: 2, abstained: 0 },
    ]);
  });

  it("never proposes the same source item twice, whatever the cursor", async () => {
    const key = await freshSource();
    const { trail, meetingOn } = await visionAtDecision();
    const record = motionRecord(key, "a1", {
      name: `Amendement A1 (${trail.title})`,
      motion_type: "Amendement",
      result: "aangenomen",
      date: meetingOn,
    });
    source.pages.set("", { records: [record, record], next: "c1" });
    expect(await importForMunicipality(delft)).toMatchObject({ proposed: 1, duplicates: 1 });
    await prisma.oriSource.update({ where: { municipalityId: delft }, data: { cursor: null } });
    expect(await importForMunicipality(delft)).toMatchObject({ ok: true, proposed: 0, duplicates: 2 });
    expect(await prisma.proposedPosition.count({ where: { source: key } })).toBe(1);
  });

  const failures = [
    ["a timeout", { delayMs: 1500, records: [], next: "x" }, "timeout"],
    ["a 500", { status: 500, body: { code: "export_failed", error: "Exportpagina kon niet worden gelezen" } }, "http"],
    ["malformed NDJSON", { raw: '{"seq":1}\nnot json\n', next: "x", hasMore: false }, "malformed"],
    ["a record of another shape", { raw: '{"hello":"world"}\n', next: "x", hasMore: false }, "malformed"],
    ["a response without its cursor", { raw: "", hasMore: false }, "partial"],
    ["a cut-off response", { cutOff: '{"seq":1,"op":"ups' }, "partial"],
    [
      "an unknown organisation",
      { status: 400, body: { code: "unknown_export_source", error: "Onbekende bron" } },
      "unknown_source",
    ],
  ] as const;

  it.each(failures)(
    "after %s: nothing half-written, the error shown, tried again after the backoff",
    async (_, page, kind) => {
      const key = await freshSource();
      const { trail, meetingOn } = await visionAtDecision();
      const good = motionRecord(key, "ok1", {
        name: `Motie (${trail.title})`,
        motion_type: "Motie",
        result: "aangenomen",
        date: meetingOn,
      });
      // The first page commits; the second fails.
      source.pages.set("", { records: [good], next: "p2", hasMore: true });
      source.pages.set("p2", page);
      const now = new Date("2026-12-04T10:00:00Z");
      const run = await importForMunicipality(delft, { now, timeoutMs: 500 });
      expect(run.ok).toBe(false);
      expect(run.error?.kind).toBe(kind);
      expect(run.proposed).toBe(1);
      const stored = await prisma.oriSource.findUniqueOrThrow({ where: { municipalityId: delft } });
      expect(stored.cursor).toBe("p2");
      expect(stored.failures).toBe(1);
      expect(stored.lastError).toMatch(new RegExp(`^${kind}: `));
      expect(stored.retryAfter?.getTime()).toBe(now.getTime() + backoffMs(1));
      expect(await prisma.proposedPosition.count({ where: { source: key } })).toBe(1);

      // Within the backoff the round passes it by; after it, the fixed source is read from the cursor on.
      const requestsBefore = source.requests.length;
      await runOriImport(new Date(now.getTime() + 30 * 60_000));
      expect(source.requests.slice(requestsBefore).some((r) => r.includes(key))).toBe(false);
      source.pages.set("p2", {
        records: [
          motionRecord(key, "ok2", {
            name: `Motie 2 (${trail.title})`,
            motion_type: "Motie",
            result: "verworpen",
            date: meetingOn,
          }),
        ],
        next: "p3",
      });
      const later = (await runOriImport(new Date(now.getTime() + 61 * 60_000))).find((r) => r.municipalityId === delft);
      expect(later).toMatchObject({ ok: true, proposed: 1 });
      expect(await prisma.oriSource.findUniqueOrThrow({ where: { municipalityId: delft } })).toMatchObject({
        cursor: "p3",
        failures: 0,
        lastError: null,
        retryAfter: null,
      });
    },
  );

  it("doubles the wait after failures in a row, up to a day", () => {
    expect([1, 2, 3, 6, 20].map((n) => backoffMs(n) / 3_600_000)).toEqual([1, 2, 4, 24, 24]);
  });
});

describe("a clerk's confirmation", () => {
  it("runs from the local source through the Delft clerk's confirmation to the approval matrix", async () => {
    const key = await freshSource();
    const { trail, revision, meetingOn } = await visionAtDecision();
    source.pages.set("", {
      records: [
        motionRecord(key, "besluit1", {
          name: `Vaststellen ${trail.title}`,
          motion_type: "Raadsvoorstel",
          result: "aangenomen",
          tally: { in_favour: 31, against: 4 },
          date: meetingOn,
        }),
      ],
      next: "c1",
    });
    await importForMunicipality(delft);
    const inbox = await listProposals(delft);
    const row = inbox.rows.find((r) => r.trailId === trail.id)!;
    expect(row).toMatchObject({ kind: "ADOPTED", meetingOn });

    // Only Delft's own clerk decides.
    for (const other of ["griffier.rijswijk", "secretaris", "beheer"]) {
      expect(
        await confirmProposal(
          { proposalId: row.id, expectedRevision: revision, kind: "ADOPTED", text: "x", meetingDate: meetingOn },
          actors(other),
        ),
      ).toMatchObject({ ok: false, status: 403 });
      expect(await rejectProposal({ proposalId: row.id, reason: "nee" }, actors(other))).toMatchObject({ status: 403 });
    }
    expect(await prisma.position.count({ where: { trailId: trail.id } })).toBe(0);

    const confirmed = await confirmProposal(
      {
        proposalId: row.id,
        expectedRevision: revision,
        kind: "ADOPTED",
        text: "De raad stelt de regiovisie vast.",
        meetingDate: meetingOn,
        votes: { for: 31, against: 4, abstained: 0 },
      },
      actors("griffier.delft"),
    );
    expect(confirmed).toMatchObject({ ok: true });
    const position = await prisma.position.findFirstOrThrow({ where: { trailId: trail.id } });
    expect(position).toMatchObject({
      kind: "ADOPTED",
      municipalityId: delft,
      votesFor: 31,
      workflowEvent: "COUNCIL_ADOPTED",
      sourceUrl: expect.stringContaining("/api/entities/"),
    });
    expect(await prisma.proposedPosition.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "CONFIRMED",
      positionId: position.id,
      decidedById: actors("griffier.delft").id,
    });
    const logged = await prisma.event.findFirstOrThrow({ where: { trailId: trail.id, type: "position.logged" } });
    expect(JSON.parse(logged.payload)).toMatchObject({ proposalId: row.id, kind: "ADOPTED" });

    // The trail's matrix shows Delft's decision.
    const page = await trailPage(trail.id, actors("secretaris"));
    const delftRow = page!.matrix.find((r) => r.municipalityId === delft)!;
    expect(delftRow.council).toMatchObject({ state: "done", positionId: position.id, date: meetingOn });

    // Decided once: a second confirmation or a rejection writes nothing.
    expect(
      await confirmProposal(
        { proposalId: row.id, expectedRevision: revision + 1, kind: "ADOPTED", text: "x", meetingDate: meetingOn },
        actors("griffier.delft"),
      ),
    ).toMatchObject({ ok: false, status: 409, code: "proposal_decided" });
    expect(await rejectProposal({ proposalId: row.id, reason: "nee" }, actors("griffier.delft"))).toMatchObject({
      status: 409,
    });
    expect(await prisma.position.count({ where: { trailId: trail.id } })).toBe(1);
  });

  it("a refused confirmation leaves the proposal waiting; a rejection keeps the reason and writes nothing", async () => {
    const key = await freshSource();
    const { trail, revision, meetingOn } = await visionAtDecision();
    source.pages.set("", {
      records: [
        motionRecord(key, "b1", {
          name: `Besluit ${trail.title}`,
          motion_type: "Raadsvoorstel",
          result: "verworpen",
          date: meetingOn,
        }),
      ],
      next: "c1",
    });
    await importForMunicipality(delft);
    const proposal = await prisma.proposedPosition.findFirstOrThrow({ where: { source: key } });
    // A stale revision: logPosition's own rule refuses it, and the proposal still waits.
    expect(
      await confirmProposal(
        {
          proposalId: proposal.id,
          expectedRevision: revision - 1,
          kind: "REJECTED",
          text: "x",
          meetingDate: meetingOn,
        },
        actors("griffier.delft"),
      ),
    ).toMatchObject({ ok: false, status: 409 });
    expect(await prisma.proposedPosition.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
      status: "PROPOSED",
    });
    expect(
      await rejectProposal(
        { proposalId: proposal.id, reason: "Hoort bij een ander traject" },
        actors("griffier.delft"),
      ),
    ).toEqual({
      ok: true,
    });
    expect(await prisma.proposedPosition.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
      status: "REJECTED",
      rejectReason: "Hoort bij een ander traject",
    });
    expect(await prisma.position.count({ where: { trailId: trail.id } })).toBe(0);
    expect((await listProposals(delft)).rows.some((r) => r.id === proposal.id)).toBe(false);
  });
});
