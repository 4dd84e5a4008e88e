import { useNavigation } from "@remix-run/react";
import { Button } from "@utrecht/component-library-react";
import { useRef, type ComponentProps } from "react";
import { useTranslation } from "react-i18next";

type SubmitButtonProps = Omit<ComponentProps<typeof Button>, "type"> & {
  /** A fetcher's own state (`fetcher.state !== "idle"`); without it the page's navigation decides. */
  busy?: boolean;
};

/** A form's fields as comparable "name=value" entries (a file by its name). */
function entries(formData: FormData): string[] {
  return [...formData].map(([name, value]) => `${name}=${typeof value === "string" ? value : value.name}`);
}

/**
 * Whether the navigation in flight is this button's form being submitted: the
 * same action and every field of the form sent (plus at most the submitter's
 * name and value, which must be this button's when it has one).
 */
function isThisSubmission(button: HTMLButtonElement | null, navigation: ReturnType<typeof useNavigation>): boolean {
  const form = button?.form;
  if (!form || navigation.state === "idle" || !navigation.formData || !navigation.formAction) return false;
  const here = typeof window === "undefined" ? "http://localhost/" : window.location.href;
  if (new URL(form.action, here).pathname !== new URL(navigation.formAction, here).pathname) return false;
  const sent = entries(navigation.formData);
  const own = entries(new FormData(form));
  for (const entry of own) {
    const at = sent.indexOf(entry);
    if (at === -1) return false;
    sent.splice(at, 1);
  }
  if (sent.length > 1) return false;
  if (button.name) return sent.length === 1 && sent[0] === `${button.name}=${button.value}`;
  return true;
}

/**
 * Every form's submit button: while its request runs it is disabled, says
 * "Bezig…" and carries aria-busy, so a slow sign-in or save shows that it
 * is under way and is not sent twice. Without JavaScript it is a plain button.
 */
export function SubmitButton({ busy, children, disabled, ...props }: SubmitButtonProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const ref = useRef<HTMLButtonElement>(null);
  const pending = busy ?? isThisSubmission(ref.current, navigation);
  return (
    <Button
      {...props}
      ref={ref}
      type="submit"
      disabled={disabled || pending}
      busy={pending}
      className={[props.className, pending ? "h10-busy" : null].filter(Boolean).join(" ") || undefined}
    >
      {pending ? (
        <>
          <span className="h10-busy__spinner" aria-hidden="true" />
          {t("formsFeedback.busy")}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
