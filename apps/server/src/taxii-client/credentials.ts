// A TAXII subscription's credentials, sealed with AES-256-GCM under a key derived (HKDF-SHA-256)
// from the instance's secret. The subscription's id is the associated data, so sealed credentials
// copied onto another subscription do not open. The secret lives outside the database
// (BULWARK_SECRET or dataDir/secret.key): a backup holds the credentials only sealed.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { openText, SealError, sealText } from "@bulwark/db";

export { SealError };

export type Credentials =
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | { readonly kind: "bearer"; readonly token: string };

const PURPOSE = "bulwark taxii-subscription credentials v1";

/** The configured secret (openContext fills it in at start; tests give one). */
export function secretOf(config: { readonly secret: string | null }): string {
  if (!config.secret) throw new Error("The instance's secret is not set (see openContext).");
  return config.secret;
}

export function sealCredentials(secret: string, subscriptionId: string, credentials: Credentials): string {
  return sealText(secret, PURPOSE, subscriptionId, JSON.stringify(credentials));
}

function parsed(text: string | null): Credentials | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (
      value &&
      typeof value === "object" &&
      "kind" in value &&
      ((value.kind === "basic" &&
        "username" in value &&
        typeof value.username === "string" &&
        "password" in value &&
        typeof value.password === "string") ||
        (value.kind === "bearer" && "token" in value && typeof value.token === "string"))
    )
      return value as Credentials;
  } catch {
    // Falls through: unreadable is unreadable.
  }
  return null;
}

export function openCredentials(secret: string, subscriptionId: string, sealed: string): Credentials {
  const credentials = parsed(openText(secret, PURPOSE, subscriptionId, sealed));
  if (credentials) return credentials;
  throw new SealError(
    "The stored credentials cannot be opened with this instance's secret (restored from another instance?): enter them again.",
  );
}

/** The instance's secret: from the configuration, else the data folder's secret.key (created once). */
export function instanceSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // "wx": two processes starting together never both write one.
    try {
      writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
    }
  }
  chmodSync(file, 0o600);
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new SealError(`${file} must hold at least 32 characters.`);
  return secret;
}
