import { LANGUAGES } from "@bulwark/core";
import { z } from "zod";
import { Ability, Email, Id, Name, OrganisationKind, Password, Role, Timestamp } from "./common.ts";

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/, "A code is six digits.")
    .optional()
    .describe("The current code of the authenticator app, for accounts with two-factor sign-in."),
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const Me = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    organisation: z.object({ id: Id, name: z.string(), kind: OrganisationKind }),
    roles: z.array(Role),
    abilities: z.array(Ability).describe("What the interface may offer this user (decided by the server)."),
    assignableRoles: z.array(Role),
    totpEnabled: z.boolean(),
    language: z
      .enum(LANGUAGES)
      .nullable()
      .describe("The language chosen on the account; null when none was chosen (the browser's is used)."),
    csrfToken: z
      .string()
      .nullable()
      .describe(
        "Send it as X-CSRF-Token on every write made with the session cookie; null with an API token.",
      ),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export const LanguageChoice = z
  .object({
    language: z
      .enum(LANGUAGES)
      .nullable()
      .describe("One of the six UN languages (ar, zh, en, fr, ru, es), or null to forget the choice."),
  })
  .meta({ id: "LanguageChoice" });
export type LanguageChoice = z.infer<typeof LanguageChoice>;

export const ChangePassword = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});

export const TotpSetup = z.object({
  secret: z.string().describe("Base32 secret, for authenticator apps that cannot read the URI."),
  uri: z.string().describe("otpauth:// URI to show as a QR code."),
});
export const TotpCode = z.object({ code: z.string().regex(/^\d{6}$/, "A code is six digits.") });

export const TokenScope = z
  .enum(["read", "write", "taxii"])
  .describe(
    "read: the API's reads; write: the API's changes (and, with taxii, adding objects over TAXII); taxii: the TAXII 2.1 server.",
  );
export type TokenScope = z.infer<typeof TokenScope>;

export const TokenCreate = z.object({
  name: Name(100).describe("What the token is for, e.g. 'TAXII sync from field laptop'."),
  scopes: z
    .array(TokenScope)
    .min(1, "Choose at least one scope.")
    .max(3)
    .refine((scopes) => new Set(scopes).size === scopes.length, "Name each scope once.")
    .default(["read"])
    .describe(
      "What the token may do (default: read only). No token manages tokens, two-factor sign-in, passwords or sessions.",
    ),
  expiresInDays: z.number().int().min(1).max(730).optional().describe("Absent: the token never expires."),
});
export const TokenSummary = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string().describe("The first characters of the token, to recognise it."),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    scopes: z.array(TokenScope),
  })
  .meta({ id: "TokenSummary" });
export type TokenSummary = z.infer<typeof TokenSummary>;
export const TokenCreated = TokenSummary.extend({
  token: z.string().describe("The secret, shown this once: send it as 'Authorization: Bearer <token>'."),
});
export type TokenCreated = z.infer<typeof TokenCreated>;
