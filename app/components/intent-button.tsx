import { Form } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { SubmitButton } from "~/components/submit-button";

type IntentButtonProps = {
  /** The action's `intent` field: what the button does ("accept", "remove", …). */
  intent: string;
  /** Further hidden fields, in this order after the intent (usually the id of the row it acts on). */
  fields?: Record<string, string | number>;
  /** The button's visible text. */
  label: ReactNode;
  appearance: ComponentProps<typeof SubmitButton>["appearance"];
  /** The button's accessible name when its text alone is ambiguous (one per table row). */
  "aria-label"?: string;
  /** Where the form posts; without it the current route's action. */
  action?: string;
  /** The form's class (e.g. "h10-inline-form"). */
  className?: string;
  /** The form's accessible name, which makes it a landmark. */
  formLabel?: string;
};

/**
 * A form that is one button: it posts the CSRF token, `intent` and the given
 * hidden fields with a SubmitButton. For forms with visible fields write the
 * form out instead.
 */
export function IntentButton({
  intent,
  fields = {},
  label,
  appearance,
  "aria-label": ariaLabel,
  action,
  className,
  formLabel,
}: IntentButtonProps) {
  return (
    <Form method="post" action={action} className={className} aria-label={formLabel}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton appearance={appearance} aria-label={ariaLabel}>
        {label}
      </SubmitButton>
    </Form>
  );
}
