// The audit page names each action in the reader's language: a code's dots become slashes in the
// key (a dot would nest i18next keys, and "incidents.report" and "incidents.report.pdf" both exist).
import { type AuditAction, isAuditAction } from "@bulwark/core";
import type { TFunction } from "i18next";

type Slashed<S extends string> = S extends `${infer Head}.${infer Tail}` ? `${Head}/${Slashed<Tail>}` : S;

export type AuditActionKey = Slashed<AuditAction>;

export function auditActionKey(code: AuditAction): AuditActionKey {
  // replaceAll's type is string; the template type above says what it makes of every code.
  return code.replaceAll(".", "/") as AuditActionKey;
}

/** The action's name, or its code when the trail holds a code this version no longer writes. */
export function auditActionName(t: TFunction, code: string): string {
  return isAuditAction(code) ? t(`auditActions.${auditActionKey(code)}`) : code;
}
