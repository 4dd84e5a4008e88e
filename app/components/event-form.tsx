import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CONFIRM_FIELD, IRREVERSIBLE_EVENTS } from "~/utils/confirm";
import { refusalText, type RefusalLike } from "~/utils/refusal";
import { ConfirmBox } from "./confirm-box";
import { CsrfInput } from "./csrf-input";
import { FormKeyInput } from "./form-key-input";
import { PlainField } from "./plain-field";
import { SubmitButton } from "./submit-button";

/** A step the user may take: its event, for which municipality, and the fields of its form. */
export interface EventStep {
  type: string;
  municipalityId?: string;
  fields: string[];
  /** The step records a day that has passed: its date goes no further than today. */
  pastOnly?: boolean;
}

interface EventFormProps {
  event: EventStep;
  municipalityName?: string;
  revision: number;
  today: string;
  /** The refusal of this form's last post, with what it had in its fields (`posted`), which it shows again. */
  error: (RefusalLike & { issues?: Record<string, string[]>; posted?: Record<string, string> }) | null;
  /** The page's one-time form key; each step's form makes its own of it. */
  formKey: string;
}

/**
 * One workflow step as a form: the fields its event needs and a button. The
 * revision the user saw goes along, so a trail that moved meanwhile answers
 * with a conflict instead of overwriting.
 */
export function EventForm({ event, municipalityName, revision, today, error, formKey }: EventFormProps) {
  const { t, i18n } = useTranslation();
  const id = (field: string) => `${event.type}-${event.municipalityId ?? "regio"}-${field}`;
  const label = t(`events.${event.type}`);
  const issue = (field: string) => error?.issues?.[field]?.[0];
  const posted = (field: string) => error?.posted?.[field];
  // A refusal that no field of this form explains is said above the button: why the step was not taken.
  const irreversible = IRREVERSIBLE_EVENTS.has(event.type);
  const explained =
    error?.issues &&
    Object.keys(error.issues).every(
      (field) => event.fields.includes(field) || (irreversible && field === CONFIRM_FIELD),
    );
  const refusal = error && !explained ? refusalText(t, i18n.language, error) : null;
  const refusalId = `${id("refusal")}`;
  return (
    <Form
      method="post"
      className="h10-event-form"
      aria-label={municipalityName ? `${label}: ${municipalityName}` : label}
    >
      <CsrfInput />
      <FormKeyInput value={`${formKey}-${event.type}-${event.municipalityId ?? "regio"}`} />
      <input type="hidden" name="intent" value="event" />
      <input type="hidden" name="type" value={event.type} />
      {event.municipalityId ? <input type="hidden" name="municipalityId" value={event.municipalityId} /> : null}
      <input type="hidden" name="revision" value={revision} />
      {event.fields.map((field) => (
        <PlainField key={field} id={id(field)} name={field} label={t(`eventFields.${field}`)} message={issue(field)}>
          {(common) =>
            field === "ground" ? (
              <select className="utrecht-select" {...common} required defaultValue={posted(field) ?? ""}>
                <option value="">{t("eventFields.chooseGround")}</option>
                <option value="law">{t("grounds.law")}</option>
                <option value="publicInterest">{t("grounds.publicInterest")}</option>
              </select>
            ) : field === "reason" ? (
              <textarea
                className="utrecht-textarea"
                {...common}
                required
                maxLength={5000}
                rows={3}
                defaultValue={posted(field)}
              />
            ) : field === "wishedExitOn" ? (
              <input className="utrecht-textbox" {...common} type="date" defaultValue={posted(field)} />
            ) : (
              <input
                className="utrecht-textbox"
                {...common}
                type="date"
                defaultValue={posted(field) ?? today}
                max={event.pastOnly ? today : undefined}
                required
              />
            )
          }
        </PlainField>
      ))}
      {irreversible ? (
        <ConfirmBox
          name={CONFIRM_FIELD}
          id={id(CONFIRM_FIELD)}
          label={t("formsFeedback.confirmStep", { step: label })}
          error={issue(CONFIRM_FIELD) ?? null}
        />
      ) : null}
      {refusal ? (
        <p className="utrecht-form-field-error-message" id={refusalId} role="alert" data-testid="refusal">
          {refusal}
        </p>
      ) : null}
      <SubmitButton
        appearance="secondary-action-button"
        aria-label={municipalityName ? `${label}: ${municipalityName}` : undefined}
        aria-describedby={refusal ? refusalId : undefined}
      >
        {label}
      </SubmitButton>
    </Form>
  );
}
