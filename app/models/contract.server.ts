/** The contract register of the arrangement: its contracts, terms and extension options. */
import { contractsAtExit, finalEnd, termEnds, type ContractTerms } from "~/arrangement/contracts";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";

export interface ContractInput extends ContractTerms {
  id?: string;
  parties: string;
  note: string;
}

function termsOf(row: {
  name: string;
  startsOn: Date | null;
  firstTermEndsOn: Date;
  extensionCount: number;
  extensionMonths: number;
  tacit: boolean;
}): ContractTerms {
  return {
    name: row.name,
    startsOn: row.startsOn ? toDateInputValue(row.startsOn) : null,
    firstTermEndsOn: toDateInputValue(row.firstTermEndsOn),
    extensionCount: row.extensionCount,
    extensionMonths: row.extensionMonths,
    tacit: row.tacit,
  };
}

export async function listContracts() {
  const rows = await prisma.contract.findMany({ orderBy: { name: "asc" } });
  return rows.map((row) => {
    const terms = termsOf(row);
    return {
      id: row.id,
      parties: row.parties,
      note: row.note,
      ...terms,
      termEnds: termEnds(terms),
      finalEndOn: finalEnd(terms),
    };
  });
}

/** Per contract, for an exit on `exitOn`: whether it runs past it and the extension decisions before it. */
export async function contractsForExit(exitOn: string) {
  const rows = await prisma.contract.findMany({ orderBy: { name: "asc" } });
  return contractsAtExit(rows.map(termsOf), exitOn);
}

export async function saveContract(
  input: ContractInput,
  actor: Actor,
): Promise<
  { ok: true; id: string } | { ok: false; code: "contract_name_taken" | "contract_not_found" | "term_before_start" }
> {
  if (input.startsOn && input.firstTermEndsOn < input.startsOn) return { ok: false, code: "term_before_start" };
  return prisma.$transaction(async (tx) => {
    const clash = await tx.contract.findUnique({ where: { name: input.name }, select: { id: true } });
    if (clash && clash.id !== input.id) return { ok: false as const, code: "contract_name_taken" as const };
    const data = {
      name: input.name,
      parties: input.parties,
      note: input.note,
      startsOn: input.startsOn ? fromDateInputValue(input.startsOn) : null,
      firstTermEndsOn: fromDateInputValue(input.firstTermEndsOn),
      extensionCount: input.extensionCount,
      extensionMonths: input.extensionMonths,
      tacit: input.tacit,
    };
    let id = input.id;
    if (id) {
      const { count } = await tx.contract.updateMany({ where: { id }, data });
      if (!count) return { ok: false as const, code: "contract_not_found" as const };
    } else {
      id = (await tx.contract.create({ data, select: { id: true } })).id;
    }
    await appendEvent(tx, {
      type: input.id ? "contract.changed" : "contract.registered",
      actor,
      payload: {
        contractId: id,
        name: input.name,
        parties: input.parties,
        note: input.note,
        startsOn: input.startsOn,
        firstTermEndsOn: input.firstTermEndsOn,
        extensionCount: input.extensionCount,
        extensionMonths: input.extensionMonths,
        tacit: input.tacit,
      },
    });
    return { ok: true as const, id };
  });
}
