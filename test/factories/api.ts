/** Helpers of the JSON API's tests: a Delft clerk's token, responses checked against the OpenAPI document. */
import Ajv2020 from "ajv/dist/2020";
import { expect } from "vitest";
import { openApiDocument } from "~/api/openapi";
import { createApiToken } from "~/models/api-token.server";
import { demoActors } from "./trail";

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...openApiDocument, $id: "openapi" } as object);

/** Validates a body against a component schema of the served OpenAPI document. */
export function expectSchema(name: string, body: unknown) {
  const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

/** A loader's or action's answer, returned or thrown. */
export async function call(run: () => unknown): Promise<Response> {
  try {
    return (await run()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A new API token of Delft's clerk. */
export async function delftClerkToken(): Promise<string> {
  const actors = await demoActors();
  return (
    await createApiToken(actors("griffier.delft").id, "RIS Delft", {
      actor: actors("griffier.delft"),
      origin: "127.0.0.1",
    })
  ).token;
}
