import { Alert, OrderedList, OrderedListItem, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { TrailTimeline } from "~/models/timeline.server";
import { eventSentence, type Translate } from "~/utils/event-sentence";
import { formatDateTime } from "~/utils/format";

/** A trail's history (under the page's own heading): one sentence per event, and whether the audit chain verifies for the trail. */
export function Timeline({ events, chain }: TrailTimeline) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const translate: Translate = (key, values) => t(key, values);
  return (
    <>
      {chain.ok ? (
        <Paragraph className="h10-chain-status h10-chain-status--ok">
          <span aria-hidden="true">✓ </span>
          {t("eventSentences.chain.verified", { count: chain.checked })}
          {chain.checked > events.length
            ? ` ${t("eventSentences.chain.folded", { count: chain.checked - events.length, shown: events.length })}`
            : ""}
        </Paragraph>
      ) : (
        <Alert type="error" role="alert" className="h10-chain-status">
          <Paragraph>{t("eventSentences.chain.broken", { sequence: chain.firstBroken?.sequence ?? "?" })}</Paragraph>
        </Alert>
      )}
      <OrderedList className="h10-timeline">
        {events.map((e) => (
          <OrderedListItem key={e.sequence}>
            {eventSentence(e, translate, lng)}
            {e.state ? ` → ${t(`trailStates.${e.state}`, { defaultValue: e.state })}` : ""}
            <span className="h10-muted">
              {" ("}
              {e.actor ? `${e.actor.name}, ` : ""}
              {t("trail.loggedAt")} <time dateTime={e.at}>{formatDateTime(e.at, lng)}</time>)
            </span>
          </OrderedListItem>
        ))}
      </OrderedList>
    </>
  );
}
