/**
 * One sentence per audit event for the timeline, in the reader's language:
 * who did what for which council ("Griffier Delft legde de zienswijze van de
 * raad van Delft vast op 12 maart 2024"). Pure: the server resolves the names
 * (timelineEvent in app/models/timeline.server.ts), the texts come from the
 * `eventSentences` section of the locale files.
 */
import { formatDate } from "./format";

/** An audit event as the timeline shows it: plain data, names already resolved. */
export interface TimelineEvent {
  sequence: number;
  type: string;
  /** When it was logged. */
  at: string;
  actor: { name: string; role: string | null; municipality: string | null } | null;
  /** The municipality (council) the event concerns, by name. */
  council: string | null;
  /** The title of the document the event concerns. */
  document: string | null;
  /** The meeting date of the position the event concerns. */
  meetingOn: string | null;
  state: string | null;
  /** The event's own plain fields (its payload without lists and objects). */
  details: Record<string, string | number | boolean | null>;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The locale key of an event type's sentence: workflow steps by their step name, the rest with dots as underscores. */
export function sentenceKey(type: string): string {
  return type.startsWith("workflow.")
    ? `eventSentences.workflow.${type.slice("workflow.".length)}`
    : `eventSentences.${type.replace(/\./g, "_")}`;
}

/** The plain fields of a payload, for TimelineEvent.details. */
export function plainDetails(payload: unknown): TimelineEvent["details"] {
  const details: TimelineEvent["details"] = {};
  if (typeof payload !== "object" || payload === null) return details;
  for (const [key, value] of Object.entries(payload))
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      details[key] = value as string | number | boolean | null;
  return details;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** The payload fields the sentences of the locale files name as {{placeholders}}. */
const NAMED_FIELDS = [
  "abMeetingOn",
  "count",
  "dueOn",
  "exitOn",
  "fileName",
  "label",
  "municipalities",
  "name",
  "positions",
  "reason",
  "reference",
  "revision",
  "subject",
  "title",
  "users",
  "year",
] as const;

/**
 * The day the event's action took place as its sentence names it (YYYY-MM-DD): the step's date ("op 13 juni
 * 2024"), else the meeting's ("vergadering 13 juni 2024"); null when the sentence names none (the action is then
 * dated only by the moment it was logged, `at`). Not a term or a planned date (dueOn, exitOn, abMeetingOn).
 */
export function eventDay(event: TimelineEvent): string | null {
  const d = event.details;
  const day = (key: string) => (typeof d[key] === "string" && DATE.test(d[key]) ? d[key].slice(0, 10) : null);
  return day("on") ?? day("date") ?? event.meetingOn ?? day("heldOn");
}

/** The event's sentence. `t` translates a locale key with values; `language` formats the dates. */
export function eventSentence(event: TimelineEvent, t: Translate, language: string): string {
  const d = event.details;
  const text = (key: string) => (typeof d[key] === "string" || typeof d[key] === "number" ? String(d[key]) : "");
  const date = (value: string) => (DATE.test(value) ? formatDate(value, language) : value);
  const values: Record<string, string | number> = {};
  // The payload fields sentences name, dates written out; a dash where an event lacks one.
  for (const key of NAMED_FIELDS) values[key] = text(key) ? date(text(key)) : "—";
  const actor = event.actor;
  const role = actor?.role ? t(`roles.${actor.role}`) : (actor?.name ?? "");
  values.who = !actor
    ? t("eventSentences.parts.someone")
    : actor.municipality
      ? t("eventSentences.parts.whoOf", { role, municipality: actor.municipality })
      : role;
  values.council = event.council ?? t("eventSentences.parts.aCouncil");
  values.document = event.document ?? t("eventSentences.parts.aDocument");
  const on = text("on") || text("date");
  values.when = on ? t("eventSentences.parts.when", { date: date(on) }) : "";
  const meeting = event.meetingOn ?? (text("heldOn") || null);
  values.meeting = meeting ? t("eventSentences.parts.meeting", { date: date(meeting) }) : "";
  values.late = d.late === true ? t("eventSentences.parts.late") : "";
  values.forTheRecord = d.forTheRecord === true ? t("eventSentences.parts.forTheRecord") : "";
  // Codes in the payload, in words; each only where its sentence uses it.
  const word = (types: string[], prefix: string, key: string) =>
    types.includes(event.type) && text(key) ? t(`${prefix}.${text(key)}`) : "";
  values.body = word(["position.logged"], "eventSentences.bodies", "body");
  values.kind = word(["position.logged", "shared_draft.published"], "positionKinds", "kind");
  values.item = word(["position.item_added"], "itemKinds", "kind");
  values.outcome = word(["position.processed"], "outcomes", "outcome");
  values.result =
    event.type.startsWith("security.") && text("result") ? t(`eventSentences.results.${text("result")}`) : "";
  return t(sentenceKey(event.type), values);
}
