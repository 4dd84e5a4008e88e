import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textbox,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type InputType = "text" | "email" | "password" | "number" | "date";

interface FieldProps {
  field: FieldMetadata<unknown>;
  label: ReactNode;
  description?: ReactNode;
}

/** Label, description and error tied to the input by id; errors are i18n keys. */
function useFieldParts(field: FieldMetadata<unknown>, description: ReactNode) {
  const { t } = useTranslation();
  const error = field.errors?.[0] ? t(field.errors[0]) : null;
  const describedBy = [description ? field.descriptionId : null, error ? field.errorId : null].filter(Boolean).join(" ");
  return { error, describedBy: describedBy || undefined };
}

export function TextField({
  field,
  label,
  description,
  type = "text",
  autoComplete,
}: FieldProps & { type?: InputType; autoComplete?: string }) {
  const { error, describedBy } = useFieldParts(field, description);
  const { key, ...inputProps } = getInputProps(field as FieldMetadata<string>, { type, ariaAttributes: false });
  return (
    <FormField type="text" invalid={!!error}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </div>
      {description ? <FormFieldDescription id={field.descriptionId}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={field.errorId}>{error}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <Textbox
          key={key}
          {...inputProps}
          autoComplete={autoComplete}
          invalid={!!error}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      </div>
    </FormField>
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
    <FormField type="select" invalid={!!error}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </div>
      {description ? <FormFieldDescription id={field.descriptionId}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={field.errorId}>{error}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
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
      </div>
    </FormField>
  );
}
