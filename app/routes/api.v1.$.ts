import { apiError } from "~/utils/api.server";

/** Any other path under /api/v1: a JSON 404 with a stable code, as the rest of the API answers. */
const notFound = () => apiError(404, "not_found", "Dit adres bestaat niet in de API (zie /api/v1/openapi.json).");

export const loader = notFound;
export const action = notFound;
