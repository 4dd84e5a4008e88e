/**
 * One-time keys of create forms (and the API's Idempotency-Key): every create
 * form carries a random key made when it was rendered; the key is claimed in
 * the same transaction as what the post creates, under a unique key per user
 * and kind of create. A second post with the same key (a double click, a
 * browser posting the form again, a retried API call) creates nothing and is
 * answered like the first; two at the same moment wait for each other on the
 * unique key, on SQLite and on PostgreSQL alike.
 */
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { canonicalJson } from "~/utils/canonical-json";
import { prisma } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;

export type FormKeyScope =
  | "agenda_item"
  | "api_token"
  | "board_vote"
  | "document"
  | "finance_item"
  | "meeting"
  | "position"
  | "position_item"
  | "shared_draft"
  | "target_date"
  | "trail"
  | "trail_event"
  | "zienswijze_answer";

/** Who posted which key; a post without a key (a script, a page from before keys) is not guarded. */
export interface FormKeyUse {
  userId: string;
  key: string | null | undefined;
}

/** The answer to a key used before with other content: refused, never taken for a repeat of something else. */
export const FORM_KEY_REUSED = { ok: false, status: 422, code: "form_key_reused" } as const;
export type FormKeyReused = typeof FORM_KEY_REUSED;

/** How long a key is remembered: far longer than any double click or re-posted form. */
export const FORM_KEY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Writes to one trail take turns (the trail row's revision and the audit chain's head are locked until
 * commit), so under many concurrent posts on a busy machine a transaction can spend seconds waiting for
 * its turn: that wait is not work, and Prisma's default limit of 5 s made it a 500. Posts with the same
 * key come together (a double click): each needs a connection at once, and opening them can take longer
 * than Prisma's default wait of 2 s to start a transaction.
 */
const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

/** A result that is not ok, carried out of the transaction so that it rolls back and the key stays free. */
class NotCreated<R> {
  constructor(readonly result: R) {}
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function fingerprintOf(content: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/**
 * What an earlier post with this key made: its id when it carried the same
 * content, FORM_KEY_REUSED when it carried other content, null when the key
 * is new (or the post carried none). For a route that must send a repeat
 * where the first post went before checks the first post made fail.
 */
export async function usedFormKey(
  use: FormKeyUse | null | undefined,
  scope: FormKeyScope,
  content: unknown,
): Promise<{ resultId: string } | FormKeyReused | null> {
  if (!use?.key) return null;
  const used = await prisma.formKey.findUnique({
    where: { userId_scope_key: { userId: use.userId, scope, key: use.key } },
    select: { fingerprint: true, resultId: true },
  });
  if (!used) return null;
  return used.fingerprint === fingerprintOf(content) ? { resultId: used.resultId } : FORM_KEY_REUSED;
}

/**
 * Runs `create` in a transaction that first claims the key. A key already
 * used with the same content gives `repeat` of what the first post made; with
 * other content, FORM_KEY_REUSED. A result that is not ok rolls back, key and
 * all, so a corrected post with the same key goes through. Without a key it is
 * a plain transaction.
 */
export async function createOnce<R extends { ok: boolean }>(options: {
  use: FormKeyUse | null | undefined;
  scope: FormKeyScope;
  /** What was posted, as the model received it: a repeat carries the same. */
  content: unknown;
  create: (tx: Tx) => Promise<R>;
  /** The id to remember of a result that is ok. */
  idOf: (result: Extract<R, { ok: true }>) => string;
  /** The answer to a repeat, from the id the first post remembered. */
  repeat: (resultId: string) => Promise<NoInfer<R>> | NoInfer<R>;
}): Promise<R | FormKeyReused> {
  const { use, scope, content } = options;
  if (!use?.key) return prisma.$transaction((tx) => options.create(tx), WRITE_TRANSACTION);
  const id = { userId: use.userId, scope, key: use.key };
  const earlier = async () => {
    const used = await usedFormKey(use, scope, content);
    return used && "resultId" in used ? options.repeat(used.resultId) : used;
  };
  const before = await earlier();
  if (before) return before;
  try {
    return await prisma.$transaction(async (tx) => {
      // First: a concurrent post with the same key waits here until this transaction ends, then fails.
      await tx.formKey.create({ data: { ...id, fingerprint: fingerprintOf(content), resultId: "" } });
      const result = await options.create(tx);
      if (!result.ok) throw new NotCreated(result);
      await tx.formKey.update({
        where: { userId_scope_key: id },
        data: { resultId: options.idOf(result as Extract<R, { ok: true }>) },
      });
      return result;
    }, WRITE_TRANSACTION);
  } catch (error) {
    if (error instanceof NotCreated) return error.result as R;
    if (isUniqueViolation(error)) {
      // The same key, claimed by a post that committed meanwhile.
      const after = await earlier();
      if (after) return after;
    }
    throw error;
  }
}

/** The housekeeping round's purge of keys older than FORM_KEY_RETENTION_MS. */
export async function deleteExpiredFormKeys(now = new Date()): Promise<number> {
  const { count } = await prisma.formKey.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - FORM_KEY_RETENTION_MS) } },
  });
  return count;
}
