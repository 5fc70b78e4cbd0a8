// The installation's Ed25519 key pair (ADR 0028): made on first use, the public key kept in clear,
// the private key sealed under the instance's secret (never in the database in clear, never in a
// log or an answer). Signing and verifying over the canonical JSON of a payload.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { canonicalJson, type Json } from "@bulwark/core";
import { federationIdentity, openText, sealText } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { secretOf } from "../taxii-client/credentials.ts";

const PURPOSE = "bulwark federation identity v1";
const BOUND = "settings:federation.identity";

export interface Identity {
  /** Raw 32-byte public key, base64url. */
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

/** SHA-256 of the raw public key, hex. */
export const fingerprintOf = (publicKey: string): string =>
  createHash("sha256").update(Buffer.from(publicKey, "base64url")).digest("hex");

/** The stored key pair, made and stored on first use (concurrent first uses keep one). */
export async function identityOf(context: ServerContext): Promise<Identity> {
  const secret = secretOf(context.config);
  const make = () => {
    const pair = generateKeyPairSync("ed25519");
    return {
      publicKey: String(pair.publicKey.export({ format: "jwk" }).x),
      sealedPrivateKey: sealText(
        secret,
        PURPOSE,
        BOUND,
        pair.privateKey.export({ format: "der", type: "pkcs8" }).toString("base64url"),
      ),
    };
  };
  const stored = await federationIdentity(context.db, make, context.clock());
  const der = openText(secret, PURPOSE, BOUND, stored.sealedPrivateKey);
  if (der === null)
    throw new Error(
      "The federation key cannot be opened with this instance's secret (restored from another instance?).",
    );
  return {
    publicKey: stored.publicKey,
    privateKey: createPrivateKey({ key: Buffer.from(der, "base64url"), format: "der", type: "pkcs8" }),
  };
}

/** A raw Ed25519 public key (base64url) as a key object, or null when it is not one. */
export function publicKeyOf(raw: string): KeyObject | null {
  if (Buffer.from(raw, "base64url").length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw }, format: "jwk" });
  } catch {
    return null;
  }
}

export const signPayload = (payload: Json, privateKey: KeyObject): string =>
  sign(null, Buffer.from(canonicalJson(payload), "utf8"), privateKey).toString("base64url");

export function verifyPayload(payload: Json, signature: string, publicKey: KeyObject): boolean {
  const bytes = Buffer.from(signature, "base64url");
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(payload), "utf8"), publicKey, bytes);
  } catch {
    return false;
  }
}
