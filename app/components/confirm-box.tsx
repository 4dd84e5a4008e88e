import type { FieldMetadata } from "@conform-to/react";
import { Alert, Checkbox, FormField, FormFieldErrorMessage, FormLabel } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";

interface ConfirmBoxProps {
  label: string;
  /** A Conform field (its name, id and the server's error), or a plain name and id with an error key. */
  field?: FieldMetadata<unknown>;
  name?: string;
  id?: string;
  error?: string | null;
}

/**
 * The box that confirms an act that cannot be undone (sending a revision,
 * withholding consent, closing a trail, letters without a signatory's name).
 * It is required in the browser and checked again on the server: a post
 * without it gets a clear error and nothing is written.
 */
export function ConfirmBox({ label, field, name, id, error }: ConfirmBoxProps) {
  const { t } = useTranslation();
  const inputName = field?.name ?? name ?? "confirm";
  const inputId = field?.id ?? id ?? inputName;
  const errorKey = field?.errors?.[0] ?? error ?? null;
  const errorId = `${inputId}-error`;
  return (
    // Not an alert: the box is part of the form, not news (its error is announced on its own).
    <Alert type="warning" className="h10-confirm" role="group">
      <FormField type="checkbox" invalid={!!errorKey}>
        {errorKey ? (
          <FormFieldErrorMessage id={errorId} role="alert">
            {t(errorKey)}
          </FormFieldErrorMessage>
        ) : null}
        <div className="utrecht-form-field__input">
          <Checkbox
            id={inputId}
            name={inputName}
            value="on"
            // Utrecht's `required` is only aria-required; `inputRequired` is the browser's own check.
            required
            inputRequired
            invalid={!!errorKey}
            aria-invalid={errorKey ? true : undefined}
            aria-describedby={errorKey ? errorId : undefined}
          />
        </div>
        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
          <FormLabel htmlFor={inputId} type="checkbox">
            {label}
          </FormLabel>
        </div>
      </FormField>
    </Alert>
  );
}
