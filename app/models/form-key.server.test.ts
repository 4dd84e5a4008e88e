import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { amendmentWithDraftReceived, createTrail, demoActors } from "../../test/factories/trail";
import { createApiTokenOnce } from "./api-token.server";
import { recordBoardVote } from "./board-vote.server";
import { createDocument } from "./document.server";
import { addFinancialItem } from "./finance.server";
import { deleteExpiredFormKeys, FORM_KEY_RETENTION_MS } from "./form-key.server";
import { addMeeting } from "./meeting.server";
import { addPositionItem, logPosition } from "./position.server";
import { sendTrailEvent, setTargetDate, startTrail } from "./trail-workflow.server";

/**
 * Every create posted twice with the same form key (a double click, a
 * re-posted form, a retried API call) makes one row: one post after the
 * other, and three at the same moment (Promise.all: on PostgreSQL separate
 * connections that wait for each other on the key; on SQLite transactions in
 * turn). The repeat's answer is the first's, and one audit event is written.
 */
let actors: (local: string) => Actor;
let ids: Record<string, string>;
beforeAll(async () => {
  actors = await demoActors();
  ids = Object.fromEntries((await prisma.municipality.findMany()).map((m) => [m.slug, m.id]));
});

const newKey = () => crypto.randomUUID();

/**
 * Posts once and again with one key (round 0), then three times at once with another (round 1): two rows more,
 * and the repeats answer like the first post of their round.
 */
async function expectOnce<R extends { ok: boolean }>(
  post: (key: string, round: 0 | 1) => Promise<R>,
  count: () => Promise<number>,
  comparable: (result: R) => unknown = (result) => result,
) {
  const before = await count();
  const inTurn = newKey();
  const first = await post(inTurn, 0);
  expect(first.ok, JSON.stringify(first)).toBe(true);
  expect(comparable(await post(inTurn, 0))).toEqual(comparable(first));
  const atOnce = newKey();
  const together = await Promise.all([0, 1, 2].map(() => post(atOnce, 1)));
  expect(
    together.every((r) => r.ok),
    JSON.stringify(together),
  ).toBe(true);
  for (const result of together) expect(comparable(result)).toEqual(comparable(together[0]!));
  expect(await count()).toBe(before + 2);
  return { first, together };
}

const eventCount = (type: string) => prisma.event.count({ where: { type } });

