import crypto from "node:crypto";
import { httpError } from "./http.server";

/** The hidden field of a create form that carries its one-time key (app/models/form-key.server.ts). */
export const FORM_KEY_FIELD = "formKey";

/** A key as forms and API clients send it: a UUID, or any 16 to 200 letters, digits, - and _. */
const KEY = /^[A-Za-z0-9_-]{16,200}$/;

/** A fresh key for a create form, made by the loader each time the form is rendered. */
export function newFormKey(): string {
  return crypto.randomUUID();
}

/** The posted form's key; null when the form carried none. A malformed key is a 400. */
export function formKeyOf(formData: FormData): string | null {
  const value = formData.get(FORM_KEY_FIELD);
  if (value === null || value === "") return null;
  if (typeof value !== "string" || !KEY.test(value))
    throw httpError(
      400,
      "form_key_invalid",
      "Het formulier is ongeldig. Laad de pagina opnieuw en probeer het nog eens.",
    );
  return value;
}

/** Whether a key (of a form, or of an API call's Idempotency-Key header) has the accepted shape. */
export function isFormKey(value: string): boolean {
  return KEY.test(value);
}
