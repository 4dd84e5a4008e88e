import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  getOpenResource,
  listAgendapunten,
  listBesluiten,
  listGroupResults,
  listInformatieobjecten,
  listStemmingen,
  listVergaderingen,
  municipalityByCode,
  OPEN_RESOURCES,
  type OpenFilter,
  type OpenLinks,
  type OpenResource,
} from "~/models/open-data.server";
import { apiError } from "~/utils/api.server";
import { encodeCursor, pageRequest } from "~/utils/cursor.server";
import { fromDateInputValue } from "~/utils/format";
import { publicPaths } from "~/utils/public-paths";

/**
 * Open data in the shape of the VNG ODS specification (app/models/open-data.server.ts): unauthenticated, read-only,
 * GET only. /open lists the collections; /open/<collection> pages one (limit, next; gemeentecode, vanaf, tot);
 * /open/<collection>/<id> is one resource. Errors are JSON with a stable code, as in the rest of the API.
 */
const ODS_VERSION = "2.0.0-beta.4";

const headers = {
  "Cache-Control": "public, max-age=300",
  "Access-Control-Allow-Origin": "*",
  "api-version": ODS_VERSION,
};

const json = (body: unknown) => Response.json(body, { headers });

const LISTS = {
  vergaderingen: listVergaderingen,
  agendapunten: listAgendapunten,
  besluiten: listBesluiten,
  stemmingen: listStemmingen,
  stemresultatenperfractie: listGroupResults,
  informatieobjecten: listInformatieobjecten,
} as const;

/** A day parameter (2024-06-13), as the start of that day in the Netherlands, or of the day after it (`after`). */
function dateParam(params: URLSearchParams, name: string, after = false): Date | undefined {
  const value = params.get(name);
  if (value === null || value === "") return undefined;
  try {
    const day = fromDateInputValue(value);
    if (!after) return day;
    const next = new Date(
      Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8)) + 1),
    );
    return fromDateInputValue(next.toISOString().slice(0, 10));
  } catch {
    throw apiError(400, "invalid_date", `${name} moet een datum zijn als 2024-06-13.`);
  }
}

async function filterOf(params: URLSearchParams): Promise<OpenFilter> {
  const filter: OpenFilter = {};
  const code = params.get("gemeentecode");
  if (code !== null && code !== "") {
    if (!/^(GM)?\d{4}$/i.test(code)) {
      throw apiError(400, "invalid_gemeentecode", "gemeentecode is de CBS-code van een gemeente, zoals 0503.");
    }
    const municipality = await municipalityByCode(code);
    if (!municipality) {
      throw apiError(400, "unknown_gemeentecode", `Gemeente ${code} neemt niet deel aan de regeling.`);
    }
    filter.municipalityId = municipality.id;
  }
  // ODS's own filter on a meeting's day, and a range on every collection's date.
  const on = params.get("vergaderdatum") ? "vergaderdatum" : null;
  filter.from = dateParam(params, on ?? "vanaf");
  filter.before = dateParam(params, on ?? "tot", true);
  if (filter.from && filter.before && filter.from >= filter.before) {
    throw apiError(400, "invalid_date_range", "vanaf ligt na tot.");
  }
  return filter;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const origin = url.origin;
  const links: OpenLinks = {
    resource: (kind, id) => `${origin}/open/${kind}/${encodeURIComponent(id)}`,
    trail: (reference) => `${origin}${publicPaths.trail(reference)}`,
    publicationPdf: (id) => `${origin}${publicPaths.publicationPdf(id)}`,
  };
  const parts = (params["*"] ?? "").split("/").filter(Boolean);
  if (parts.length === 0) {
    return json(
      Object.fromEntries(OPEN_RESOURCES.filter((r) => r !== "fracties").map((r) => [r, `${origin}/open/${r}`])),
    );
  }
  const [kind, id, ...rest] = parts;
  if (!OPEN_RESOURCES.includes(kind as OpenResource) || rest.length) {
    throw apiError(404, "not_found", "Dit adres bestaat niet in de open data (zie /open).");
  }
  const resource = kind as OpenResource;
  if (id !== undefined) {
    if (id.length > 80) throw apiError(404, "not_found", "Dit object bestaat niet of is niet openbaar.");
    const found = await getOpenResource(resource, id, links);
    if (!found) throw apiError(404, "not_found", "Dit object bestaat niet of is niet openbaar.");
    return json(found);
  }
  if (resource === "fracties") {
    throw apiError(404, "not_found", "Fracties zijn op te vragen vanuit een stemresultaat per fractie.");
  }
  const search = url.searchParams;
  const filter = await filterOf(search);
  // A cursor belongs to the list and filter it came from.
  const scope = `open:${resource}:${filter.municipalityId ?? ""}:${search.get("vergaderdatum") ?? ""}:${
    search.get("vanaf") ?? ""
  }:${search.get("tot") ?? ""}`;
  const page = pageRequest(search, scope);
  const { rows, nextKey } = await LISTS[resource](filter, page, links);
  let next: string | null = null;
  if (nextKey) {
    const nextUrl = new URL(url);
    nextUrl.searchParams.set("next", encodeCursor(scope, nextKey));
    next = nextUrl.toString();
  }
  return json({ next, previous: null, results: rows });
}

const notAllowed = () => apiError(405, "method_not_allowed", "De open data is alleen te lezen (GET).");
export const action = notAllowed;
