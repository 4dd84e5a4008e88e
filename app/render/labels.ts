/** The words a rendered document adds itself (decision point label, notes heading, generated-part label), per language. */
import en from "~/locales/en";
import nl from "~/locales/nl";

export type DocumentLabels = { decisionPoint: string; notes: string; generated: string };

export function documentLabels(language: string = "nl"): DocumentLabels {
  return (language === "en" ? en : nl).documents.renderLabels;
}
