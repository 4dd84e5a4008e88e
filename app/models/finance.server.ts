/**
 * Financial consequences of a trail: regional amounts (one-off or yearly, per
 * year, or "pm") and, for each amount shared by an allocation key, every
 * participating municipality's share to the cent (app/money/).
 */
import type { Prisma } from "~/generated/prisma/client";
import type { AllocationMethod, AmountKind } from "~/generated/prisma/enums";
import { centsToDecimal, MAX_CENTS, parseDecimal, parseEuros, readAmount, scaledToDecimal } from "~/money/allocate";
import { allocateByKey, HUNDRED_PERCENT, PERCENT_SCALE, type KeyRule, type Participant } from "~/money/keys";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";
import { createOnce, type FormKeyReused } from "./form-key.server";

/** Who may define keys and enter a trail's amounts: the policy secretaries (and administrators for keys). */
export function mayEnterFinances(actor: Actor): boolean {
  return actor.role === "SECRETARY";
}
export function mayManageKeys(actor: Actor): boolean {
  return actor.role === "SECRETARY" || actor.role === "ADMIN";
}

export type FinanceError =
  | "trail_not_found"
  | "key_not_found"
  | "item_not_found"
  | "amount_invalid"
  | "key_name_taken"
  | "percentages_not_hundred"
  | "entry_invalid"
  | "entry_unknown_municipality"
  | "key_in_use";

function ruleOf(key: {
  method: AllocationMethod;
  inhabitantsYear: number | null;
  entries: { municipalityId: string; value: bigint }[];
}): KeyRule {
  return {
    method: key.method,
    inhabitantsYear: key.inhabitantsYear,
    entries: new Map(key.entries.map((e) => [e.municipalityId, e.value])),
  };
}

/** A key's entry shown as entered: a percentage ("2.24") or an amount in euros ("329000.00"). */
function entryText(method: AllocationMethod, value: bigint): string {
  return method === "PERCENTAGES" ? scaledToDecimal(value, PERCENT_SCALE) : centsToDecimal(value);
}

export async function listAllocationKeys() {
  const keys = await prisma.allocationKey.findMany({
    orderBy: { name: "asc" },
    include: {
      entries: { include: { municipality: { select: { name: true } } } },
    },
  });
  // The amounts shared by each key, counted along FinancialItem(keyId) (Prisma's `_count` groups every amount of
  // every trail).
  const uses = await prisma.financialItem.groupBy({
    by: ["keyId"],
    where: { keyId: { in: keys.map((k) => k.id) } },
    _count: { _all: true },
  });
  const usedBy = new Map(uses.map((u) => [u.keyId, u._count._all]));
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    method: k.method,
    inhabitantsYear: k.inhabitantsYear,
    description: k.description,
    usedBy: usedBy.get(k.id) ?? 0,
    entries: k.entries
      .map((e) => ({
        municipalityId: e.municipalityId,
        municipality: e.municipality.name,
        value: entryText(k.method, e.value),
      }))
      .sort((a, b) => a.municipality.localeCompare(b.municipality, "nl")),
  }));
}

export interface KeyInput {
  id?: string;
  name: string;
  method: AllocationMethod;
  inhabitantsYear: number | null;
  description: string;
  /** PERCENTAGES: percentages as written ("2,24"); USAGE: euros as written. Empty values are left out. */
  entries: { municipalityId: string; value: string }[];
}

/** Creates or replaces a key. A percentage table must add up to exactly 100 %. */
export async function saveAllocationKey(
  input: KeyInput,
  actor: Actor,
): Promise<{ ok: true; id: string } | { ok: false; code: FinanceError; municipalityId?: string }> {
  const entries: { municipalityId: string; value: bigint }[] = [];
  if (input.method === "PERCENTAGES" || input.method === "USAGE") {
    for (const entry of input.entries) {
      if (!entry.value.trim()) continue;
      const value = input.method === "PERCENTAGES" ? parseDecimal(entry.value, PERCENT_SCALE) : parseEuros(entry.value);
      if (value === null || value < 0n || value > (input.method === "PERCENTAGES" ? HUNDRED_PERCENT : MAX_CENTS)) {
        return { ok: false, code: "entry_invalid", municipalityId: entry.municipalityId };
      }
      entries.push({ municipalityId: entry.municipalityId, value });
    }
    if (input.method === "PERCENTAGES" && entries.reduce((sum, e) => sum + e.value, 0n) !== HUNDRED_PERCENT) {
      return { ok: false, code: "percentages_not_hundred" };
    }
  }
  const known = new Set((await prisma.municipality.findMany({ select: { id: true } })).map((m) => m.id));
  const unknown = entries.find((e) => !known.has(e.municipalityId));
  if (unknown) return { ok: false, code: "entry_unknown_municipality", municipalityId: unknown.municipalityId };
  return prisma.$transaction(async (tx) => {
    const clash = await tx.allocationKey.findUnique({ where: { name: input.name }, select: { id: true } });
    if (clash && clash.id !== input.id) return { ok: false as const, code: "key_name_taken" as const };
    const data = {
      name: input.name,
      method: input.method,
      inhabitantsYear: input.method === "INHABITANTS" ? input.inhabitantsYear : null,
      description: input.description,
    };
    let id: string;
    if (input.id) {
      const existing = await tx.allocationKey.findUnique({ where: { id: input.id }, select: { id: true } });
      if (!existing) return { ok: false as const, code: "key_not_found" as const };
      await tx.allocationKey.update({ where: { id: input.id }, data });
      await tx.allocationKeyEntry.deleteMany({ where: { keyId: input.id } });
      id = input.id;
    } else {
      id = (await tx.allocationKey.create({ data, select: { id: true } })).id;
    }
    if (entries.length) await tx.allocationKeyEntry.createMany({ data: entries.map((e) => ({ keyId: id, ...e })) });
    await appendEvent(tx, {
      type: input.id ? "allocation_key.changed" : "allocation_key.created",
      actor,
      payload: {
        keyId: id,
        ...data,
        entries: entries.map((e) => ({ municipalityId: e.municipalityId, value: entryText(input.method, e.value) })),
      },
    });
    return { ok: true as const, id };
  });
}

