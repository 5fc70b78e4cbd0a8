// What an API token may do. A token is chosen for a job (a script that reads the register, a
// TAXII client pulling a collection) and carries only the scopes that job needs, so a leaked token
// does no more. Whatever its scopes, a token never manages credentials: tokens, two-factor,
// passwords and sessions are managed from a signed-in session only, so a stolen token cannot make
// itself permanent (mint tokens, turn on two-factor with the thief's secret).

export const TOKEN_SCOPES = ["read", "write", "taxii"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * What a request needs: "session" (a signed-in session only, never a token), "read" (changes
 * nothing) or "write".
 */
export type Access = "session" | "read" | "write";

/**
 * May a token with these scopes make a request needing `access`? On the JSON API, reads need
 * `read` and writes `write`; on TAXII (`via: "taxii"`), every request needs `taxii` and a write
 * (adding objects) `write` too.
 */
export function tokenMay(
  scopes: readonly TokenScope[],
  access: Access,
  via: "api" | "taxii" = "api",
): boolean {
  if (access === "session") return false;
  if (via === "taxii") return scopes.includes("taxii") && (access === "read" || scopes.includes("write"));
  return scopes.includes(access);
}

/** Scopes from the database (text), keeping only those this version knows. */
export const tokenScopesOf = (values: readonly string[]): TokenScope[] =>
  TOKEN_SCOPES.filter((scope) => values.includes(scope));
