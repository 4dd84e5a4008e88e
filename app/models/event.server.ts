import crypto from "node:crypto";
import type { Prisma, Role } from "~/generated/prisma/client";
import { isPostgres, prisma } from "~/utils/db.server";
import { insertRows } from "~/utils/insert-rows.server";
import { canonicalJson } from "~/utils/canonical-json";

/** The hash of "nothing before": the first event's prevHash. */
export const GENESIS_HASH = "0".repeat(64);

export interface EventInput {
  type: string;
  trailId?: string | null;
  actor?: { id: string; role: Role; municipalityId: string | null } | null;
  payload: unknown;
  resultingState?: string | null;
}

type Tx = Prisma.TransactionClient;

function eventHash(prevHash: string, fields: Record<string, unknown>): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(canonicalJson(fields)).digest("hex");
}

/** The stored fields of an event, without its links. */
function eventFields(input: EventInput, now: Date) {
  return {
    trailId: input.trailId ?? null,
    actorId: input.actor?.id ?? null,
    actorRole: input.actor?.role ?? null,
    municipalityId: input.actor?.municipalityId ?? null,
    type: input.type,
    payload: canonicalJson(input.payload ?? {}),
    resultingState: input.resultingState ?? null,
    createdAt: now.toISOString(),
  };
}

/**
 * The hash of the last event, read inside the caller's transaction. SQLite has one writer at a time. On
 * PostgreSQL, several instances write at once: a lock held until the transaction ends makes the read of the
 * last hash and the insert one step, so two events can never chain to the same predecessor.
 */
async function chainHead(tx: Tx): Promise<string> {
  if (isPostgres()) await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(804021)");
  const previous = await tx.event.findFirst({ orderBy: { sequence: "desc" }, select: { hash: true } });
  return previous?.hash ?? GENESIS_HASH;
}

/**
 * Appends an event to the audit trail inside the caller's transaction, chained
 * to the previous event by its hash. Events are never updated or deleted.
 */
export async function appendEvent(tx: Tx, input: EventInput, now = new Date()) {
  const prevHash = await chainHead(tx);
  const fields = eventFields(input, now);
  return tx.event.create({
    data: { ...fields, createdAt: now, prevHash, hash: eventHash(prevHash, fields) },
  });
}

/**
 * Appends several events in this order, as appendEvent one after the other would, with one read of the
 * chain's head and one insert: each is chained to the one before it.
 */
export async function appendEvents(tx: Tx, inputs: readonly EventInput[], now = new Date()): Promise<void> {
  if (!inputs.length) return;
  let prevHash = await chainHead(tx);
  const data = inputs.map((input) => {
    const fields = eventFields(input, now);
    const row = { ...fields, createdAt: now, prevHash, hash: eventHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
  // One multi-row INSERT: the rows take their sequence numbers in this order, on SQLite and PostgreSQL.
  await insertRows(tx, "Event", data);
}

type StoredEvent = Prisma.EventGetPayload<object>;

/** The hash an event must have, recomputed from its stored content and its stored link to the one before. */
function storedHash(event: StoredEvent): string {
  return eventHash(event.prevHash, {
    trailId: event.trailId,
    actorId: event.actorId,
    actorRole: event.actorRole,
    municipalityId: event.municipalityId,
    type: event.type,
    payload: event.payload,
    resultingState: event.resultingState,
    createdAt: event.createdAt.toISOString(),
  });
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first event whose link is broken, with what is wrong. */
  firstBroken?: { sequence: number; reason: string };
}

/** Recomputes every link of the audit chain, in pages, and reports the first broken one. */
export async function verifyEventChain(client: Pick<Tx, "event"> = prisma): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  for (;;) {
    const page = await client.event.findMany({
      where: { sequence: { gt: after } },
      orderBy: { sequence: "asc" },
      take: 1000,
    });
    if (!page.length) return { ok: true, checked };
    for (const event of page) {
      if (event.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: { sequence: event.sequence, reason: "prevHash does not match the previous event" },
        };
      }
      if (storedHash(event) !== event.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { sequence: event.sequence, reason: "hash does not match the event's content" },
        };
      }
      prevHash = event.hash;
      checked += 1;
      after = event.sequence;
    }
  }
}

export function listTrailEvents(trailId: string) {
  return prisma.event.findMany({
    where: { trailId },
    orderBy: { sequence: "asc" },
    include: { actor: { select: { name: true } } },
  });
}

/**
 * Checks the audit chain where one trail's events sit in it, with one query however long the
 * whole trail of events is: each of the trail's events still has the content its hash was made
 * of, its link points at the event just before it in the whole chain, and the event just after
 * it points back at it. So an edit of any of the trail's events, an event moved into the trail,
 * and a removed or inserted event next to one of them are found.
 *
 * The chain is one chain for the whole table, not one per trail, so a trail's event removed
 * from between two events of other trails (or moved out of the trail) only breaks links this
 * check does not read; `verifyEventChain` (prisma/verify-audit.ts) reads every link.
 *
 * `events` are the trail's events as loaded (listTrailEvents), in sequence order.
 */
export async function verifyTrailEvents(trailId: string, events: readonly StoredEvent[]): Promise<ChainReport> {
  const links = await prisma.$queryRaw<{ sequence: number | bigint; before: string | null; after: string | null }[]>`
    SELECT e."sequence" AS "sequence",
      (SELECT p."hash" FROM "Event" p WHERE p."sequence" < e."sequence" ORDER BY p."sequence" DESC LIMIT 1) AS "before",
      (SELECT n."prevHash" FROM "Event" n WHERE n."sequence" > e."sequence" ORDER BY n."sequence" ASC LIMIT 1) AS "after"
    FROM "Event" e WHERE e."trailId" = ${trailId}`;
  const linkOf = new Map(links.map((l) => [Number(l.sequence), l]));
  let checked = 0;
  for (const event of events) {
    const link = linkOf.get(event.sequence);
    const broken = (reason: string) => ({ ok: false, checked, firstBroken: { sequence: event.sequence, reason } });
    if (event.trailId !== trailId || !link) return broken("the event is not stored with this trail");
    if (storedHash(event) !== event.hash) return broken("hash does not match the event's content");
    if (event.prevHash !== (link.before ?? GENESIS_HASH)) return broken("prevHash does not match the previous event");
    if (link.after !== null && link.after !== event.hash)
      return broken("the next event's prevHash does not match this event");
    checked += 1;
  }
  return { ok: true, checked };
}