export interface ItemInput {
  label: string;
  kind: AmountKind;
  year: number;
  /** Euros as written, or "pm" (empty is refused: say pm). */
  amount: string;
  keyId: string | null;
}

/**
 * Writes an amount on a trail with its audit event, inside the caller's transaction; the caller has checked the
 * trail and the key. Returns the item's id.
 */
export async function insertFinancialItem(
  tx: Prisma.TransactionClient,
  trail: { id: string; state: string },
  item: Omit<ItemInput, "amount"> & { amountCents: bigint | null },
  actor: Actor,
): Promise<string> {
  const { id } = await tx.financialItem.create({
    data: {
      trailId: trail.id,
      label: item.label,
      kind: item.kind,
      year: item.year,
      amountCents: item.amountCents,
      keyId: item.keyId,
      createdById: actor.id,
    },
    select: { id: true },
  });
  await appendEvent(tx, {
    type: "finance.item_added",
    trailId: trail.id,
    actor,
    payload: {
      itemId: id,
      label: item.label,
      kind: item.kind,
      year: item.year,
      amount: item.amountCents === null ? "pm" : centsToDecimal(item.amountCents),
      keyId: item.keyId,
    },
    resultingState: trail.state,
  });
  return id;
}

export async function addFinancialItem(
  trailId: string,
  input: ItemInput,
  actor: Actor,
  /** The form's one-time key: a second post with it adds nothing and answers with the first item. */
  formKey?: string | null,
): Promise<{ ok: true; id: string } | { ok: false; code: FinanceError | FormKeyReused["code"] }> {
  const amountCents = readAmount(input.amount);
  if (amountCents === undefined) return { ok: false, code: "amount_invalid" };
  return createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "finance_item",
    content: { trailId, ...input },
    create: async (tx) => {
      const trail = await tx.trail.findUnique({ where: { id: trailId }, select: { id: true, state: true } });
      if (!trail) return { ok: false as const, code: "trail_not_found" as const };
      if (input.keyId && !(await tx.allocationKey.findUnique({ where: { id: input.keyId }, select: { id: true } }))) {
        return { ok: false as const, code: "key_not_found" as const };
      }
      const id = await insertFinancialItem(tx, trail, { ...input, amountCents }, actor);
      return { ok: true as const, id };
    },
    idOf: (result) => result.id,
    repeat: (id) => ({ ok: true as const, id }),
  });
}

export async function removeFinancialItem(
  trailId: string,
  itemId: string,
  actor: Actor,
): Promise<{ ok: true } | { ok: false; code: FinanceError }> {
  return prisma.$transaction(async (tx) => {
    const item = await tx.financialItem.findFirst({
      where: { id: itemId, trailId },
      include: { trail: { select: { state: true } } },
    });
    if (!item) return { ok: false as const, code: "item_not_found" as const };
    await tx.financialItem.delete({ where: { id: item.id } });
    await appendEvent(tx, {
      type: "finance.item_removed",
      trailId,
      actor,
      payload: {
        itemId,
        label: item.label,
        amount: item.amountCents === null ? "pm" : centsToDecimal(item.amountCents),
      },
      resultingState: item.trail.state,
    });
    return { ok: true as const };
  });
}

export interface ShareRow {
  municipalityId: string;
  municipality: string;
  /** Cents (safe as a number: amounts are at most MAX_CENTS). */
  cents: number;
  /** The weight the key gave: inhabitants, a percentage as written, or the usage in euros. */
  basis: string;
}

