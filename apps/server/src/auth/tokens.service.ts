// API tokens for machines: shown once, stored hashed, revocable, acting with the owner's rights
// within the scopes chosen at creation (core's token-scopes.ts).
import type { TokenCreated } from "@bulwark/contracts";
import type { Actor, TokenScope } from "@bulwark/core";
import { appendAudit, insertToken, revokeToken } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "./secrets.ts";

export async function createToken(
  context: ServerContext,
  actor: Actor,
  input: { name: string; expiresInDays?: number | undefined; scopes: readonly TokenScope[] },
): Promise<TokenCreated> {
  const now = context.clock();
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  return context.db.transaction(async (tx) => {
    const record = await insertToken(
      tx,
      {
        userId: actor.userId,
        name: input.name,
        prefix: token.slice(0, 12),
        tokenHash: sha256(token),
        expiresAt,
        scopes: input.scopes,
      },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "token.create",
        targetType: "api-token",
        targetId: record.id,
        details: { name: input.name, expiresAt: record.expiresAt, scopes: record.scopes },
      },
      now,
    );
    return { ...record, token };
  });
}

export async function revokeOwnToken(context: ServerContext, actor: Actor, id: string): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await revokeToken(tx, actor.userId, id, now))) throw notFound("active API token of yours");
    await appendAudit(
      tx,
      { actorId: actor.userId, action: "token.revoke", targetType: "api-token", targetId: id },
      now,
    );
  });
}
