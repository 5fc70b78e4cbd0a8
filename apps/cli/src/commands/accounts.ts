import { OrganisationCreate, UserCreate } from "@bulwark/contracts";
import { ORGANISATION_KINDS, ROLES, type Role, SECTORS, TOKEN_SCOPES } from "@bulwark/core";
import { credentialsByEmail, findOrganisationByName, getOrganisation, recordAudit } from "@bulwark/db";
import { addOrganisation, addUser, createToken, setPassword } from "@bulwark/server";
import type { Command } from "commander";
import { z } from "zod";
import { CliError, readStdin, say } from "../output.ts";
import { withContext } from "./database.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

async function organisationId(
  context: Parameters<Parameters<typeof withContext>[0]>[0],
  given: string,
): Promise<string> {
  if (z.uuid().safeParse(given).success && (await getOrganisation(context.db, { kind: "all" }, given)))
    return given;
  const found = await findOrganisationByName(context.db, given);
  if (!found) throw new CliError(`No organisation "${given}" (give its exact name or id).`);
  return found.id;
}

async function userByEmail(context: Parameters<Parameters<typeof withContext>[0]>[0], email: string) {
  const account = await credentialsByEmail(context.db, email.trim().toLowerCase());
  if (!account) throw new CliError(`No account with e-mail ${email}.`);
  return account;
}

function invalid(issues: { path: PropertyKey[]; message: string }[]): CliError {
  return new CliError(
    issues.map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`).join("\n"),
  );
}

export function accountCommands(program: Command): void {
  const organisation = program
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
    .action(
      (options: { name: string; kind: string; country: string; shortName?: string; sector: string[] }) =>
        withContext(async (context) => {
          const parsed = OrganisationCreate.safeParse({
            name: options.name,
            kind: options.kind,
            country: options.country,
            shortName: options.shortName,
            sectors: options.sector,
          });
          if (!parsed.success) throw invalid(parsed.error.issues);
          const id = await addOrganisation(context, null, parsed.data);
          say(`Registered ${parsed.data.name} (${id}).`);
        }),
    );

  const user = program
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
    .action(
      (options: {
        email: string;
        name: string;
        organisation: string;
        role: string[];
        passwordStdin?: boolean;
      }) =>
        withContext(async (context) => {
          const password = options.passwordStdin ? await readStdin() : undefined;
          const parsed = UserCreate.safeParse({
            email: options.email,
            name: options.name,
            organisationId: await organisationId(context, options.organisation),
            roles: options.role.length > 0 ? options.role : ["member"],
            password,
          });
          if (!parsed.success)
            throw new CliError(
              parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"),
            );
          const { id, initialPassword } = await addUser(context, null, parsed.data);
          say(`Created ${parsed.data.email} (${id}) with roles ${parsed.data.roles.join(", ")}.`);
          if (initialPassword) say(`Password (shown once): ${initialPassword}`);
        }),
    );
  user
    .command("reset-password")
    .description(
      "Set a new password (generated unless --password-stdin), unlock the account and end its sessions.",
    )
    .requiredOption("--email <email>", "the account's e-mail address")
    .option("--password-stdin", "read the new password from standard input")
    .action((options: { email: string; passwordStdin?: boolean }) =>
      withContext(async (context) => {
        const password = options.passwordStdin ? await readStdin() : undefined;
        if (password !== undefined && password.length < 12)
          throw new CliError("The password needs at least 12 characters.");
        const account = await userByEmail(context, options.email);
        const result = await setPassword(context, null, account.id, password);
        say(`New password set for ${options.email}; its sessions have ended.`);
        if (result.password) say(`Password (shown once): ${result.password}`);
      }),
    );

  const token = program.command("token").description("API tokens for machines.");
  token
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
    .action((options: { email: string; name: string; expiresDays?: string; scopes: string }) =>
      withContext(async (context) => {
        const days = options.expiresDays === undefined ? undefined : Number(options.expiresDays);
        if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 730))
          throw new CliError("--expires-days must be a whole number from 1 to 730.");
        const named = options.scopes.split(",").map((scope) => scope.trim());
        const scopes = TOKEN_SCOPES.filter((scope) => named.includes(scope));
        if (scopes.length === 0 || scopes.length !== new Set(named).size)
          throw new CliError("--scopes must name one or more of read, write, taxii, separated by commas.");
        const account = await userByEmail(context, options.email);
        const roles: Role[] = account.roles;
        const created = await createToken(
          context,
          { userId: account.id, organisationId: account.organisationId, roles },
          { name: options.name, expiresInDays: days, scopes },
        );
        await recordAudit(
          context.db,
          {
            actorId: null,
            action: "cli.token-create",
            targetType: "api-token",
            targetId: created.id,
            details: { for: account.id, scopes },
          },
          context.clock(),
        );
        say(created.token);
        process.stderr.write(
          `Token "${created.name}" for ${options.email}${created.expiresAt ? `, expires ${created.expiresAt}` : ""}. Shown once: store it now.\n`,
        );
      }),
    );
}
