import { Link } from "@remix-run/react";
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { FinanceItemsTable, OwnShares } from "~/components/finance";
import type { TrailPage } from "~/models/trail-page.server";
import { amountText } from "~/utils/finance-text";

/** The trail's amounts, the user's own share, and the pages that go with the money: finances, exit, board votes. */
export function FinancesSection({
  id,
  trail,
  finances,
  exitPayment,
  ownMunicipality,
  mayEnterFinances,
}: {
  id: string;
  trail: TrailPage["trail"];
  finances: TrailPage["finances"];
  exitPayment: TrailPage["exitPayment"];
  ownMunicipality: TrailPage["ownMunicipality"];
  mayEnterFinances: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("finance.section")}</Heading2>
      {exitPayment ? (
        // The exit's largest cost is computed on the exit page, not entered as an amount: named here too.
        <Paragraph data-testid="exit-payment-summary">
          {t("exit.paymentSummary", {
            payment: amountText(exitPayment.cents, t, lng),
            multiple: (exitPayment.multipleHundredths / 100).toLocaleString(lng === "nl" ? "nl-NL" : "en-GB"),
          })}
        </Paragraph>
      ) : null}
      {ownMunicipality ? <OwnShares items={finances} municipality={ownMunicipality} /> : null}
      {finances.length ? <FinanceItemsTable items={finances} /> : <Paragraph>{t("finance.none")}</Paragraph>}
      <UnorderedList>
        {finances.length || mayEnterFinances ? (
          <UnorderedListItem>
            <Link className="utrecht-link" to={`/trajecten/${trail.id}/financien`}>
              {mayEnterFinances ? t("finance.manage") : t("finance.details")}
            </Link>
          </UnorderedListItem>
        ) : null}
        {trail.kind === "EXIT" ? (
          <UnorderedListItem>
            <Link className="utrecht-link" to={`/trajecten/${trail.id}/uittreding`}>
              {t("exit.link")}
            </Link>
          </UnorderedListItem>
        ) : null}
        <UnorderedListItem>
          <Link className="utrecht-link" to={`/trajecten/${trail.id}/stemmingen`}>
            {t("boardVotes.link")}
          </Link>
        </UnorderedListItem>
      </UnorderedList>
    </section>
  );
}
