/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.
 * The tests validate real responses against these schemas.
 */
import { TRAIL_KINDS } from "~workflows/shared/types";

const date = { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
const dateTime = { type: "string", format: "date-time" } as const;
const votes = {
  type: "object",
  additionalProperties: false,
  required: ["for", "against", "abstained"],
  properties: {
    for: { type: "integer", minimum: 0 },
    against: { type: "integer", minimum: 0 },
    abstained: { type: "integer", minimum: 0 },
  },
} as const;
const trailKind = { type: "string", enum: TRAIL_KINDS } as const;
const positionKind = {
  type: "string",
  enum: [
    "ZIENSWIJZE",
    "WENSEN_EN_BEDENKINGEN",
    "CONSENT_GIVEN",
    "CONSENT_WITHHELD",
    "ADOPTED",
    "ADOPTED_WITH_AMENDMENTS",
    "REJECTED",
    "AMENDMENT",
    "MOTION",
    "NO_RESPONSE",
  ],
} as const;
/** Cursor paging of a list: `limit` and `next` in, `next` out. */
const pageParameters = [
  {
    name: "limit",
    in: "query",
    required: false,
    description: "Rows per page (default 50, at most 200); anything else is 400 invalid_limit.",
    schema: { type: "integer", minimum: 1, maximum: 200, default: 50 },
  },
  {
    name: "next",
    in: "query",
    required: false,
    description:
      "The opaque cursor from the previous page's next, with the same filter; a malformed, altered or foreign cursor is 400 invalid_cursor.",
    schema: { type: "string", maxLength: 512 },
  },
] as const;
const nextField = {
  oneOf: [{ type: "string" }, { type: "null" }],
  description: "The cursor of the next page (pass it as next), or null on the last page.",
} as const;
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const trailSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id", "kind", "title", "reference", "state", "revision", "startedOn", "closedOn", "participants"],
  properties: {
    id: { type: "string" },
    kind: trailKind,
    title: { type: "string" },
    reference: { type: "string" },
    state: { type: "string" },
    revision: { type: "integer", minimum: 0 },
    startedOn: date,
    closedOn: { oneOf: [date, { type: "null" }] },
    participants: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["municipalityId", "name", "receivedOn", "status", "statusOn", "withheld"],
        properties: {
          municipalityId: { type: "string" },
          name: { type: "string" },
          receivedOn: { oneOf: [date, { type: "null" }] },
          status: { type: "string", description: "Where the municipality stands in the trail (a status key)." },
          statusOn: { oneOf: [date, { type: "null" }] },
          withheld: {
            description: "When consent was withheld: the legal ground (Wgr art. 1 lid 4) and the reasons.",
            oneOf: [
              { type: "null" },
              {
                type: "object",
                additionalProperties: false,
                required: ["ground", "reason"],
                properties: {
                  ground: { type: ["string", "null"], enum: ["law", "publicInterest", null] },
                  reason: { type: ["string", "null"] },
                },
              },
            ],
          },
        },
      },
    },
  },
} as const;
/** An annex (bijlage) of the trail or of one of its documents' revisions, with where to download it. */
const annexSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id", "fileName", "title", "size", "mediaType", "internal", "documentId", "revision", "url"],
  properties: {
    id: { type: "string" },
    fileName: { type: "string" },
    title: { type: ["string", "null"] },
    size: { type: "integer", minimum: 1 },
    mediaType: { type: "string" },
    internal: { type: "boolean", description: "Not for publication." },
    documentId: { type: ["string", "null"], description: "The document it goes with; null for the trail's own." },
    revision: {
      type: ["integer", "null"],
      description: "The document's revision it belongs to (the last sent, else the latest).",
    },
    url: { type: "string", description: "Where to download it with the same token: /api/v1/annexes/{annexId}." },
  },
} as const;

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "H10 Besluitvorming API",
    version: "1.0.0",
    description:
      "Trails, positions and deadlines of the Haaglanden region, for council information systems. Authenticate with a personal token: Authorization: Bearer <token>. Errors are JSON with a stable code.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Error: {
        type: "object",
        required: ["code", "message"],
        properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
      },
      Trail: trailSchema,
      TrailDetail: {
        ...trailSchema,
        required: [...trailSchema.required, "annexes"],
        properties: { ...trailSchema.properties, annexes: { type: "array", items: annexSchema } },
      },
      TrailList: {
        type: "object",
        additionalProperties: false,
        required: ["trails", "next"],
        properties: { trails: { type: "array", items: { $ref: "#/components/schemas/Trail" } }, next: nextField },
      },
      Position: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "trailId",
          "municipalityId",
          "body",
          "kind",
          "text",
          "meetingDate",
          "votes",
          "legalGround",
          "forTheRecord",
          "processingState",
          "decisionReference",
          "documentRevisionId",
          "supersedes",
          "loggedAt",
          "late",
          "lateAfter",
          "processing",
        ],
        properties: {
          id: { type: "string" },
          trailId: { type: "string" },
          municipalityId: { type: ["string", "null"] },
          body: { type: "string", enum: ["COUNCIL", "COMMITTEE", "COLLEGE", "BO_JEUGD", "DO", "GR_BOARD"] },
          kind: positionKind,
          text: { type: "string" },
          meetingDate: { oneOf: [date, { type: "null" }] },
          votes: { oneOf: [votes, { type: "null" }] },
          legalGround: { type: ["string", "null"], enum: ["law", "publicInterest", null] },
          forTheRecord: {
            type: "boolean",
            description: "Recorded after the trail closed, for the record: it did not change the outcome.",
          },
          processingState: {
            type: "string",
            enum: ["processed", "open", "notNeeded", "closedUnprocessed"],
            description: "closedUnprocessed: the trail closed before the position was processed; it no longer waits.",
          },
          decisionReference: { type: ["string", "null"] },
          documentRevisionId: {
            type: ["string", "null"],
            description: "The revision of the trail's document, sent to the councils, that the council decided on.",
          },
          supersedes: { type: ["string", "null"] },
          loggedAt: dateTime,
          late: {
            type: "boolean",
            description:
              "Given after the last day of its term (a zienswijze after the eight weeks of Wgr art. 1 lid 3): recorded as late, never as met.",
          },
          lateAfter: {
            oneOf: [date, { type: "null" }],
            description: "The last day of the term it missed, when late.",
          },
          processing: {
            oneOf: [
              { type: "null" },
              {
                type: "object",
                additionalProperties: false,
                required: ["outcome", "reason", "location", "lateCounts"],
                properties: {
                  outcome: { type: "string", enum: ["ADOPTED", "PARTLY_ADOPTED", "NOT_ADOPTED", "NOT_APPLICABLE"] },
                  reason: { type: "string" },
                  location: { type: "string" },
                  lateCounts: {
                    type: ["boolean", "null"],
                    description:
                      "For a late position, the secretary's call whether it still counts; null when it was in time.",
                  },
                },
              },
            ],
          },
        },
      },
      PositionList: {
        type: "object",
        additionalProperties: false,
        required: ["positions", "next"],
        properties: { positions: { type: "array", items: { $ref: "#/components/schemas/Position" } }, next: nextField },
      },
      NewPosition: {
        type: "object",
        additionalProperties: false,
        required: ["expectedRevision", "municipalityId", "body", "kind", "meetingDate"],
        properties: {
          expectedRevision: {
            type: "integer",
            minimum: 0,
            description: "The trail revision the position is based on; 409 when it moved.",
          },
          municipalityId: { type: "string" },
          body: { type: "string", enum: ["COUNCIL", "COMMITTEE", "COLLEGE"] },
          kind: positionKind,
          text: {
            type: "string",
            maxLength: 20000,
            description:
              "Required, except for NO_RESPONSE. Only the fields that fit the step may be given: votes and partyVotes not for a college or NO_RESPONSE, legalGround only for CONSENT_WITHHELD, decisionReference not for NO_RESPONSE (else 400 invalid_body naming the fields).",
          },
          meetingDate: {
            ...date,
            description:
              "The day of the meeting that decided: today (Europe/Amsterdam) or earlier (else 400 date_in_future).",
          },
          votes,
          partyVotes: {
            type: "array",
            maxItems: 50,
            description:
              "Per party group; may leave groups out, but together at most the totals in votes (else 400 party_votes_exceed_totals; details.exceeded gives per count its parties' sum and total).",
            items: {
              ...votes,
              required: ["party", ...votes.required],
              properties: { party: { type: "string" }, ...votes.properties },
            },
          },
          legalGround: { type: "string", enum: ["law", "publicInterest"] },
          decisionReference: { type: "string", maxLength: 200 },
          documentRevisionId: {
            type: "string",
            maxLength: 64,
            description: "A revision sent to the councils (else 422 revision_not_sent).",
          },
          confirmLate: {
            type: "boolean",
            description:
              "A step after its deadline (a zienswijze after the eight weeks) is refused with 422 late_not_confirmed (details: dueOn, extendedFrom) unless true; it is then recorded as late.",
          },
        },
      },
      Deadline: {
        type: "object",
        additionalProperties: false,
        required: [
          "trailId",
          "kind",
          "label",
          "municipalityId",
          "dueOn",
          "extendedFrom",
          "metOn",
          "milestone",
          "late",
          "status",
          "basis",
        ],
        properties: {
          trailId: { type: "string" },
          kind: { type: "string" },
          label: { type: "string" },
          municipalityId: { type: ["string", "null"] },
          dueOn: { ...date, description: "The last day, after any extension by the Algemene termijnenwet." },
          extendedFrom: {
            oneOf: [date, { type: "null" }],
            description:
              "The day a legal term ended by counting when it fell on a Saturday, Sunday or public holiday and the Algemene termijnenwet (art. 1) extended it to dueOn.",
          },
          metOn: { oneOf: [date, { type: "null" }] },
          milestone: {
            type: "boolean",
            description: "An effective date (the day an exit takes effect), not a deadline: never overdue.",
          },
          late: { type: "boolean", description: "Met after dueOn." },
          status: {
            type: "string",
            enum: ["met", "late", "overdue", "dueSoon", "open", "scheduled", "inEffect"],
            description: "Seen from today (Europe/Amsterdam); a milestone is scheduled or inEffect.",
          },
          basis: { type: ["string", "null"] },
        },
      },
      DeadlineList: {
        type: "object",
        additionalProperties: false,
        required: ["deadlines", "next"],
        properties: { deadlines: { type: "array", items: { $ref: "#/components/schemas/Deadline" } }, next: nextField },
      },
      /** Money is a decimal string in euros with two decimals ("3091150.00"), never a binary float. */
      FinanceItem: {
        type: "object",
        additionalProperties: false,
        required: ["id", "label", "kind", "year", "amount", "key", "allocation"],
        properties: {
          id: { type: "string" },
          label: { type: "string" },
          kind: { enum: ["ONE_OFF", "YEARLY"] },
          year: { type: "integer" },
          amount: {
            description: "Euros, or null for pm (not yet known)",
            oneOf: [{ type: "string", pattern: "^-?\\d+\\.\\d{2}$" }, { type: "null" }],
          },
          key: {
            oneOf: [
              {
                type: "object",
                additionalProperties: false,
                required: ["id", "name", "method"],
                properties: {
                  id: { type: "string" },
                  name: { type: "string" },
                  method: { enum: ["INHABITANTS", "EQUAL", "PERCENTAGES", "USAGE"] },
                },
              },
              { type: "null" },
            ],
          },
          allocation: {
            oneOf: [
              { type: "null" },
              {
                type: "object",
                additionalProperties: false,
                required: ["ok", "inhabitantsYear", "shares"],
                properties: {
                  ok: { const: true },
                  inhabitantsYear: { type: ["integer", "null"] },
                  shares: {
                    type: "array",
                    items: {
                      type: "object",
                      additionalProperties: false,
                      required: ["municipalityId", "municipality", "amount", "basis"],
                      properties: {
                        municipalityId: { type: "string" },
                        municipality: { type: "string" },
                        amount: { type: "string", pattern: "^-?\\d+\\.\\d{2}$" },
                        basis: { type: "string" },
                      },
                    },
                  },
                },
              },
              {
                type: "object",
                additionalProperties: false,
                required: ["ok", "code", "municipalities", "inhabitantsYear"],
                properties: {
                  ok: { const: false },
                  code: { enum: ["inhabitants_missing", "key_entry_missing", "zero_weight"] },
                  municipalities: { type: "array", items: { type: "string" } },
                  inhabitantsYear: { type: ["integer", "null"] },
                },
              },
            ],
          },
        },
      },
      FinanceList: {
        type: "object",
        required: ["items", "contributions"],
        properties: {
          items: { type: "array", items: { $ref: "#/components/schemas/FinanceItem" } },
          contributions: {
            description:
              "A budget cycle's contribution of each council for its budget year against last year's (null for other kinds, or before the year's amounts are entered)",
            oneOf: [{ type: "null" }, { $ref: "#/components/schemas/Contributions" }],
          },
        },
      },
      AnswerList: {
        type: "object",
        required: ["items"],
        properties: {
          items: {
            type: "array",
            items: {
              type: "object",
              required: ["positionId", "municipalityId", "municipality", "zienswijze", "meetingDate", "answer"],
              properties: {
                positionId: { type: "string" },
                municipalityId: { type: "string" },
                municipality: { type: "string" },
                zienswijze: {
                  type: "string",
                  description: "The council's zienswijze in force (a correction replaces it)",
                },
                meetingDate: { type: ["string", "null"], format: "date" },
                answer: {
                  description: "The board's written answer; null while it has none",
                  oneOf: [
                    { type: "null" },
                    {
                      type: "object",
                      required: ["id", "text", "answeredOn"],
                      properties: {
                        id: { type: "string" },
                        text: { type: "string" },
                        answeredOn: { type: "string", format: "date" },
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      },
      ContributionFigures: {
        type: "object",
        required: ["amount", "previousAmount", "difference", "percent"],
        properties: {
          amount: { type: ["string", "null"], description: "Decimal euros; null while pm" },
          previousAmount: { type: ["string", "null"], description: "Last year's, decimal euros; null when unknown" },
          difference: { type: ["string", "null"], description: "Decimal euros" },
          percent: { type: ["string", "null"], description: "One decimal, e.g. 4.0" },
        },
      },
      Contributions: {
        type: "object",
        required: ["budgetYear", "previousFrom", "councils", "total"],
        properties: {
          budgetYear: { type: "integer" },
          previousFrom: {
            type: ["string", "null"],
            enum: ["previousTrail", "entered", null],
            description: "Last year's figures: from the previous budget cycle, entered on this trail, or none",
          },
          councils: {
            type: "array",
            items: {
              allOf: [
                { $ref: "#/components/schemas/ContributionFigures" },
                {
                  type: "object",
                  required: ["municipalityId", "municipality"],
                  properties: { municipalityId: { type: "string" }, municipality: { type: "string" } },
                },
              ],
            },
          },
          total: { $ref: "#/components/schemas/ContributionFigures" },
        },
      },
    },
  },
  paths: {
    "/trails": {
      get: {
        summary: "All trails of the region, newest first (by start date), a page at a time",
        parameters: [{ name: "kind", in: "query", required: false, schema: trailKind }, ...pageParameters],
        responses: {
          "200": {
            description: "The trails",
            content: { "application/json": { schema: { $ref: "#/components/schemas/TrailList" } } },
          },
          "400": errorResponse("A bad limit (invalid_limit) or next (invalid_cursor)"),
          "401": errorResponse("No valid token"),
        },
      },
    },
    "/trails/{trailId}": {
      get: {
        summary: "One trail",
        parameters: [{ name: "trailId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The trail, with its annexes and those of its documents",
            content: { "application/json": { schema: { $ref: "#/components/schemas/TrailDetail" } } },
          },
          "401": errorResponse("No valid token"),
          "404": errorResponse("No such trail"),
        },
      },
    },
    "/trails/{trailId}/brief.pdf": {
      get: {
        summary: "The trail's status brief as a tagged PDF (PDF/UA, nl-NL)",
        parameters: [{ name: "trailId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The brief",
            content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
          },
          "401": errorResponse("No valid token"),
          "404": errorResponse("No such trail"),
        },
      },
    },
    "/trails/{trailId}/finances": {
      get: {
        summary: "The trail's financial consequences: amounts, their keys and every participant's share to the cent",
        parameters: [{ name: "trailId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The amounts",
            content: { "application/json": { schema: { $ref: "#/components/schemas/FinanceList" } } },
          },
          "401": errorResponse("No valid token"),
          "404": errorResponse("No such trail"),
        },
      },
    },
    "/trails/{trailId}/answers": {
      get: {
        summary:
          "The answer ledger of a budget cycle or GR amendment: every council's zienswijze with the board's written answer",
        parameters: [{ name: "trailId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The zienswijzen and their answers, by council",
            content: { "application/json": { schema: { $ref: "#/components/schemas/AnswerList" } } },
          },
          "401": errorResponse("No valid token"),
          "404": errorResponse("No such trail, or a kind without an answer ledger (no_answer_ledger)"),
        },
      },
    },
    "/documents/{documentId}/letters.zip": {
      get: {
        summary: "A document's letter to each participating council, one PDF per council in a zip",
        parameters: [
          { name: "documentId", in: "path", required: true, schema: { type: "string" } },
          {
            name: "annexes",
            in: "query",
            required: false,
            description: "true: the zip also carries the annexes' files, under Bijlagen/ with unique names.",
            schema: { type: "string", enum: ["true", "false"] },
          },
        ],
        responses: {
          "200": {
            description: "The letters",
            content: { "application/zip": { schema: { type: "string", format: "binary" } } },
          },
          "401": errorResponse("No valid token"),
          "404": errorResponse("No such document"),
        },
      },
    },
    "/annexes/{annexId}": {
      get: {
        summary: "An annex's file, as uploaded (PDF or an office file); the name in Content-Disposition",
        parameters: [{ name: "annexId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The file",
            content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
          },
          "401": errorResponse("No valid token"),
          "404": errorResponse("No such annex"),
        },
      },
    },
    "/trails/{trailId}/positions": {
      get: {
        summary: "The positions logged on a trail (corrections included), newest logged first, a page at a time",
        parameters: [{ name: "trailId", in: "path", required: true, schema: { type: "string" } }, ...pageParameters],
        responses: {
          "200": {
            description: "The positions",
            content: { "application/json": { schema: { $ref: "#/components/schemas/PositionList" } } },
          },
          "400": errorResponse("A bad limit (invalid_limit) or next (invalid_cursor)"),
          "401": errorResponse("No valid token"),
          "404": errorResponse("No such trail"),
        },
      },
      post: {
        summary: "Log a position for the token holder's own council, committee or college",
        description:
          "Send an Idempotency-Key header (a new random key per position, e.g. a UUID) to make retries safe: a second request with the same key and body logs nothing and gets the first answer; the same key with another body gets 422 idempotency_key_reused. Keys are kept for a week.",
        parameters: [
          { name: "trailId", in: "path", required: true, schema: { type: "string" } },
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            schema: { type: "string", pattern: "^[A-Za-z0-9_-]{16,200}$" },
          },
        ],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/NewPosition" } } },
        },
        responses: {
          "201": {
            description: "Logged",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Position" } } },
          },
          "400": errorResponse(
            "Malformed JSON, unknown or invalid fields (invalid_body), a meetingDate more than half a year before the trail's start or more than five years ahead (date_out_of_range; details gives field, earliest and latest) or after today (date_in_future; details gives field and latest), or partyVotes adding up to more than votes (party_votes_exceed_totals; details gives exceeded)",
          ),
          "401": errorResponse("No valid token"),
          "403": errorResponse("Not for this municipality or body"),
          "404": errorResponse("No such trail"),
          "409": errorResponse("The trail moved since expectedRevision"),
          "413": errorResponse("Body too large"),
          "415": errorResponse("Not JSON"),
          "422": errorResponse(
            "The trail does not expect this position now, the meeting was after the deadline and confirmLate was not true (late_not_confirmed), or the Idempotency-Key was used with another body",
          ),
        },
      },
    },
    "/deadlines": {
      get: {
        summary: "Open and met deadlines, optionally for one municipality, soonest first, a page at a time",
        parameters: [
          { name: "municipalityId", in: "query", required: false, schema: { type: "string" } },
          ...pageParameters,
        ],
        responses: {
          "200": {
            description: "The deadlines",
            content: { "application/json": { schema: { $ref: "#/components/schemas/DeadlineList" } } },
          },
          "400": errorResponse("A bad limit (invalid_limit) or next (invalid_cursor)"),
          "401": errorResponse("No valid token"),
        },
      },
    },
  },
} as const;
