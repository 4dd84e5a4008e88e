import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z, ZodType } from "zod";
import {
  Alert,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from "@utrecht/component-library-react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type InputType = "text" | "email" | "password" | "number" | "date";

interface FieldProps {
  field: FieldMetadata<unknown>;
  label: ReactNode;
  description?: ReactNode;
  /** The values the field's error message names (a refusal's dates, written out: refusalValues). */
  errorValues?: Record<string, string>;
}

/** Label, description and error tied to the input by id; errors are i18n keys. */
function useFieldParts(field: FieldMetadata<unknown>, description: ReactNode, errorValues?: Record<string, string>) {
  const { t } = useTranslation();
  const error = field.errors?.[0] ? t(field.errors[0], errorValues) : null;
  const describedBy = [description ? field.descriptionId : null, error ? field.errorId : null]
    .filter(Boolean)
    .join(" ");
  return { error, describedBy: describedBy || undefined };
}

/** Label, description and error around one control, as the NL Design System lays them out. */
function FieldFrame({
  field,
  label,
  description,
  error,
  type,
  children,
}: FieldProps & { error: string | null; type: "text" | "select"; children: ReactNode }) {
  return (
    <FormField type={type} invalid={!!error}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </div>
      {description ? <FormFieldDescription id={field.descriptionId}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={field.errorId}>{error}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

export function TextField({
  field,
  label,
  description,
  type = "text",
  autoComplete,
  defaultValue,
  inputMode,
  errorValues,
}: FieldProps & {
  type?: InputType;
  autoComplete?: string;
  defaultValue?: string;
  /** The keyboard a phone offers for a text field of figures ("103.581", which a number field refuses). */
  inputMode?: "numeric" | "decimal";
}) {
  const { error, describedBy } = useFieldParts(field, description, errorValues);
  const { key, ...inputProps } = getInputProps(field as FieldMetadata<string>, { type, ariaAttributes: false });
  // A suggested value (today's date, say) only when the form has none of its own.
  if (defaultValue !== undefined && field.initialValue === undefined) inputProps.defaultValue = defaultValue;
  return (
    <FieldFrame field={field} label={label} description={description} error={error} type="text">
      <Textbox
        key={key}
        {...inputProps}
        autoComplete={autoComplete}
        inputMode={inputMode}
        invalid={!!error}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

export function TextAreaField({ field, label, description }: FieldProps) {
  const { error, describedBy } = useFieldParts(field, description);
  const { key, ...textareaProps } = getTextareaProps(field as FieldMetadata<string>, { ariaAttributes: false });
  return (
    <FieldFrame field={field} label={label} description={description} error={error} type="text">
      <Textarea
        key={key}
        {...textareaProps}
        rows={5}
        invalid={!!error}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

export function SelectField({
  field,
  label,
  description,
  options,
  placeholder,
}: FieldProps & { options: { value: string; label: string }[]; placeholder: string }) {
  const { error, describedBy } = useFieldParts(field, description);
  const { key, ...selectProps } = getSelectProps(field as FieldMetadata<string>, { ariaAttributes: false });
  return (
    <FieldFrame field={field} label={label} description={description} error={error} type="select">
      <Select
        key={key}
        {...selectProps}
        invalid={!!error}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        <SelectOption value="">{placeholder}</SelectOption>
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FieldFrame>
  );
}

/**
 * Conform's form state for a Zod schema: the same schema validates in the
 * browser on submit and again on the server, whose reply (lastResult) wins.
 */
type ObjectSchema = ZodType<Record<string, unknown>, Record<string, unknown>>;

export function useValidatedForm<Schema extends ObjectSchema>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | undefined,
  defaultValue?: Record<string, string>,
) {
  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>, string[]>({
    lastResult,
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // After a reply with `resetForm` (a record added, the form empty again) Conform empties every field that has no
  // default value of its own, and for a <select> "empty" means no option selected at all: the select shows nothing
  // instead of its placeholder ("Kies een rol"). Each reset gives the form a new key, and Conform's own effect has run
  // by the time this one does: every select left without an option gets back the one it started with (the option
  // the page marked as its default, else the first: the placeholder), as the browser's own form reset would.
  const formKey = form.key;
  useEffect(() => {
    const element = document.getElementById(form.id);
    if (element instanceof HTMLFormElement) restoreEmptySelects(element);
  }, [form.id, formKey]);
  return [form, fields] as const;
}

/** Gives every single-choice select of the form that shows no option its default one back. */
export function restoreEmptySelects(formElement: HTMLFormElement) {
  for (const element of Array.from(formElement.elements)) {
    if (element.tagName !== "SELECT") continue;
    const select = element as HTMLSelectElement;
    if (select.multiple || select.selectedIndex !== -1 || !select.options.length) continue;
    const fallback = Array.from(select.options).findIndex((option) => option.defaultSelected);
    select.selectedIndex = fallback >= 0 ? fallback : 0;
  }
}

/** Errors of the whole form (not of one field), as an alert; messages are i18n keys. */
export function FormErrors({
  errors,
  id,
  values,
}: {
  errors: string[] | undefined;
  id?: string;
  values?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const alert = useRef<HTMLDivElement>(null);
  const shown = errors?.join("\n") ?? "";
  // A form error from the server (a wrong password, an expired form) takes the focus, as a field's error does, so
  // that a keyboard or screen reader user lands on it instead of at the top of the page.
  useEffect(() => {
    if (shown) alert.current?.focus();
  }, [shown]);
  if (!errors?.length) return null;
  return (
    <Alert type="error" role="alert" id={id} ref={alert} tabIndex={-1}>
      {errors.map((error) => (
        <Paragraph key={error}>{t(error, values)}</Paragraph>
      ))}
    </Alert>
  );
}

/** For, against and abstained: the three numbers of a vote. */
export function VoteFields({
  fields,
}: {
  fields: {
    votesFor: FieldMetadata<unknown>;
    votesAgainst: FieldMetadata<unknown>;
    votesAbstained: FieldMetadata<unknown>;
  };
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField field={fields.votesFor} type="number" label={t("position.votesFor")} />
      <TextField field={fields.votesAgainst} type="number" label={t("position.votesAgainst")} />
      <TextField field={fields.votesAbstained} type="number" label={t("position.votesAbstained")} />
    </>
  );
}

/**
 * Label, description and error around a control that Conform does not manage
 * (a GET form, or list fields named by hand): the ids are the caller's, the
 * description is `${id}-hint` and the error `${id}-error` (an i18n key).
 */
export function PlainField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormField type="text" invalid={!!error}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {hint ? <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{t(error)}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

/** The aria-describedby of a PlainField's control. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}
