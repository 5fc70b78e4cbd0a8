// @ts-check
// The `bulwark` command table: every command's name, arguments, options and help, in plain
// JavaScript, so that `bulwark --help` (and a mistyped option) answers without loading the
// TypeScript transform or any command's code (ADR 0020). A command's code is TypeScript, loaded
// through tsx when that command runs, and only its own modules; `bulwark analyse` runs compiled
// (ADR 0022) and loads no server or database code. Type-checked by tsc (allowJs, @ts-check).
import { Command, CommanderError } from "commander";
import { analyse, failed, fromTypeScript } from "./start.js";

// Listed in the help; the same as @bulwark/core's vocabulary (program.test.ts checks it).
export const ORGANISATION_KINDS = [
  "national-authority",
  "regulator",
  "law-enforcement",
  "public-operator",
  "private-operator",
  "sector-isac",
  "international-organisation",
  "academia",
  "civil-society",
];
export const ROLES = ["platform-admin", "organisation-admin", "coordinator", "analyst", "member", "auditor"];
export const SECTORS = [
  "energy-electricity",
  "energy-oil",
  "energy-gas",
  "energy-hydrogen",
  "district-heating",
  "nuclear",
  "dams",
  "water-drinking",
  "water-waste",
  "food-agriculture",
  "health",
  "chemical",
  "transport-air",
  "transport-rail",
  "transport-water",
  "transport-road",
  "transport-public",
  "digital-infrastructure",
  "telecommunications",
  "space",
  "banking",
  "financial-market-infrastructure",
  "government-services",
  "emergency-services",
  "defence-industrial-base",
  "critical-manufacturing",
  "commercial-facilities",
  "public-administration",
];
/** Rows `bulwark analyse criticality` shows without --top (the same as analyse.ts's HUMAN_TOP). */
export const HUMAN_TOP = 20;

/**
 * Run a command: import its module, then hand it the parsed input.
 * @template M
 * @param {() => Promise<M>} load
 * @param {(module: M) => unknown} work
 */
async function run(load, work) {
  await work(await load());
}

// Each command's module, imported only when one of its commands runs.
const serve = () => fromTypeScript(() => import("./commands/serve.ts"));
const database = () => fromTypeScript(() => import("./commands/database.ts"));
const accounts = () => fromTypeScript(() => import("./commands/accounts.ts"));
const registry = () => fromTypeScript(() => import("./commands/registry.ts"));
const compendium = () => fromTypeScript(() => import("./commands/compendium.ts"));
const frameworks = () => fromTypeScript(() => import("./commands/frameworks.ts"));
const exercises = () => fromTypeScript(() => import("./commands/exercises.ts"));
/**
 * Collect a repeatable option's values.
 * @param {string} value
 * @param {string[]} previous
 */
const collect = (value, previous) => [...previous, value];

