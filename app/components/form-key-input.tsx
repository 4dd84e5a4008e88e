/**
 * The one-time key of a create form, made by the route's loader when the form
 * is rendered: a second post of the same form (a double click, a re-posted
 * page) creates nothing. Plain HTML, so it works without JavaScript.
 */
export function FormKeyInput({ value }: { value: string }) {
  return <input type="hidden" name="formKey" value={value} />;
}
