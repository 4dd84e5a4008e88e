/**
 * Money as people read it, the same on the page, in the PDF brief and in the
 * letters: amounts (or "pm") and the basis a key gave a municipality.
 */
import type { FinanceItemView } from "~/models/finance.server";
import { percentText } from "~/money/contribution";
import { formatMoney, formatNumber } from "./format";

type T = (key: string, values?: Record<string, unknown>) => string;

export function amountText(cents: number | null, t: T, language: string): string {
  return cents === null ? t("finance.pm") : formatMoney(cents, language);
}

/** The column header of a key's basis: inhabitants of the year, percentage, use, or equal share. */
export function basisLabel(item: FinanceItemView, t: T): string {
  const method = item.key?.method;
  if (method === "INHABITANTS") return t("finance.inhabitantsOf", { year: item.allocation?.inhabitantsYear ?? "" });
  if (method === "PERCENTAGES") return t("finance.percentage");
  if (method === "USAGE") return t("finance.usage");
  return t("finance.basis");
}

/** One municipality's basis under the item's key, written for the language. */
export function basisText(item: FinanceItemView, basis: string, t: T, language: string): string {
  const method = item.key?.method;
  if (method === "INHABITANTS") return formatNumber(Number(basis), language);
  if (method === "EQUAL") return t("finance.equal");
  if (method === "USAGE") return formatMoney(Math.round(Number(basis) * 100), language);
  return `${language === "nl" ? basis.replace(".", ",") : basis} %`;
}

/** Why an amount is not shared yet. */
export function notAllocatedText(allocation: Extract<FinanceItemView["allocation"], { ok: false }>, t: T): string {
  return t(`finance.notAllocated.${allocation.code}`, {
    year: allocation.inhabitantsYear ?? "",
    municipalities: allocation.municipalities.join(", "),
  });
}

/** One municipality's share of each of the trail's shared amounts (for its letter and its clerk). */
export function sharesOf(
  items: readonly FinanceItemView[],
  municipalityId: string,
): { item: FinanceItemView; cents: number }[] {
  return items.flatMap((item) => {
    const share = item.allocation?.ok
      ? item.allocation.shares.find((s) => s.municipalityId === municipalityId)
      : undefined;
    return share ? [{ item, cents: share.cents }] : [];
  });
}

/**
 * The trail's amounts that cannot be shared yet (inhabitant figures or key values missing), with
 * why: every council's share of them is "pm", and a letter says so instead of leaving them out.
 * The reason names no other council (a letter speaks to one).
 */
export function unsharedOf(items: readonly FinanceItemView[], t: T): { item: FinanceItemView; reason: string }[] {
  return items.flatMap((item) =>
    item.allocation && !item.allocation.ok
      ? [
          {
            item,
            reason: t(`finance.notAllocatedShort.${item.allocation.code}`, {
              year: item.allocation.inhabitantsYear ?? "",
            }),
          },
        ]
      : [],
  );
}

/** A municipality's shares of the trail's amounts in one line, for the per-council field of a letter. */
export function ownShareText(
  items: readonly FinanceItemView[],
  municipalityId: string,
  t: T,
  language: string,
): string | null {
  const parts = sharesOf(items, municipalityId);
  const unshared = unsharedOf(items, t);
  if (!parts.length && !unshared.length) return null;
  if (parts.length === 1 && !unshared.length) return formatMoney(parts[0]!.cents, language);
  const about = (item: FinanceItemView) => `${item.label}, ${t(`finance.kinds.${item.kind}`)} ${item.year}`;
  return [
    ...parts.map(({ item, cents }) => `${formatMoney(cents, language)} (${about(item)})`),
    ...unshared.map(({ item, reason }) => `${t("finance.pm")} (${about(item)}; ${reason})`),
  ].join("; ");
}

/** "Uw bijdrage voor 2025 is € X (2024: € Y, +Z %).": a council's contribution for its letter; null when "pm". */
export function contributionSentence(
  budgetYear: number,
  row: { cents: number | null; previousCents: number | null; percentTenths: number | null },
  t: T,
  language: string,
): string | null {
  if (row.cents === null) return null;
  const values = { year: budgetYear, amount: formatMoney(row.cents, language), previous: budgetYear - 1 };
  if (row.previousCents === null) return t("finance.contribution.sentenceOnly", values);
  const previousAmount = formatMoney(row.previousCents, language);
  if (row.percentTenths === null) return t("finance.contribution.sentenceNoPercent", { ...values, previousAmount });
  return t("finance.contribution.sentence", {
    ...values,
    previousAmount,
    percent: percentText(BigInt(row.percentTenths), language),
  });
}
