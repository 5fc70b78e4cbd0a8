// `npm ci` (prepare): compile the commands that run as JavaScript (apps/cli/src/compiled.js,
// ADR 0022). Never fails the install: a command that is not compiled here is compiled on first use,
// or runs from its TypeScript.
import { COMPILED, compile } from "../apps/cli/src/compiled.js";

for (const name of Object.keys(COMPILED)) {
  try {
    await compile(/** @type {keyof typeof COMPILED} */ (name));
  } catch (error) {
    console.warn(`bulwark: could not compile ${name} (it will run from TypeScript): ${error}`);
  }
}
