import { Form, Link } from "@remix-run/react";
import { Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CONFIRM_FIELD } from "~/utils/confirm";
import { CsrfInput } from "./csrf-input";
import { SubmitButton } from "./submit-button";

/**
 * The answer to a form's post (done, or a question before it is done), in Utrecht's alert. It takes the focus when
 * it appears and again for each new answer (`answer`: the action's data), so the browser brings it into view: a
 * button low in a long table otherwise answers far above, out of sight. The focused element is the status (or
 * alert) itself, so a screen reader reads it. Without JavaScript the page loads anew, at its top, where it is.
 */
export function ActionMessage({
  type,
  role,
  answer,
  testId,
  labelledBy,
  children,
}: {
  type: "ok" | "warning" | "error";
  role?: "status" | "alert" | "group";
  labelledBy?: string;
  /** Whatever changes with each answer (the action data): the message takes the focus again for a new one. */
  answer: unknown;
  testId?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [answer]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={role ?? (type === "ok" ? "status" : "alert")}
      className={`utrecht-alert utrecht-alert--${type} h10-action-message`}
      aria-labelledby={labelledBy}
      data-testid={testId}
    >
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/**
 * The second step of an act that locks someone out or deletes something: the first post writes nothing and answers
 * with this question, which names the consequence; its button posts the same fields again with `confirm=on`
 * (app/utils/confirm.ts), and only then does the server act. "Cancel" opens the page afresh. Works without
 * JavaScript.
 */
export function ConfirmStep({
  answer,
  question,
  consequence,
  fields,
  confirmLabel,
  testId = "confirm-step",
}: {
  answer: unknown;
  question: string;
  consequence: string;
  /** The hidden fields of the act (intent and the id it acts on), sent again with the confirmation. */
  fields: Record<string, string>;
  confirmLabel: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const questionId = useId();
  return (
    <ActionMessage type="warning" role="group" labelledBy={questionId} answer={answer} testId={testId}>
      <Paragraph>
        <strong id={questionId}>{question}</strong>
      </Paragraph>
      <Paragraph>{consequence}</Paragraph>
      <Form method="post" className="h10-inline-form h10-confirm-step">
        <CsrfInput />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name={CONFIRM_FIELD} value="on" />
        <SubmitButton appearance="primary-action-button">{confirmLabel}</SubmitButton>
        <Link className="utrecht-link" to=".">
          {t("formsFeedback.cancelConfirm")}
        </Link>
      </Form>
    </ActionMessage>
  );
}
