import { Link } from "@remix-run/react";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { todoText } from "~/utils/words";
import { EventForm, type EventStep } from "~/components/event-form";
import type { RefusalLike } from "~/utils/refusal";

/** A refused step as the trail page's action answers it, with the form it came from. */
export type StepError = RefusalLike & {
  issues?: Record<string, string[]>;
  /** What the refused form had in its fields. */
  posted?: Record<string, string>;
  type?: string;
  municipalityId?: string | null;
};

/** The refusal of the form of this step (and municipality), if that form was the one posted. */
export type ErrorFor = (type: string, municipalityId?: string) => StepError | null;

/** What every step form on the page shares: the trail revision seen, today, the refusal to show and the form key. */
export interface StepForms {
  revision: number;
  today: string;
  errorFor: ErrorFor;
  formKey: string;
}

interface StepProps {
  event: EventStep;
  municipalityName?: string;
  revision: number;
  today: string;
  error: StepError | null;
  formKey: string;
}

/**
 * One workflow step, collapsed until the user opens it: a <details> disclosure (no JavaScript needed) whose
 * summary names the step, and the step's own form inside. A refused step opens with its reason next to the
 * form; a new revision of the trail closes it again.
 */
export function StepDisclosure({ event, municipalityName, revision, today, error, formKey }: StepProps) {
  const { t } = useTranslation();
  return (
    <details className="h10-step" open={error ? true : undefined} data-step={event.type}>
      <summary className="h10-step__summary">
        {t(`events.${event.type}`)}
        {municipalityName ? <span className="h10-visually-hidden">: {municipalityName}</span> : null}
      </summary>
      <div className="h10-step__body">
        <EventForm
          event={event}
          municipalityName={municipalityName}
          revision={revision}
          today={today}
          error={error}
          formKey={formKey}
        />
      </div>
    </details>
  );
}

/** What this user may do for one municipality, in its row of the matrix: log a position, or a step of its own. */
export function MunicipalityActions({
  trailId,
  municipality,
  task,
  revision,
  today,
  errorFor,
  formKey,
}: StepForms & {
  trailId: string;
  municipality: { id: string; name: string };
  task: { mayLog: boolean; expected: string[]; actions: EventStep[] };
}) {
  const { t } = useTranslation();
  return (
    <div className="h10-actions">
      {task.mayLog ? (
        <Link
          className="utrecht-link"
          to={`/trajecten/${trailId}/standpunt/${municipality.id}`}
          aria-label={`${t("position.log")}: ${municipality.name}`}
        >
          {t("position.log")}
        </Link>
      ) : null}
      {task.actions.map((a) => (
        <StepDisclosure
          key={`${a.type}-${revision}`}
          event={a}
          municipalityName={municipality.name}
          revision={revision}
          today={today}
          error={errorFor(a.type, municipality.id)}
          formKey={formKey}
        />
      ))}
      {!task.mayLog && !task.actions.length ? (
        <span className="h10-muted">
          {task.expected.length
            ? t("trail.stillToDoBy", { steps: todoText(task.expected, t, false) })
            : t("trail.nothing")}
        </span>
      ) : null}
    </div>
  );
}

/** The regional steps this user may take (the secretary's), each collapsed, with what the trail waits for. */
export function RegionalActions({
  id,
  actions,
  expected,
  revision,
  today,
  errorFor,
  formKey,
}: StepForms & {
  id: string;
  actions: EventStep[];
  expected: string[];
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("trail.regionalSteps")}</Heading2>
      {expected.length ? (
        <Paragraph>{t("trail.nextRegional", { steps: todoText(expected, t, false) })}</Paragraph>
      ) : null}
      {actions.length ? (
        <div className="h10-actions">
          {actions.map((a) => (
            <StepDisclosure
              key={`${a.type}-${revision}`}
              event={a}
              revision={revision}
              today={today}
              error={errorFor(a.type)}
              formKey={formKey}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}
