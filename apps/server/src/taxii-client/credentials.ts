// A TAXII subscription's credentials, sealed with AES-256-GCM under a key derived (HKDF-SHA-256)
// from the instance's secret. The subscription's id is the associated data, so sealed credentials
// copied onto another subscription do not open. The secret lives outside the database
// (BULWARK_SECRET or dataDir/secret.key): a backup holds the credentials only sealed.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type Credentials =
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | { readonly kind: "bearer"; readonly token: string };

const VERSION = "v1";
const INFO = "bulwark taxii-subscription credentials v1";

export class SealError extends Error {
  override name = "SealError";
}

/** The configured secret (openContext fills it in at start; tests give one). */
export function secretOf(config: { readonly secret: string | null }): string {
  if (!config.secret) throw new Error("The instance's secret is not set (see openContext).");
  return config.secret;
}

const keyOf = (secret: string): Buffer =>
  Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), INFO, 32));

export function sealCredentials(secret: string, subscriptionId: string, credentials: Credentials): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  cipher.setAAD(Buffer.from(subscriptionId, "utf8"));
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    Buffer.concat([body, cipher.getAuthTag()]).toString("base64url"),
  ].join(".");
}

export function openCredentials(secret: string, subscriptionId: string, sealed: string): Credentials {
  const [version, iv, payload] = sealed.split(".");
  if (version !== VERSION || !iv || !payload) throw new SealError("The stored credentials are not readable.");
  try {
    const bytes = Buffer.from(payload, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(subscriptionId, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const text = Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - 16)),
      decipher.final(),
    ]).toString("utf8");
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
    // Falls through: a wrong key and a damaged value look the same, and say nothing more.
  }
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
