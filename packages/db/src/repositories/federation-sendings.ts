// Each sending of the aggregates to the consented hub, by a person or by the schedule, and what came
// of it (ADR 0028, issue 20): the national authority sees the last ones on its federation page, and
// the schedule sends again once the last sending is a day old.
import { desc, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { federationSendings } from "../schema.ts";

export interface SendingCells {
  needs: number;
  selfAssessment: number;
  engagements: number;
}

export interface NewSending {
  consentId: string;
  hubUrl: string;
  sentBy: string | null;
  trigger: "manual" | "schedule";
  result: "sent" | "refused" | "unreachable";
  status: number | null;
  detail: string;
  cells: SendingCells;
  received: Record<string, number> | null;
}

export interface SendingRecord extends NewSending {
  id: string;
  sentAt: Date;
  sentByName: string | null;
}

export async function insertSending(db: Executor, input: NewSending, now: Date): Promise<void> {
  await db.insert(federationSendings).values({ ...input, detail: input.detail.slice(0, 500), sentAt: now });
}

/** The latest sendings, newest first. */
export async function listSendings(db: Executor, limit: number): Promise<SendingRecord[]> {
  const rows = rowsOf<{
    id: string;
    consent_id: string;
    hub_url: string;
    sent_by: string | null;
    sent_by_name: string | null;
    trigger: "manual" | "schedule";
    sent_at: string | Date;
    result: "sent" | "refused" | "unreachable";
    status: number | null;
    detail: string;
    cells: SendingCells | string;
    received: Record<string, number> | string | null;
  }>(
    await db.execute(sql`select s.id, s.consent_id, s.hub_url, s.sent_by, u.name as sent_by_name, s.trigger,
        s.sent_at, s.result, s.status, s.detail, s.cells, s.received
      from federation_sendings as s left join users as u on u.id = s.sent_by
      order by s.sent_at desc, s.id desc limit ${limit}`),
  );
  const json = <T>(value: T | string): T => (typeof value === "string" ? JSON.parse(value) : value);
  return rows.map((row) => ({
    id: row.id,
    consentId: row.consent_id,
    hubUrl: row.hub_url,
    sentBy: row.sent_by,
    sentByName: row.sent_by_name,
    trigger: row.trigger,
    sentAt: new Date(row.sent_at),
    result: row.result,
    status: row.status,
    detail: row.detail,
    cells: json(row.cells),
    received: row.received === null ? null : json(row.received),
  }));
}

/** When the consent was last sent under (whatever came of it), or null. */
export async function lastSendingAt(db: Executor, consentId: string): Promise<Date | null> {
  const [row] = await db
    .select({ sentAt: federationSendings.sentAt })
    .from(federationSendings)
    .where(sql`${federationSendings.consentId} = ${consentId}`)
    .orderBy(desc(federationSendings.sentAt))
    .limit(1);
  return row ? row.sentAt : null;
}