export interface FinanceItemView {
  id: string;
  label: string;
  kind: AmountKind;
  year: number;
  /** Cents, or null for "pm". */
  cents: number | null;
  key: { id: string; name: string; method: AllocationMethod } | null;
  /** The shares when the item is shared and has an amount; why not otherwise. */
  allocation:
    | { ok: true; shares: ShareRow[]; inhabitantsYear: number | null }
    | {
        ok: false;
        code: "inhabitants_missing" | "key_entry_missing" | "zero_weight";
        municipalities: string[];
        inhabitantsYear: number | null;
      }
    | null;
}

export interface TrailFinances {
  items: FinanceItemView[];
  participants: { id: string; name: string }[];
}

/** The trail's amounts with each participant's share, in two queries. */
export async function trailFinances(trailId: string): Promise<TrailFinances> {
  return (await trailsFinances([trailId])).get(trailId)!;
}

/**
 * The amounts of several trails with each participant's share, by trail, in two queries however many trails
 * (`items` narrows the amounts read, e.g. to one year's shared amounts).
 */
export async function trailsFinances(
  trailIds: readonly string[],
  items: Prisma.FinancialItemWhereInput = {},
): Promise<Map<string, TrailFinances>> {
  const trailId = { in: [...trailIds] };
  const [rows, participants] = await Promise.all([
    prisma.financialItem.findMany({
      where: { ...items, trailId },
      orderBy: [{ kind: "asc" }, { year: "asc" }, { createdAt: "asc" }],
      include: { key: { include: { entries: true } } },
    }),
    prisma.trailParticipant.findMany({
      where: { trailId },
      include: {
        municipality: { select: { id: true, name: true, inhabitantCounts: { select: { year: true, count: true } } } },
      },
    }),
  ]);
  return new Map(
    trailIds.map((id) => [
      id,
      financesOf(
        rows.filter((item) => item.trailId === id),
        participants.filter((p) => p.trailId === id),
      ),
    ]),
  );
}

type ItemRow = Prisma.FinancialItemGetPayload<{ include: { key: { include: { entries: true } } } }>;
type ParticipantRow = Prisma.TrailParticipantGetPayload<{
  include: {
    municipality: { select: { id: true; name: true; inhabitantCounts: { select: { year: true; count: true } } } };
  };
}>;

/** One trail's amounts shared among its participants. */
function financesOf(items: ItemRow[], participants: ParticipantRow[]): TrailFinances {
  const people: Participant[] = participants
    .map((p) => ({
      id: p.municipality.id,
      name: p.municipality.name,
      inhabitants: new Map(p.municipality.inhabitantCounts.map((c) => [c.year, c.count])),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return {
    participants: people.map((p) => ({ id: p.id, name: p.name })),
    items: items.map((item) => {
      let allocation: FinanceItemView["allocation"] = null;
      if (item.key && item.amountCents !== null && people.length) {
        const result = allocateByKey(item.amountCents, ruleOf(item.key), people, item.year);
        allocation = result.ok
          ? {
              ok: true,
              inhabitantsYear: result.inhabitantsYear,
              shares: result.shares.map((s) => ({
                municipalityId: s.id,
                municipality: s.name,
                cents: Number(s.cents),
                basis:
                  item.key!.method === "PERCENTAGES" || item.key!.method === "USAGE"
                    ? entryText(item.key!.method, s.weight)
                    : s.weight.toString(),
              })),
            }
          : result;
      }
      return {
        id: item.id,
        label: item.label,
        kind: item.kind,
        year: item.year,
        cents: item.amountCents === null ? null : Number(item.amountCents),
        key: item.key ? { id: item.key.id, name: item.key.name, method: item.key.method } : null,
        allocation,
      };
    }),
  };
}

/** The key that may be deleted (its name, to ask about it), or why not: unknown, or an amount is shared by it. */
export async function deletableAllocationKey(
  id: string,
  tx: Prisma.TransactionClient = prisma,
): Promise<{ ok: true; id: string; name: string } | { ok: false; code: "key_not_found" | "key_in_use" }> {
  const key = await tx.allocationKey.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!key) return { ok: false, code: "key_not_found" };
  if (await tx.financialItem.count({ where: { keyId: id } })) return { ok: false, code: "key_in_use" };
  return { ok: true, ...key };
}

export async function deleteAllocationKey(
  id: string,
  actor: Actor,
): Promise<{ ok: true } | { ok: false; code: FinanceError }> {
  return prisma.$transaction(async (tx) => {
    const key = await deletableAllocationKey(id, tx);
    if (!key.ok) return key;
    await tx.allocationKey.delete({ where: { id } });
    await appendEvent(tx, { type: "allocation_key.deleted", actor, payload: { keyId: id, name: key.name } });
    return { ok: true as const };
  });
}
