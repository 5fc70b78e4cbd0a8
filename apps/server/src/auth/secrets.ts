// Secrets: passwords with argon2id (OWASP's parameters, the library's defaults), and
// high-entropy random tokens stored as SHA-256 (they cannot be guessed, so a slow hash adds nothing).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a stored hash, still spend the same time, so timing does not reveal which accounts exist.
  const target = passwordHash ?? DUMMY_HASH;
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}
const DUMMY_HASH = await hash("no account has this password");

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");
export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** A random password people can type: 20 characters from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join("");
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const API_TOKEN_PREFIX = "bwk_";
