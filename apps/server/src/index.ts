export { buildApp } from "./app.ts";
export { currentTotp } from "./auth/auth.service.ts";
export { generatePassword, hashPassword } from "./auth/secrets.ts";
export { type Config, ConfigError, readConfig } from "./config.ts";
export type { ServerContext } from "./context.ts";
export { DEMO_ADMIN, readDemoCountry, seedDemo, stableId } from "./demo/seed-demo.ts";
export { openContext, type Running, startServer, VERSION } from "./start.ts";
