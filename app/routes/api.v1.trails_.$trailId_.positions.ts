import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { positionJson } from "~/api/serialize.server";
import { listTrailPositionsPage, logPosition } from "~/models/position.server";
import { getTrail } from "~/models/trail.server";
import { calendarDateField } from "~/schemas/fields";
import { positionFieldsFor } from "~/schemas/position";
import { apiError, apiJson, idempotencyKeyOf, readJson, requireApiUser } from "~/utils/api.server";
import { pageOf, pageRequest } from "~/utils/cursor.server";
import { POSITION_KINDS } from "~workflows/positions";

const count = z.number().int().min(0).max(500);
const Votes = z.strictObject({ for: count, against: count, abstained: count });

/** The same rules as the form; unknown fields are refused. */
const NewPositionBody = z.strictObject({
  expectedRevision: z.number().int().min(0),
  municipalityId: z.string().min(1).max(64),
  body: z.enum(["COUNCIL", "COMMITTEE", "COLLEGE"]),
  kind: z.enum(POSITION_KINDS),
  /** Required, except for NO_RESPONSE ("Geen reactie"), which needs none (positionFieldsFor). */
  text: z.string().trim().max(20_000).default(""),
  /**
   * Its range (from half a year before the trail's start to five years ahead) is the model's: date_out_of_range; a
   * meeting after today (Amsterdam) is refused with date_in_future.
   */
  meetingDate: calendarDateField,
  votes: Votes.optional(),
  /** Per party group; together at most the totals in votes (else party_votes_exceed_totals). */
  partyVotes: z
    .array(Votes.extend({ party: z.string().trim().min(1).max(100) }))
    .max(50)
    .optional(),
  legalGround: z.enum(["law", "publicInterest"]).optional(),
  decisionReference: z.string().trim().max(200).optional(),
  documentRevisionId: z.string().trim().min(1).max(64).optional(),
  /** A step after its deadline (a late zienswijze) is refused with late_not_confirmed unless this is true. */
  confirmLate: z.boolean().optional(),
});

async function trailOr404(trailId: string | undefined) {
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw apiError(404, "trail_not_found", "Dit traject bestaat niet.");
  return trail;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const trail = await trailOr404(params.trailId);
  // A cursor belongs to the positions of its trail.
  const scope = `positions:${trail.id}`;
  const page = pageRequest(new URL(request.url).searchParams, scope);
  const rows = await listTrailPositionsPage(trail.id, page);
  const { rows: positions, next } = pageOf(rows, page.limit, scope, (p) => ({ at: p.loggedAt, id: p.id }));
  const closed = { kind: trail.kind, closed: trail.closedAt !== null };
  return apiJson({ positions: positions.map((position) => positionJson(position, closed)), next });
}

const MESSAGES: Record<string, string> = {
  trail_not_found: "Dit traject bestaat niet.",
  forbidden_body: "U mag alleen vastleggen voor uw eigen gemeente (griffier: raad en commissie; wethouder: college).",
  forbidden_event: "U mag deze stap niet vastleggen.",
  event_not_accepted: "Het traject verwacht dit standpunt nu niet.",
  kind_not_for_body: "Dit soort standpunt past niet bij dit orgaan in dit traject.",
  trail_closed: "Dit traject is afgesloten.",
  not_a_participant: "Deze gemeente neemt niet deel aan dit traject.",
  revision_conflict: "Het traject is intussen gewijzigd; haal de nieuwe revisie op.",
  invalid_payload: "De gegevens van de stap kloppen niet.",
  positions_unprocessed: "Eerst moeten alle standpunten verwerkt zijn.",
  zienswijzen_unanswered: "Eerst moet het bestuur elke zienswijze schriftelijk beantwoorden.",
  revision_not_sent: "Deze documentrevisie is niet naar de raden gestuurd of hoort niet bij dit traject.",
  late_not_confirmed:
    "De vergadering was na de termijn: dit standpunt wordt als te laat vastgelegd. Stuur confirmLate: true om het zo vast te leggen; details noemt de termijn.",
  date_out_of_range:
    "De vergaderdatum kan niet kloppen: die ligt niet meer dan een half jaar vóór de start van het traject (en niet vóór 1 januari 2000) en niet meer dan vijf jaar in de toekomst; details noemt de grenzen.",
  date_in_future:
    "De vergaderdatum ligt in de toekomst: een besluit wordt vastgelegd na de vergadering, met een datum tot en met vandaag; details noemt de laatste toegestane dag.",
  party_votes_exceed_totals:
    "De stemmen per fractie tellen samen op tot meer dan het totaal in votes; details noemt per telling (for, against, abstained) de som van de fracties en het totaal.",
  idempotency_key_reused: "Deze Idempotency-Key is al gebruikt voor een verzoek met een andere inhoud.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Alleen GET en POST.");
  const { actor } = await requireApiUser(request);
  const idempotencyKey = idempotencyKeyOf(request);
  const body = await readJson(request, NewPositionBody);
  if (body.kind === "CONSENT_WITHHELD" && !body.legalGround) {
    return apiError(400, "invalid_body", "Bij onthouden toestemming hoort een grond (legalGround).");
  }
  // The same fields fit the step as on the form: a value in one that does not fit is refused, not dropped.
  const fit = positionFieldsFor(body.body, body.kind);
  if (fit.textRequired && !body.text)
    return apiError(400, "invalid_body", "Een tekst (text) is verplicht, behalve bij NO_RESPONSE.", {
      fields: ["text"],
    });
  const misfit = [
    ...(fit.votes ? [] : (["votes", "partyVotes"] as const)),
    ...(fit.legalGround ? [] : (["legalGround"] as const)),
    ...(fit.decisionReference ? [] : (["decisionReference"] as const)),
  ].filter((field) => body[field] !== undefined);
  if (misfit.length)
    return apiError(
      400,
      "invalid_body",
      `Deze velden passen niet bij ${body.body}:${body.kind}: ${misfit.join(", ")}.`,
      {
        fields: misfit,
      },
    );
  // logPosition checks that the trail exists (404) in its own transaction.
  // With an Idempotency-Key, a retry logs nothing and gets the first answer.
  const result = await logPosition(
    { trailId: params.trailId ?? "", ...body, votes: body.votes },
    actor,
    idempotencyKey,
  );
  if (!result.ok) {
    if (result.code === "date_out_of_range") {
      const { field, earliest, latest } = result;
      return apiError(result.status, result.code, MESSAGES[result.code]!, { field, earliest, latest });
    }
    if (result.code === "date_in_future") {
      const { field, latest } = result;
      return apiError(result.status, result.code, MESSAGES[result.code]!, { field, latest });
    }
    if (result.code === "party_votes_exceed_totals")
      return apiError(result.status, result.code, MESSAGES[result.code]!, { exceeded: result.exceeded });
    const { ok: _failed, status, code: modelCode, ...details } = result;
    const code = modelCode === "form_key_reused" ? "idempotency_key_reused" : modelCode;
    return apiError(status, code, MESSAGES[code] ?? code, Object.keys(details).length ? details : undefined);
  }
  // A new position has no processing yet; its row is answered as stored.
  return apiJson(
    positionJson(
      { ...result.position!, body: { kind: body.body }, lateAfter: result.lateAfter, processing: null },
      result.trail!,
    ),
    201,
  );
}
