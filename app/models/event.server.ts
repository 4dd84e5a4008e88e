import crypto from "node:crypto";
import type { Prisma, Role } from "~/generated/prisma/client";
import { isPostgres, prisma } from "~/utils/db.server";
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

/**
 * Appends an event to the audit trail inside the caller's transaction, chained
 * to the previous event by its hash. Events are never updated or deleted.
 */
export async function appendEvent(tx: Tx, input: EventInput, now = new Date()) {
  // SQLite has one writer at a time. On PostgreSQL, several instances write at once: a lock
  // held until the transaction ends makes the read of the last hash and the insert one step,
  // so two events can never chain to the same predecessor.
  if (isPostgres()) await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(804021)");
  const previous = await tx.event.findFirst({ orderBy: { sequence: "desc" }, select: { hash: true } });
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const fields = {
    trailId: input.trailId ?? null,
    actorId: input.actor?.id ?? null,
    actorRole: input.actor?.role ?? null,
    municipalityId: input.actor?.municipalityId ?? null,
    type: input.type,
    payload: canonicalJson(input.payload ?? {}),
    resultingState: input.resultingState ?? null,
    createdAt: now.toISOString(),
  };
  return tx.event.create({
    data: { ...fields, createdAt: now, prevHash, hash: eventHash(prevHash, fields) },
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
      const expected = eventHash(prevHash, {
        trailId: event.trailId,
        actorId: event.actorId,
        actorRole: event.actorRole,
        municipalityId: event.municipalityId,
        type: event.type,
        payload: event.payload,
        resultingState: event.resultingState,
        createdAt: event.createdAt.toISOString(),
      });
      if (expected !== event.hash) {
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
