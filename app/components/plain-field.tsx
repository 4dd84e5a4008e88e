import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** What a PlainField's control takes: its id and name, and its refusal's message tied to it. */
export interface PlainControlProps {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * One field of a form that is not conform's (a trail page's step, its target date): the label, the server's reason
 * for refusing it (an i18n key) above the control and tied to it by id, and the control, which the caller renders
 * with the props it is given.
 */
export function PlainField({
  id,
  name,
  label,
  message,
  children,
}: {
  id: string;
  name: string;
  label: ReactNode;
  /** The field's refusal (an i18n key), if any. */
  message: string | undefined;
  children: (control: PlainControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorId = `${id}-error`;
  return (
    <div className={`utrecht-form-field${message ? " utrecht-form-field--invalid" : ""}`}>
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      {message ? (
        <p className="utrecht-form-field-error-message" id={errorId}>
          {t(message)}
        </p>
      ) : null}
      {children({
        id,
        name,
        "aria-invalid": message ? true : undefined,
        "aria-describedby": message ? errorId : undefined,
      })}
    </div>
  );
}
