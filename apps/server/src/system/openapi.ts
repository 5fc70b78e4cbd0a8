// The OpenAPI 3.1 document is generated from the same zod schemas that validate requests, so it
// cannot drift; Swagger UI (served from the package, no CDN) makes it browsable at /api/docs.
import swagger, { type SwaggerTransformObject } from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The components, without two keywords zod gives each registered schema:
 * - `$id`, a bare fragment ("#/components/schemas/Problem"), which JSON Schema 2020-12 forbids (an
 *   `$id` names a resource, not a place in one): validators and client generators that follow
 *   the specification refuse the document. Nothing needs it: every use of a component is a `$ref`
 *   to its place in the document, which resolves against the document's own address.
 * - `$schema` naming plain 2020-12: without it a component is read in the document's dialect,
 *   OpenAPI 3.1's base dialect (2020-12 with OpenAPI's keywords), which is what the official
 *   OpenAPI 3.1 schema (schema-base) checks every component against.
 */
const transformObject: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input);
  const components = "components" in document ? document.components : undefined;
  for (const schema of Object.values(components?.schemas ?? {})) {
    if (!isRecord(schema)) continue;
    if (typeof schema.$id === "string" && schema.$id.startsWith("#")) delete schema.$id;
    if (schema.$schema === "https://json-schema.org/draft/2020-12/schema") delete schema.$schema;
  }
  return document;
};

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Bulwark API",
        version,
        description:
          "Bulwark helps countries and operators protect critical infrastructure against terrorist attacks. " +
          "Errors are RFC 9457 problem+json. Browser sessions use a cookie and must send X-CSRF-Token on writes; " +
          "machines send an API token as 'Authorization: Bearer <token>'.",
        license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "bulwark_session" },
          bearer: { type: "http", scheme: "bearer", description: "An API token from POST /api/me/tokens." },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { docExpansion: "list", deepLinking: true },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
}
