import { Heading2, OrderedList, OrderedListItem } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { TrailPage } from "~/models/trail-page.server";
import { formatDate, formatDateTime } from "~/utils/format";

/** The trail's audit events in order: the date of each step, what it was, who logged it and the state it led to. */
function Timeline({ timeline }: { timeline: TrailPage["timeline"] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <OrderedList className="h10-timeline">
      {timeline.map((e) => (
        <OrderedListItem key={e.sequence}>
          {e.on ? (
            <>
              <time dateTime={e.on}>{formatDate(e.on, lng)}</time>
              {" · "}
            </>
          ) : null}
          {e.type.startsWith("workflow.")
            ? t(`events.${e.type.slice("workflow.".length)}`)
            : t(`timeline.${e.type.replace(/\./g, "_")}`, { defaultValue: e.type })}
          {e.actor ? ` · ${e.actor}` : ""}
          {e.state ? ` → ${t(`trailStates.${e.state}`, { defaultValue: e.state })}` : ""}
          <span className="h10-muted">
            {" "}
            ({t("trail.loggedAt")} <time dateTime={e.at}>{formatDateTime(e.at, lng)}</time>)
          </span>
        </OrderedListItem>
      ))}
    </OrderedList>
  );
}

/** How the trail got here: its timeline, and its workflow as a diagram (collapsed; it is tall). */
export function HistorySection({
  id,
  trail,
  timeline,
}: {
  id: string;
  trail: TrailPage["trail"];
  timeline: TrailPage["timeline"];
}) {
  const { t, i18n } = useTranslation();
  const stateLabel = t(`trailStates.${trail.state}`, { defaultValue: trail.state });
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("trail.timeline")}</Heading2>
      <details className="h10-step h10-diagram-disclosure">
        <summary className="h10-step__summary">{t("trailPage.diagram")}</summary>
        <figure className="h10-diagram">
          <img
            src={`/trajecten/${trail.id}/diagram.svg?lng=${i18n.language}`}
            alt={t("trail.diagramAlt", { kind: t(`trailKinds.${trail.kind}`), state: stateLabel })}
            loading="lazy"
          />
          <figcaption>{t("trail.diagramCaption", { state: stateLabel })}</figcaption>
        </figure>
      </details>
      <Timeline timeline={timeline} />
    </section>
  );
}
