// @ts-check
// What the bin needs before the command table (program.js): a well-formed `bulwark analyse
// criticality` or `bulwark analyse cascade` runs without loading commander (about 25 ms of its
// run, which is mostly start-up: ADR 0022); any other command line, and any of these that is not
// plainly well formed (help, a missing, repeated or unknown option, a value that starts with a
// dash), goes to the table, which answers it as always. Also the loading of TypeScript and of the
// compiled `analyse`, and the report of a failure, which both ways share. Imports nothing until
// it is used.

let registered = false;
/** Let Node import TypeScript, once, the first time a command's code is needed. */
export async function typescript() {
  if (registered) return;
  const { register } = await import("tsx/esm/api");
  register();
  registered = true;
}

/**
 * A command's TypeScript module, through tsx.
 * @template M
 * @param {() => Promise<M>} load
 * @returns {Promise<M>}
 */
export async function fromTypeScript(load) {
  await typescript();
  return load();
}

/**
 * `analyse` runs compiled (compiled.js, ADR 0022): built when missing or older than its sources,
 * from its TypeScript when it cannot be built.
 * @returns {Promise<typeof import("./commands/analyse.ts")>}
 */
export async function analyse() {
  const { compile, freshCompiled } = await import("./compiled.js");
  let file = freshCompiled("analyse");
  if (!file) file = await compile("analyse").catch(() => null);
  if (file) return import(file.href);
  return fromTypeScript(() => import("./commands/analyse.ts"));
}

/**
 * Say why a command failed and exit 1: the CLI's own errors in a line, the others by report.ts.
 * @param {unknown} error
 * @returns {Promise<never>}
 */
export async function failed(error) {
  // An error the operator can fix (output.ts's CliError, from TypeScript or compiled code alike).
  if (error instanceof Error && error.name === "CliError") {
    process.stderr.write(`bulwark: ${error.message}\n`);
    process.exit(1);
  }
  await typescript();
  const { report } = await import("./report.ts");
  await report(error);
  process.exit(1);
}

/**
 * The options of each `analyse` command that take a value, as program.js declares them
 * (program.test.ts checks that the two agree).
 * @type {Record<"criticality" | "cascade", { required: string[], optional: string[] }>}
 */
export const ANALYSE = {
  criticality: { required: ["assets", "dependencies"], optional: ["top"] },
  cascade: { required: ["assets", "dependencies", "fail"], optional: [] },
};

/**
 * The command and options commander would give for `analyse criticality|cascade` followed only by
 * `--json` and its options (`--name value` or `--name=value`), each once, the required ones all
 * there, no value empty or starting with a dash; null for any other command line.
 * @param {string[]} argv process.argv
 * @returns {{ name: "criticality" | "cascade", options: Record<string, string | boolean> } | null}
 */
export function plainAnalyse(argv) {
  const [, , group, name, ...rest] = argv;
  if (group !== "analyse" || (name !== "criticality" && name !== "cascade")) return null;
  const { required, optional } = ANALYSE[name];
  /** @type {Record<string, string | boolean>} */
  const options = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    if (arg === "--json") {
      if ("json" in options) return null;
      options.json = true;
      continue;
    }
    if (!arg.startsWith("--")) return null;
    const equals = arg.indexOf("=");
    const key = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    if (!(required.includes(key) || optional.includes(key)) || key in options) return null;
    const value = equals < 0 ? rest[++i] : arg.slice(equals + 1);
    if (value === undefined || value === "" || value.startsWith("-")) return null;
    options[key] = value;
  }
  if (!required.every((key) => key in options)) return null;
  return { name, options };
}

/**
 * Run a plain `analyse` command line (see plainAnalyse) as the command table would; false, having
 * done nothing, for any other.
 * @param {string[]} argv
 * @returns {Promise<boolean>}
 */
export async function runPlainAnalyse(argv) {
  const plain = plainAnalyse(argv);
  if (!plain) return false;
  try {
    const module = await analyse();
    // The options as commander gives them: checked above to hold exactly these keys.
    const options = /** @type {any} */ (plain.options);
    if (plain.name === "criticality") await module.rankAssets(options);
    else await module.failCascade(options);
  } catch (error) {
    await failed(error);
  }
  return true;
}
