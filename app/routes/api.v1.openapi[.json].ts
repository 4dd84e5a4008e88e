import { openApiDocument } from "~/api/openapi";

/** The API description is public: it holds no data. */
export const loader = () => Response.json(openApiDocument, { headers: { "Cache-Control": "public, max-age=300" } });
