import { Heading2 } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { TrailPage } from "~/models/trail-page.server";
import { Timeline } from "~/components/timeline";

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
      <Timeline {...timeline} />
    </section>
  );
}
