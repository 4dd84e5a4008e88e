/**
 * The contract register's rules: a contract's terms (the first term and its
 * extension options) and, for an exit date, which contracts still run on it
 * and which extension decisions fall before it (seed 004 maps five).
 * Dates are calendar dates (YYYY-MM-DD); a term's end is its last day.
 */
import { addDays, addMonths, type CalendarDate } from "~workflows/shared/dates";

export interface ContractTerms {
  name: string;
  startsOn: CalendarDate | null;
  /** The last day of the first term. */
  firstTermEndsOn: CalendarDate;
  /** How many times it may be extended, and by how many months each time. */
  extensionCount: number;
  extensionMonths: number;
  /** Extended unless someone stops it (stilzwijgend), or only by a decision to extend. */
  tacit: boolean;
}

/** The last day of each possible term: the first term, then each extension. */
export function termEnds(contract: ContractTerms): CalendarDate[] {
  const ends = [contract.firstTermEndsOn];
  for (let i = 0; i < contract.extensionCount; i++) {
    // The next term starts the day after the previous one ends and lasts extensionMonths.
    ends.push(addDays(addMonths(addDays(ends.at(-1)!, 1), contract.extensionMonths), -1));
  }
  return ends;
}

/** The last day the contract can run, with every extension used. */
export function finalEnd(contract: ContractTerms): CalendarDate {
  return termEnds(contract).at(-1)!;
}

export interface ContractAtExit {
  name: string;
  /** The contract can still run on the exit date (its last possible day is on or after it). */
  runsPastExit: boolean;
  /** The end of the term that contains the exit date, if any. */
  termOnExitEndsOn: CalendarDate | null;
  /** Term ends before the exit date at which an extension is decided (or, when tacit, stopped). */
  decisionsBeforeExit: { termEndsOn: CalendarDate; tacit: boolean }[];
  finalEndOn: CalendarDate;
}

/** For an exit on `exitOn`: per contract, whether it runs past it and which extension decisions come first. */
export function contractsAtExit(contracts: readonly ContractTerms[], exitOn: CalendarDate): ContractAtExit[] {
  return contracts.map((contract) => {
    const ends = termEnds(contract);
    const started = contract.startsOn === null || contract.startsOn <= exitOn;
    return {
      name: contract.name,
      runsPastExit: ends.at(-1)! >= exitOn,
      termOnExitEndsOn: started ? (ends.find((end) => end >= exitOn) ?? null) : null,
      // The last term's end is no decision: nothing can be extended after it.
      decisionsBeforeExit: ends
        .slice(0, -1)
        .filter((end) => end < exitOn)
        .map((termEndsOn) => ({ termEndsOn, tacit: contract.tacit })),
      finalEndOn: ends.at(-1)!,
    };
  });
}
