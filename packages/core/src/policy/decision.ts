/** The outcome of a policy check: allowed, or refused with a reason a person can read. */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export const allow: Decision = { allowed: true };
export const deny = (reason: string): Decision => ({ allowed: false, reason });

/**
 * Which rows of a kind an actor may read, in a form the database layer compiles into a SQL filter.
 * `organisation` means "rows tied to this organisation" (its users; communities it belongs to).
 * `marking` means "rows this organisation owns, plus rows whose TLP marking lets it see them":
 * CLEAR to everyone signed in, GREEN to organisations sharing a community with the owner.
 */
export type Scope =
  | { readonly kind: "all" }
  | { readonly kind: "none" }
  | { readonly kind: "organisation"; readonly organisationId: string }
  | { readonly kind: "marking"; readonly organisationId: string };

export const ALL: Scope = { kind: "all" };
export const NONE: Scope = { kind: "none" };
