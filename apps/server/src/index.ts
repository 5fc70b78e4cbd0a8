export { buildApp } from "./app.ts";
export { currentTotp } from "./auth/auth.service.ts";
export { generatePassword, hashPassword } from "./auth/secrets.ts";
export { createToken } from "./auth/tokens.service.ts";
export { exportPack, loadPack, PackError, readPack } from "./compendium/pack.service.ts";
export { type Config, ConfigError, readConfig } from "./config.ts";
export type { ServerContext } from "./context.ts";
export { DEMO_ADMIN, readDemoCountry, seedDemo, stableId } from "./demo/seed-demo.ts";
export { exercisePackage, importPackage, type PackageError } from "./exercises/package.service.ts";
export { type Message, say } from "./i18n/messages.ts";
export { addOrganisation } from "./organisations/organisations.service.ts";
export { exportFiles, exportGeoJson, importRegistry } from "./registry/import.service.ts";
export {
  FRAMEWORKS_FOLDER,
  FrameworkFileError,
  loadFrameworks,
  readFrameworks,
} from "./self-assessment/frameworks.service.ts";
export { openContext, type Running, startServer, VERSION } from "./start.ts";
export { addUser, setPassword } from "./users/users.service.ts";
