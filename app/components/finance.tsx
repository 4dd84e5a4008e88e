import {
  Alert,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { BudgetContributions, ContributionRow } from "~/models/contribution.server";
import type { FinanceItemView } from "~/models/finance.server";
import { percentText } from "~/money/contribution";
import { formatMoney } from "~/utils/format";
import { amountText, basisLabel, basisText, notAllocatedText, sharesOf, unsharedOf } from "~/utils/finance-text";
import { DataTable } from "./data-table";

function useMoney() {
  const { t, i18n } = useTranslation();
  const amount = (cents: number | null) => amountText(cents, t, i18n.language);
  return { t, language: i18n.language, amount };
}

/** An amount as its table shows it. */
type ItemRow = Pick<FinanceItemView, "id" | "label" | "kind" | "year" | "cents"> & { key: { name: string } | null };

/** The trail's amounts (or amounts another page proposes): description, kind, year, amount (or pm) and key. */
export function FinanceItemsTable<Item extends ItemRow>({
  items,
  actions,
  caption,
}: {
  items: Item[];
  actions?: (item: Item) => ReactNode;
  caption?: string;
}) {
  const { t, amount } = useMoney();
  return (
    <DataTable
      caption={caption ?? t("finance.itemsCaption")}
      columns={[
        { label: t("finance.label") },
        { label: t("finance.kind") },
        { label: t("finance.year"), numeric: true },
        { label: t("finance.amount"), numeric: true },
        { label: t("finance.key") },
        ...(actions ? [{ label: <span className="h10-visually-hidden">{t("finance.remove")}</span> }] : []),
      ]}
    >
      {items.map((item) => (
        <TableRow key={item.id}>
          <TableHeaderCell scope="row">{item.label}</TableHeaderCell>
          <TableCell>{t(`finance.kinds.${item.kind}`)}</TableCell>
          <TableCell className="h10-numeric">{item.year}</TableCell>
          <TableCell className="h10-numeric">{amount(item.cents)}</TableCell>
          <TableCell>{item.key?.name ?? t("finance.notShared")}</TableCell>
          {actions ? <TableCell>{actions(item)}</TableCell> : null}
        </TableRow>
      ))}
    </DataTable>
  );
}

/** Why an amount is not shared yet, in words. */
function NotAllocated({ allocation }: { allocation: Extract<FinanceItemView["allocation"], { ok: false }> }) {
  const { t } = useTranslation();
  return (
    <Alert type="warning">
      <Paragraph>{notAllocatedText(allocation, t)}</Paragraph>
    </Alert>
  );
}

/** Each participant's share of one amount, with the basis the key used and the total. */
export function SharesTable({ item, highlight }: { item: FinanceItemView; highlight?: string | null }) {
  const { t, language, amount } = useMoney();
  if (!item.allocation || !item.key) return null;
  if (!item.allocation.ok) return <NotAllocated allocation={item.allocation} />;
  return (
    <DataTable
      caption={t("finance.sharesCaption", {
        label: item.label,
        amount: amount(item.cents),
        kind: t(`finance.kinds.${item.kind}`),
        year: item.year,
        key: item.key.name,
      })}
      columns={[
        { label: t("region.municipality") },
        { label: basisLabel(item, t), numeric: true },
        { label: t("finance.share"), numeric: true },
      ]}
    >
      {item.allocation.shares.map((share) => (
        <TableRow
          key={share.municipalityId}
          className={share.municipalityId === highlight ? "h10-row--own" : undefined}
        >
          <TableHeaderCell scope="row">{share.municipality}</TableHeaderCell>
          <TableCell className="h10-numeric">{basisText(item, share.basis, t, language)}</TableCell>
          <TableCell className="h10-numeric" data-testid={`share-${item.id}-${share.municipalityId}`}>
            {amount(share.cents)}
          </TableCell>
        </TableRow>
      ))}
      {/* DataTable's rows sit in its tbody, so the total is the last row there. */}
      <TableRow className="h10-row--total">
        <TableHeaderCell scope="row">{t("finance.total")}</TableHeaderCell>
        <TableCell />
        <TableCell className="h10-numeric">
          {amount(item.allocation.shares.reduce((sum, s) => sum + s.cents, 0))}
        </TableCell>
      </TableRow>
    </DataTable>
  );
}

/** A municipal user's own shares of the trail's amounts. */
export function OwnShares({
  items,
  municipality,
}: {
  items: FinanceItemView[];
  municipality: { id: string; name: string };
}) {
  const { t, amount } = useMoney();
  const own = sharesOf(items, municipality.id);
  const unshared = unsharedOf(items, t);
  if (!own.length && !unshared.length) return null;
  return (
    <div className="h10-own-share" data-testid="own-share">
      <Paragraph>
        <strong>{t("finance.yourShare", { municipality: municipality.name })}</strong>
      </Paragraph>
      <UnorderedList>
        {own.map(({ item, cents }) => (
          <UnorderedListItem key={item.id}>
            {t("finance.yourShareLine", {
              label: item.label,
              kind: t(`finance.kinds.${item.kind}`),
              year: item.year,
              amount: amount(cents),
            })}
          </UnorderedListItem>
        ))}
        {unshared.map(({ item, reason }) => (
          <UnorderedListItem key={item.id}>
            {t("finance.yourShareLine", {
              label: item.label,
              kind: t(`finance.kinds.${item.kind}`),
              year: item.year,
              amount: t("finance.pm"),
            })}{" "}
            ({reason})
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </div>
  );
}

/**
 * A budget cycle's contribution per council: this year, last year, and the difference in euros and percent
 * (app/models/contribution.server.ts).
 */
export function ContributionsTable({
  contributions,
  highlight,
}: {
  contributions: BudgetContributions;
  highlight?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { budgetYear: year, previous: source } = contributions;
  const previous = year - 1;
  const unknown = t("finance.contribution.unknown");
  const money = (cents: number | null, none: string) => (cents === null ? none : formatMoney(cents, language));
  const cells = (row: Omit<ContributionRow, "municipalityId" | "municipality">, testId?: string) => (
    <>
      <TableCell className="h10-numeric" data-testid={testId}>
        {money(row.cents, t("finance.contribution.pm"))}
      </TableCell>
      <TableCell className="h10-numeric">{money(row.previousCents, unknown)}</TableCell>
      <TableCell className="h10-numeric">
        {row.diffCents === null ? unknown : `${row.diffCents > 0 ? "+" : ""}${formatMoney(row.diffCents, language)}`}
      </TableCell>
      <TableCell className="h10-numeric">
        {row.percentTenths === null ? unknown : percentText(BigInt(row.percentTenths), language)}
      </TableCell>
    </>
  );
  return (
    <section aria-labelledby="contributions-title" data-testid="contributions">
      <Heading2 id="contributions-title">{t("finance.contribution.title", { year })}</Heading2>
      <Paragraph>
        {t("finance.contribution.intro", { year })}{" "}
        {source?.source === "previousTrail"
          ? t("finance.contribution.previousTrail", { previous, reference: source.reference })
          : source?.source === "entered"
            ? t("finance.contribution.previousEntered", { previous })
            : t("finance.contribution.previousNone", { previous })}
      </Paragraph>
      <DataTable
        caption={t("finance.contribution.caption", { year, previous })}
        columns={[
          { label: t("region.municipality") },
          { label: t("finance.contribution.year", { year }), numeric: true },
          { label: t("finance.contribution.year", { year: previous }), numeric: true },
          { label: t("finance.contribution.difference"), numeric: true },
          { label: t("finance.contribution.percent"), numeric: true },
        ]}
      >
        {contributions.rows.map((row) => (
          <TableRow key={row.municipalityId} className={row.municipalityId === highlight ? "h10-row--own" : undefined}>
            <TableHeaderCell scope="row">{row.municipality}</TableHeaderCell>
            {cells(row, `contribution-${row.municipalityId}`)}
          </TableRow>
        ))}
        <TableRow className="h10-row--total">
          <TableHeaderCell scope="row">{t("finance.total")}</TableHeaderCell>
          {cells(contributions.total)}
        </TableRow>
      </DataTable>
    </section>
  );
}