describe("one row for two posts of one form", () => {
  it("finance items", async () => {
    const trail = await createTrail("VISION", [ids.delft!, ids.rijswijk!]);
    const item = { label: "Frictiekosten", kind: "ONE_OFF" as const, year: 2024, amount: "1.000", keyId: null };
    const events = await eventCount("finance.item_added");
    await expectOnce(
      (key) => addFinancialItem(trail.id, item, actors("secretaris"), key),
      () => prisma.financialItem.count({ where: { trailId: trail.id } }),
    );
    expect(await eventCount("finance.item_added")).toBe(events + 2);
  });

  it("board votes", async () => {
    const trail = await createTrail("GR_AMENDMENT", [ids.delft!], { startedOn: "2023-05-01" });
    const vote = {
      subject: "Begroting",
      heldOn: "2023-06-01",
      rule: "SIMPLE" as const,
      inhabitantsYear: null,
      ballots: [{ member: "Bestuurslid H1", choice: "FOR" as const, municipalityIds: [ids.delft!] }],
    };
    const events = await eventCount("board_vote.recorded");
    await expectOnce(
      (key) => recordBoardVote(trail.id, vote, actors("secretaris"), key),
      () => prisma.boardVote.count({ where: { trailId: trail.id } }),
    );
    expect(await eventCount("board_vote.recorded")).toBe(events + 2);
    expect(await prisma.boardBallot.count({ where: { vote: { trailId: trail.id } } })).toBe(2);
  });

  it("trails", async () => {
    const reference = `DUBBEL-${process.pid}-${Date.now()}`;
    const trail = (round: number) => ({
      kind: "VISION" as const,
      title: "Regiovisie",
      reference: `${reference}-${round}`,
      summary: "",
      startedOn: "2024-01-01",
    });
    const { first } = await expectOnce(
      (key, round) => startTrail(trail(round), actors("secretaris"), key),
      () => prisma.trail.count({ where: { reference: { startsWith: reference } } }),
    );
    expect(first.ok && (await prisma.trail.findUnique({ where: { id: first.trailId } }))?.reference).toBe(
      `${reference}-0`,
    );
  });

  it("documents", async () => {
    const trail = await createTrail("VISION", [ids.delft!]);
    await expectOnce(
      (key) =>
        createDocument({ trailId: trail.id, kind: "RAADSVOORSTEL", title: "Raadsvoorstel" }, actors("secretaris"), key),
      () => prisma.document.count({ where: { trailId: trail.id } }),
    );
  });

  it("positions that are steps of the trail, and their amendments", async () => {
    const { trailId, revision } = await amendmentWithDraftReceived(
      [ids.delft!, ids["den-haag"]!],
      actors("secretaris"),
    );
    const trail = { id: trailId };
    const zienswijze = (municipalityId: string, expectedRevision: number) => ({
      trailId: trail.id,
      expectedRevision,
      municipalityId,
      body: "COUNCIL" as const,
      kind: "ZIENSWIJZE" as const,
      text: "De raad vraagt om een sterkere rol bij de begroting.",
      meetingDate: "2024-03-07",
    });
    // Round 0 for Den Haag (it moves the trail), round 1 for Delft on the revision that follows.
    const { first, together } = await expectOnce(
      (key, round) =>
        round === 0
          ? logPosition(zienswijze(ids["den-haag"]!, revision), actors("secretaris"), key)
          : logPosition(zienswijze(ids.delft!, revision + 1), actors("secretaris"), key),
      () => prisma.position.count({ where: { trailId: trail.id } }),
      // The repeat's revision is the trail's now.
      (result) => (result.ok ? result.positionId : result),
    );
    expect(first.ok && together[0]!.ok).toBe(true);
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).revision).toBe(revision + 2);

    const positionId = first.ok ? first.positionId : "";
    await expectOnce(
      (key) =>
        addPositionItem(
          positionId,
          { kind: "AMENDMENT", title: "Amendement A", text: "Voeg toe …", adopted: true },
          actors("secretaris"),
          key,
        ),
      () => prisma.positionItem.count({ where: { positionId } }),
    );
  });

  it("trail steps and target dates", async () => {
    const trail = await createTrail("GR_AMENDMENT", [ids.delft!, ids["den-haag"]!]);
    await expectOnce(
      (key, round) =>
        sendTrailEvent(
          round === 0
            ? { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } }
            : {
                trailId: trail.id,
                expectedRevision: 1,
                type: "DRAFT_RECEIVED",
                municipalityId: ids.delft,
                fields: { on: "2024-01-15" },
              },
          actors("secretaris"),
          key,
        ),
      () => prisma.event.count({ where: { trailId: trail.id, type: { startsWith: "workflow." } } }),
      (result) => (result.ok ? result.revision : result),
    );
    await expectOnce(
      (key) => setTargetDate({ trailId: trail.id, label: "Voorstel", dueOn: "2024-06-01" }, actors("secretaris"), key),
      () => prisma.deadline.count({ where: { trailId: trail.id, kind: "target" } }),
    );
  });

  it("council meetings", async () => {
    await expectOnce(
      (key, round) =>
        addMeeting(
          { municipalityId: ids.delft!, bodyKind: "COUNCIL", date: round === 0 ? "2031-02-06" : "2031-03-06" },
          actors("griffier.delft"),
          key,
        ),
      () =>
        prisma.councilMeeting.count({ where: { municipalityId: ids.delft!, date: { gte: new Date("2031-01-01") } } }),
    );
  });

  it("API tokens: the repeat shows no token, for only the first answer may", async () => {
    const clerk = actors("griffier.delft");
    const name = `Raadsinformatiesysteem ${Date.now()}`;
    const { first, together } = await expectOnce(
      (key) => createApiTokenOnce(clerk.id, name, { actor: clerk, origin: "127.0.0.1" }, key),
      () => prisma.apiToken.count({ where: { userId: clerk.id, name } }),
      (result) => result.ok && result.id,
    );
    expect(first.ok && first.token).toMatch(/^h10_/);
    expect(together.filter((r) => r.ok && r.token !== null)).toHaveLength(1);
  });
});

describe("keys", () => {
  const item = { label: "Frictiekosten", kind: "ONE_OFF" as const, year: 2024, amount: "1.000", keyId: null };

  it("are refused with other content, stay free after a refused post, and are each user's own", async () => {
    const trail = await createTrail("VISION", [ids.delft!]);
    const secretary = actors("secretaris");
    const key = newKey();
    const count = () => prisma.financialItem.count({ where: { trailId: trail.id } });
    expect(await addFinancialItem(trail.id, { ...item, amount: "veel" }, secretary, key)).toEqual({
      ok: false,
      code: "amount_invalid",
    });
    expect(await addFinancialItem(trail.id, { ...item, keyId: "bestaat-niet" }, secretary, key)).toEqual({
      ok: false,
      code: "key_not_found",
    });
    expect((await addFinancialItem(trail.id, item, secretary, key)).ok).toBe(true);
    expect(await addFinancialItem(trail.id, { ...item, label: "Iets anders" }, secretary, key)).toMatchObject({
      ok: false,
      status: 422,
      code: "form_key_reused",
    });
    expect(await count()).toBe(1);
    // The same key of another user, or of another kind of form, is another key.
    const admin = { ...actors("beheer"), role: "SECRETARY" as const };
    expect((await addFinancialItem(trail.id, item, admin, key)).ok).toBe(true);
    expect((await createDocument({ trailId: trail.id, kind: "BESLUIT", title: "B" }, secretary, key)).ok).toBe(true);
    expect(await count()).toBe(2);
    // Without a key every post adds (scripts, pages from before the keys).
    await addFinancialItem(trail.id, item, secretary);
    await addFinancialItem(trail.id, item, secretary);
    expect(await count()).toBe(4);
  });

  it("are forgotten by the housekeeping round after the retention period", async () => {
    const trail = await createTrail("VISION", [ids.delft!]);
    const key = newKey();
    await addFinancialItem(trail.id, item, actors("secretaris"), key);
    expect(await deleteExpiredFormKeys(new Date())).toBe(0);
    expect(await deleteExpiredFormKeys(new Date(Date.now() + FORM_KEY_RETENTION_MS + 60_000))).toBeGreaterThan(0);
    expect(await prisma.formKey.count({ where: { key } })).toBe(0);
  });
});
