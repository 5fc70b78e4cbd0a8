// The one way a view that names assets (an alert, its CAP area, a risk assessment, a register, a
// PDF, an export) reads them: under the reader's asset read scope, at read time. An id the reader
// may not see comes back as nothing at all, exactly like an asset that was removed, so a view can
// say how many it leaves out but never which. Views must not join `assets` for names, refs, ids or
// locations any other way (ADR 0014).
import type { AssetMentions, AssetReadScope, Sector, TlpMarking } from "@bulwark/core";
import { markingOf } from "@bulwark/core";
import { and, asc, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { assets } from "../schema.ts";
import { sqlArray } from "../scope.ts";
import { assetScope } from "./assets.ts";

/** An asset as a view names it. */
export interface AssetMention {
  readonly id: string;
  readonly ref: string;
  readonly name: string;
  readonly sector: Sector;
  readonly operatorId: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly marking: TlpMarking;
}

/** The asset read scope as SQL over `table`; `public` is TLP:CLEAR only. */
export const assetReadFilter = (scope: AssetReadScope, table = "assets"): SQL | undefined =>
  scope.kind === "public"
    ? and(assetScope({ kind: "all" }, table), sql.raw(`("${table}".marking = 'clear')`))
    : assetScope(scope, table);

/** The assets among `ids` that the scope may see, by id. */
export async function readableAssets(
  db: Executor,
  scope: AssetReadScope,
  ids: readonly string[],
): Promise<Map<string, AssetMention>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({
      id: assets.id,
      ref: assets.ref,
      name: assets.name,
      sector: assets.sector,
      operatorId: assets.operatorId,
      lat: assets.lat,
      lon: assets.lon,
      marking: assets.marking,
    })
    .from(assets)
    .where(and(sql`${assets.id} = any(${sqlArray(unique, "uuid")})`, assetReadFilter(scope)))
    .orderBy(asc(assets.ref));
  return new Map(
    rows.map((row) => [
      row.id,
      { ...row, sector: row.sector as Sector, marking: markingOf(row.marking) } satisfies AssetMention,
    ]),
  );
}

/** What one view may show of the assets it names, given what `readableAssets` found. */
export function mentionsIn(
  ids: readonly string[],
  readable: ReadonlyMap<string, AssetMention>,
): AssetMentions<AssetMention> {
  const unique = [...new Set(ids)];
  const visible = unique.flatMap((id) => readable.get(id) ?? []);
  return { visible, hidden: unique.length - visible.length };
}

/** The assets among `ids` this scope may see, in the order named, and how many others. */
export async function assetMentions(
  db: Executor,
  scope: AssetReadScope,
  ids: readonly string[],
): Promise<AssetMentions<AssetMention>> {
  return mentionsIn(ids, await readableAssets(db, scope, ids));
}

/** The key of an asset by operator and reference (a NUL between them: neither holds one). */
export const refKey = (operatorId: string, ref: string): string => `${operatorId}\u0000${ref}`;

/**
 * The assets the scope may see among those named by operator and reference (an exercise package
 * names them so), keyed by refKey(operatorId, ref); the others are absent, as if they did not exist.
 */
export async function readableAssetsByRef(
  db: Executor,
  scope: AssetReadScope,
  refs: readonly { operatorId: string; ref: string }[],
): Promise<Map<string, AssetMention>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .select({
      id: assets.id,
      ref: assets.ref,
      name: assets.name,
      sector: assets.sector,
      operatorId: assets.operatorId,
      lat: assets.lat,
      lon: assets.lon,
      marking: assets.marking,
    })
    .from(assets)
    .where(
      and(
        sql`exists (select 1 from jsonb_to_recordset(${JSON.stringify(
          refs.map((r) => ({ operator_id: r.operatorId, ref: r.ref })),
        )}::jsonb) as named(operator_id uuid, ref text)
          where named.operator_id = ${assets.operatorId} and named.ref = ${assets.ref})`,
        assetReadFilter(scope),
      ),
    );
  return new Map(
    rows.map((row) => [
      refKey(row.operatorId, row.ref),
      { ...row, sector: row.sector as Sector, marking: markingOf(row.marking) } satisfies AssetMention,
    ]),
  );
}