/** The whole command tree, with no command's code loaded. */
export function program() {
  const bulwark = new Command("bulwark")
    .description(
      "Bulwark: protect critical infrastructure against terrorist attacks.\n\n" +
        "Environment: DATABASE_URL (PostgreSQL; absent = embedded PGlite), BULWARK_DATA (PGlite folder, default ./data),\n" +
        "PORT, HOST, BULWARK_DEMO_PASSWORD.",
    )
    .showHelpAfterError()
    .exitOverride();

  bulwark
    .command("serve")
    .description(
      "Run the web app and API (PGlite in BULWARK_DATA, or PostgreSQL at DATABASE_URL); migrates first.",
    )
    .option("--demo", "load the demo country on first start and print its sign-in accounts")
    .option("-p, --port <port>", "port to listen on (default: PORT or 8080)")
    .option("--host <host>", "address to listen on (default: HOST or 127.0.0.1)")
    .action((options) => run(serve, (module) => module.serve(options)));

  bulwark
    .command("migrate")
    .description("Create the database or bring it up to date (safe to run again).")
    .action(() => run(database, (module) => module.migrate()));

  bulwark
    .command("seed-demo")
    .description("Load the demo country (organisations, people, communities) unless it is loaded already.")
    .action(() => run(database, (module) => module.loadDemo()));

  bulwark
    .command("audit")
    .description("The hash-chained audit trail.")
    .command("verify")
    .description("Check every link of the audit chain; exits 1 and names the first broken entry.")
    .option("--json", "print the report as JSON")
    .action((options) => run(database, (module) => module.verifyAudit(options)));

  bulwark
    .command("backup")
    .description(
      "Write the whole database to one file (gzip'd JSON lines), portable between PGlite and PostgreSQL.",
    )
    .argument("<file>", "where to write, e.g. bulwark-2026-11-24.bulwark.gz")
    .option("--force", "overwrite the file if it exists")
    .action((file, options) => run(database, (module) => module.backup(file, options)));

  bulwark
    .command("restore")
    .description(
      "Replace the whole database with a backup file (all or nothing), then verify the audit chain.",
    )
    .argument("<file>", "a file written by `bulwark backup`")
    .requiredOption("--yes", "confirm that everything in the database is replaced")
    .action((file) => run(database, (module) => module.restore(file)));

  const organisation = bulwark
    .command("organisation")
    .description("Manage organisations from the command line.");
  organisation
    .command("add")
    .description("Register an organisation (the first step of a new installation, before its first user).")
    .requiredOption("--name <name>", "its full name")
    .requiredOption("--kind <kind>", `one of: ${ORGANISATION_KINDS.join(", ")}`)
    .requiredOption("--country <code>", "ISO 3166-1 alpha-2 code, e.g. FR")
    .option("--short-name <name>", "an acronym or short name")
    .option("--sector <sector>", `a sector it works in, repeatable: ${SECTORS.join(", ")}`, collect, [])
    .action((options) => run(accounts, (module) => module.organisationAdd(options)));

  const user = bulwark
    .command("user")
    .description("Manage accounts from the command line (recorded in the audit trail as the operator).");
  user
    .command("add")
    .description("Create an account; prints a generated password unless --password-stdin is given.")
    .requiredOption("--email <email>", "the person's e-mail address (their sign-in)")
    .requiredOption("--name <name>", "the person's name")
    .requiredOption("--organisation <name-or-id>", "their organisation")
    .option("--role <role>", `a role, repeatable: ${ROLES.join(", ")}`, collect, [])
    .option("--password-stdin", "read the password from standard input")
    .action((options) => run(accounts, (module) => module.userAdd(options)));
  user
    .command("reset-password")
    .description(
      "Set a new password (generated unless --password-stdin), unlock the account and end its sessions.",
    )
    .requiredOption("--email <email>", "the account's e-mail address")
    .option("--password-stdin", "read the new password from standard input")
    .action((options) => run(accounts, (module) => module.userResetPassword(options)));

  bulwark
    .command("token")
    .description("API tokens for machines.")
    .command("create")
    .description("Create an API token acting with an account's rights; prints it once.")
    .requiredOption("--email <email>", "the account the token acts for")
    .requiredOption("--name <name>", "what the token is for")
    .option("--expires-days <days>", "days until it expires (default: never)")
    .option(
      "--scopes <scopes>",
      "what it may do, comma-separated: read, write, taxii (default: read). No token manages credentials.",
      "read",
    )
    .action((options) => run(accounts, (module) => module.tokenCreate(options)));

  bulwark
    .command("import")
    .description(
      "Import assets (CSV or GeoJSON) and dependencies (CSV) into the registry: all or nothing, every bad row listed.",
    )
    .requiredOption(
      "--assets <file>",
      "assets.csv (id, name, sector, operator, ...), or a .geojson/.json FeatureCollection with those properties",
    )
    .option("--dependencies <file>", "dependencies.csv (dependent_id, supplier_id, service, ...)")
    .action((options) => run(registry, (module) => module.importFiles(options)));
  bulwark
    .command("export")
    .description("Write the whole registry as assets.csv, dependencies.csv and assets.geojson into a folder.")
    .argument("<folder>", "an existing folder")
    .action((folder) => run(registry, (module) => module.exportRegistry(folder)));

  const pack = bulwark
    .command("compendium")
    .description("Move compendium content packs (a folder of Markdown files) in and out.");
  pack
    .command("import")
    .description(
      "Publish a pack's entries: new ones at version 1, changed ones as a new version, the rest left alone. All or nothing; every bad file is listed.",
    )
    .argument(
      "<folder>",
      "a folder of <slug>.md files with YAML front matter (see content/compendium/README.md)",
    )
    .action((folder) => run(compendium, (module) => module.importCompendium(folder)));
  pack
    .command("export")
    .description("Write every entry as <slug>.md into a folder (created if missing), ready for git.")
    .argument("<folder>", "where to write the files")
    .action((folder) => run(compendium, (module) => module.exportCompendium(folder)));

  bulwark
    .command("frameworks")
    .description("Self-assessment frameworks (YAML files, one per framework version).")
    .command("import")
    .description(
      "Load the frameworks' new versions; refuse a loaded version whose content changed. Every bad file is listed.",
    )
    .argument(
      "[folder]",
      "a folder of *.yaml files (see content/frameworks/README.md; default: the shipped content/frameworks)",
    )
    .action((folder) => run(frameworks, (module) => module.importFrameworks(folder)));

  const exercise = bulwark
    .command("exercise")
    .description("Exercise packages: an exercise's design as a YAML file to share (no ids, no people).");
  exercise
    .command("export")
    .description(
      "Write an exercise's type, objectives, scenario, participants and MSEL as a package (organisations by name).",
    )
    .argument("<id>", "the exercise's id")
    .option("--out <file>", "where to write it (default: standard output)")
    .option("--force", "overwrite the file if it exists")
    .action((id, options) => run(exercises, (module) => module.exportExercise(id, options)));
  exercise
    .command("import")
    .description(
      "Plan an exercise from a package: all or nothing; every problem printed as file:line: field: message.",
    )
    .argument("<file>", "a package written by `bulwark exercise export` (or GET /api/exercises/{id}/package)")
    .requiredOption("--organisation <name-or-id>", "the organisation that controls the exercise here")
    .option(
      "--map <name=organisation>",
      "an organisation named in the package, then = and one of yours (name or id); repeatable. Unmapped names are matched by name.",
      collect,
      [],
    )
    .action((file, options) => run(exercises, (module) => module.importExercise(file, options)));

  const graph = bulwark
    .command("analyse")
    .description("Analyse dependencies from CSV files (assets.csv, dependencies.csv): no database needed.");
  // A plain command line of these two is read by start.js without commander (ADR 0062), from its
  // list of their options: program.test.ts fails while the two differ.
  /** @param {Command} command */
  const files = (command) =>
    command
      .requiredOption(
        "--assets <file>",
        "assets CSV: id, name, sector[, subsector, operator, lat, lon, population_served, status]",
      )
      .requiredOption(
        "--dependencies <file>",
        "dependencies CSV: dependent_id, supplier_id, service[, k, buffer_hours, kind]",
      )
      .option("--json", "print JSON for scripts");
  files(
    graph
      .command("cascade")
      .description("What fails, when and why, after the given assets are lost.")
      .requiredOption("--fail <ids>", "the assets attacked, comma-separated ids"),
  ).action((options) => run(analyse, (module) => module.failCascade(options)));
  files(
    graph
      .command("criticality")
      .description("Rank assets by what their loss alone takes down (assets and people served).")
      .option("--top <n>", `show the n most critical (default: ${HUMAN_TOP}, or all with --json)`),
  ).action((options) => run(analyse, (module) => module.rankAssets(options)));

  return bulwark;
}

/**
 * Parse the command line and run what it asks; on failure say why (report.ts) and exit 1.
 * @param {string[]} argv
 */
export async function main(argv) {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    await failed(error);
  }
}
