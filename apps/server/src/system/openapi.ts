// The OpenAPI 3.1 document is generated from the same zod schemas that validate requests, so it
// cannot drift; Swagger UI (served from the package, no CDN) makes it browsable at /api/docs.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

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
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { docExpansion: "list", deepLinking: true },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
}
