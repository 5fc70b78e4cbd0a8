// Secrets sealed under the instance's secret (BULWARK_SECRET or dataDir/secret.key, never in the
// database): AES-256-GCM under a key derived with HKDF-SHA-256 for one purpose, with associated
// data that binds a sealed value to where it belongs (a subscription's id, a backup's row), so a
// value copied elsewhere does not open. The one sealing function of Bulwark: TAXII subscription
// credentials at rest, and the secrets inside backups.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

export class SealError extends Error {
  override name = "SealError";
}

const keyOf = (secret: string, purpose: string): Buffer =>
  Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), purpose, 32));

/** `text` sealed as "v1.<iv>.<ciphertext and tag>" (base64url). */
export function sealText(secret: string, purpose: string, boundTo: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret, purpose), iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    Buffer.concat([body, cipher.getAuthTag()]).toString("base64url"),
  ].join(".");
}

/** The text sealed by sealText with the same secret, purpose and binding; null for anything else. */
export function openText(secret: string, purpose: string, boundTo: string, sealed: string): string | null {
  const [version, iv, payload] = sealed.split(".");
  if (version !== VERSION || !iv || !payload) return null;
  try {
    const bytes = Buffer.from(payload, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret, purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    // A wrong key and a damaged value look the same, and say nothing more.
    return null;
  }
}
