import en from "./en";
import { registerMessages, translate } from "./messages";

// The server answers in either language: English is there from the start (the browser loads it when needed).
registerMessages("en", en);

export { translate };

/** A Dutch text by its i18n key ("positionKinds.ZIENSWIJZE") with {{values}} filled in, for output made outside React (PDF, e-mail); the key's last part when missing. */
export function dutch(key: string, values: Record<string, string | number> = {}): string {
  return translate("nl", key, values);
}
