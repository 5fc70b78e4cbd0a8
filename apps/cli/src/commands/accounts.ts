import { OrganisationCreate, UserCreate } from "@bulwark/contracts";
import { type Role, TOKEN_SCOPES } from "@bulwark/core";
import { credentialsByEmail, findOrganisationByName, getOrganisation, recordAudit } from "@bulwark/db";
import { addOrganisation, addUser, createToken, setPassword } from "@bulwark/server";
import { z } from "zod";
import { CliError, readStdin, say } from "../output.ts";
import { withContext } from "./database.ts";

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

/** `bulwark organisation add`. */
export const organisationAdd = (options: {
  name: string;
  kind: string;
  country: string;
  shortName?: string;
  sector: string[];
}): Promise<void> =>
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
  });

/** `bulwark user add`. */
export const userAdd = (options: {
  email: string;
  name: string;
  organisation: string;
  role: string[];
  passwordStdin?: boolean;
}): Promise<void> =>
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
  });

/** `bulwark user reset-password`. */
export const userResetPassword = (options: { email: string; passwordStdin?: boolean }): Promise<void> =>
  withContext(async (context) => {
    const password = options.passwordStdin ? await readStdin() : undefined;
    if (password !== undefined && password.length < 12)
      throw new CliError("The password needs at least 12 characters.");
    const account = await userByEmail(context, options.email);
    const result = await setPassword(context, null, account.id, password);
    say(`New password set for ${options.email}; its sessions have ended.`);
    if (result.password) say(`Password (shown once): ${result.password}`);
  });

/** `bulwark token create`. */
export const tokenCreate = (options: {
  email: string;
  name: string;
  expiresDays?: string;
  scopes: string;
}): Promise<void> =>
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
  });
