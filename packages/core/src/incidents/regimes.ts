// Notification regimes as data (content/notification-regimes/, format in its README): which reports
// an operator owes after an incident, by when, with what, to whom. readRegime turns a YAML file's
// text into a checked Regime or problems naming the file, the field and its line; obligations
// turns a regime, an incident's awareness time and the reports filed into deadlines and states.
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { PackProblem } from "../compendium/pack.ts";
import { ORGANISATION_KINDS, type OrganisationKind, SECTORS, type Sector } from "../vocabulary.ts";
import { addPeriod, isTimeZone, type Period } from "./calendar.ts";

export interface RegimeField {
  readonly id: string;
  readonly text: string;
}

export interface RegimeReport {
  readonly id: string;
  readonly title: string;
  /** The article or paragraph the report follows (null for our own rules). */
  readonly reference: string | null;
  /** When the report is owed only in some cases, in words ("where relevant"); null: always owed. */
  readonly condition: string | null;
  /** Due `within` the period after awareness, or after the report named by `after`. */
  readonly due: { readonly within: Period; readonly after: "awareness" | string };
  /** How long before the deadline the report counts as due soon (and its filer is reminded). */
  readonly warnBefore: Period;
  readonly fields: readonly RegimeField[];
}

export interface RegimeAuthority {
  readonly name: string;
  readonly kind: OrganisationKind;
  /** The sectors whose reports it receives; null: every sector no other authority names. */
  readonly sectors: readonly Sector[] | null;
}

export interface Regime {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly source: { readonly citation: string; readonly url: string | null };
  /** True when the rules are Bulwark's own (the national default), not a law's. */
  readonly ours: boolean;
  /** IANA time zone in which days and months are counted (the authority's). */
  readonly timeZone: string;
  /** The sectors the regime binds; empty: every sector. */
  readonly sectors: readonly Sector[];
  readonly authorities: readonly RegimeAuthority[];
  readonly reports: readonly RegimeReport[];
  readonly notes: readonly string[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TOP = [
  "id",
  "title",
  "summary",
  "source",
  "ours",
  "timeZone",
  "sectors",
  "authorities",
  "reports",
  "notes",
];
const REPORT = ["id", "title", "reference", "condition", "due", "warnBefore", "fields"];

type Path = readonly (string | number)[];

class Checker {
  readonly problems: { path: Path; message: string }[] = [];
  fail(path: Path, message: string): null {
    this.problems.push({ path, message });
    return null;
  }
  record(value: unknown, path: Path, keys: readonly string[]): Record<string, unknown> | null {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return this.fail(path, value === undefined ? "is required" : "must be a mapping");
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!keys.includes(key))
        this.fail([...path, key], `unknown field (expected one of ${keys.join(", ")})`);
    return record;
  }
  text(value: unknown, path: Path, optional = false): string | null {
    if (value === undefined && optional) return null;
    if (typeof value !== "string" || value.trim() === "")
      return this.fail(path, value === undefined ? "is required" : "must be a non-empty text");
    return value.trim();
  }
  slug(value: unknown, path: Path): string | null {
    const text = this.text(value, path);
    if (text !== null && !SLUG.test(text))
      return this.fail(path, "must be lower-case words joined by hyphens");
    return text;
  }
  list(value: unknown, path: Path, optional = false): readonly unknown[] | null {
    if (value === undefined && optional) return [];
    if (!Array.isArray(value)) return this.fail(path, value === undefined ? "is required" : "must be a list");
    return value;
  }
  sectors(value: unknown, path: Path): Sector[] | null {
    const list = this.list(value, path);
    if (list === null) return null;
    const known: readonly string[] = SECTORS;
    const sectors: Sector[] = [];
    list.forEach((item, index) => {
      if (typeof item === "string" && known.includes(item)) sectors.push(item as Sector);
      else this.fail([...path, index], `unknown sector ${JSON.stringify(item)} (see SECTORS in core)`);
    });
    return sectors;
  }
  period(value: unknown, path: Path): Period | null {
    const record = this.record(value, path, ["hours", "days", "months"]);
    if (record === null) return null;
    const units = Object.keys(record).filter((key) => ["hours", "days", "months"].includes(key));
    if (units.length !== 1) return this.fail(path, "must name exactly one of hours, days, months");
    const unit = units[0] as "hours" | "days" | "months";
    const amount = record[unit];
    if (typeof amount !== "number" || !Number.isInteger(amount) || amount <= 0 || amount > 10_000)
      return this.fail([...path, unit], "must be a whole number from 1 to 10000");
    return unit === "hours" ? { hours: amount } : unit === "days" ? { days: amount } : { months: amount };
  }
}

function checkReport(check: Checker, value: unknown, path: Path, earlier: Set<string>) {
  const record = check.record(value, path, REPORT);
  if (record === null) return null;
  const id = check.slug(record.id, [...path, "id"]);
  // Known from here on, even if the report has other problems, so that later reports that count
  // from it are not reported as well.
  const repeated = id !== null && earlier.has(id);
  if (id !== null) earlier.add(id);
  if (id === "awareness") check.fail([...path, "id"], '"awareness" is reserved');
  if (repeated) check.fail([...path, "id"], `"${id}" is used by an earlier report`);
  const title = check.text(record.title, [...path, "title"]);
  const reference = check.text(record.reference, [...path, "reference"], true);
  const condition = check.text(record.condition, [...path, "condition"], true);
  const due = check.record(record.due, [...path, "due"], ["within", "after"]);
  const within = due ? check.period(due.within, [...path, "due", "within"]) : null;
  const after = due ? check.slug(due.after, [...path, "due", "after"]) : null;
  if (after !== null && after !== "awareness" && (after === id || !earlier.has(after)))
    check.fail(
      [...path, "due", "after"],
      `must be "awareness" or the id of an earlier report, not "${after}"`,
    );
  const warnBefore = check.period(record.warnBefore, [...path, "warnBefore"]);
  const fieldList = check.list(record.fields, [...path, "fields"]) ?? [];
  const fields: RegimeField[] = [];
  const fieldIds = new Set<string>();
  fieldList.forEach((item, index) => {
    const fieldPath = [...path, "fields", index];
    const field = check.record(item, fieldPath, ["id", "text"]);
    if (field === null) return;
    const fieldId = check.slug(field.id, [...fieldPath, "id"]);
    const text = check.text(field.text, [...fieldPath, "text"]);
    if (fieldId !== null && fieldIds.has(fieldId))
      check.fail([...fieldPath, "id"], `"${fieldId}" is repeated`);
    if (fieldId !== null) fieldIds.add(fieldId);
    if (fieldId !== null && text !== null) fields.push({ id: fieldId, text });
  });
  if (id === null || title === null || within === null || after === null || warnBefore === null) return null;
  return { id, title, reference, condition, due: { within, after }, warnBefore, fields };
}

function checkAuthorities(check: Checker, value: unknown): RegimeAuthority[] {
  const authorities: RegimeAuthority[] = [];
  const named = new Set<string>();
  let defaults = 0;
  (check.list(value, ["authorities"]) ?? []).forEach((item, index) => {
    const path = ["authorities", index];
    const record = check.record(item, path, ["name", "kind", "sectors"]);
    if (record === null) return;
    const name = check.text(record.name, [...path, "name"]);
    const kinds: readonly string[] = ORGANISATION_KINDS;
    const kind = typeof record.kind === "string" && kinds.includes(record.kind) ? record.kind : null;
    if (kind === null) check.fail([...path, "kind"], `must be one of ${ORGANISATION_KINDS.join(", ")}`);
    const sectors = record.sectors === undefined ? null : check.sectors(record.sectors, [...path, "sectors"]);
    if (sectors === null) defaults += 1;
    for (const sector of sectors ?? []) {
      if (named.has(sector)) check.fail([...path, "sectors"], `${sector} is named by an earlier authority`);
      named.add(sector);
    }
    if (name !== null && kind !== null)
      authorities.push({ name, kind: kind as OrganisationKind, sectors: sectors?.length ? sectors : null });
  });
  if (defaults !== 1)
    check.fail(
      ["authorities"],
      "must hold exactly one authority without sectors (the one for every other sector)",
    );
  return authorities;
}

function checkRegime(check: Checker, data: unknown): Regime | null {
  const record = check.record(data, [], TOP);
  if (record === null) return null;
  const id = check.slug(record.id, ["id"]);
  const title = check.text(record.title, ["title"]);
  const summary = check.text(record.summary, ["summary"]);
  const source = check.record(record.source, ["source"], ["citation", "url"]);
  const citation = source ? check.text(source.citation, ["source", "citation"]) : null;
  const url = source ? check.text(source.url, ["source", "url"], true) : null;
  if (url !== null && !/^https:\/\/\S+$/.test(url)) check.fail(["source", "url"], "must be an https address");
  const ours = record.ours === undefined ? false : record.ours;
  if (typeof ours !== "boolean") check.fail(["ours"], "must be true or false");
  if (ours === false && url === null) check.fail(["source", "url"], "is required unless the regime is ours");
  const timeZone = check.text(record.timeZone, ["timeZone"]);
  if (timeZone !== null && !isTimeZone(timeZone))
    check.fail(["timeZone"], `"${timeZone}" is not an IANA time zone (e.g. Europe/Brussels, UTC)`);
  const sectors = record.sectors === undefined ? [] : check.sectors(record.sectors, ["sectors"]);
  const authorities = checkAuthorities(check, record.authorities);
  const reports: RegimeReport[] = [];
  const earlier = new Set<string>();
  const reportList = check.list(record.reports, ["reports"]) ?? [];
  if (Array.isArray(record.reports) && reportList.length === 0) check.fail(["reports"], "must name a report");
  reportList.forEach((item, index) => {
    const report = checkReport(check, item, ["reports", index], earlier);
    if (report) reports.push(report);
  });
  const notes: string[] = [];
  (check.list(record.notes, ["notes"], true) ?? []).forEach((note, index) => {
    const text = check.text(note, ["notes", index]);
    if (text !== null) notes.push(text);
  });
  if (check.problems.length > 0 || id === null || title === null || summary === null || citation === null)
    return null;
  if (timeZone === null || sectors === null) return null;
  return {
    id,
    title,
    summary,
    source: { citation, url },
    ours: ours === true,
    timeZone,
    sectors,
    authorities,
    reports,
    notes,
  };
}

/** A regime file's text, checked: the regime, or every problem with its field and line. */
export function readRegime(file: string, text: string): { regime: Regime } | { problems: PackProblem[] } {
  const lines = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter: lines, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? null : lines.linePos(offset).line);
  if (document.errors.length > 0)
    return {
      problems: document.errors.map((error) => ({
        file,
        line: lineOf(error.pos[0]),
        message: error.message.split("\n")[0] ?? "",
      })),
    };
  const check = new Checker();
  const regime = checkRegime(check, document.toJS());
  if (regime !== null) return { regime };
  return {
    problems: check.problems.map(({ path, message }) => {
      // The line of the field, or of the nearest mapping or list that holds it.
      let line: number | null = null;
      for (let depth = path.length; depth >= 0 && line === null; depth -= 1) {
        const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
        if (isMap(node) || isSeq(node) || (node && typeof node === "object" && "range" in node))
          line = lineOf((node as { range?: [number, number, number] }).range?.[0]);
      }
      return { file, line, message: `${path.map(String).join(".") || "document"}: ${message}` };
    }),
  };
}

export type ObligationStatus = "pending" | "due-soon" | "overdue" | "submitted" | "late";

export interface FiledReport {
  readonly report: string;
  readonly submittedAt: Date;
}

export interface Obligation {
  readonly report: string;
  readonly title: string;
  readonly dueAt: Date;
  /** The first filing of the report, or null. */
  readonly submittedAt: Date | null;
  readonly status: ObligationStatus;
  /** From this instant on, an unfiled report is due soon (and its filer is reminded). */
  readonly warnFrom: Date;
  readonly condition: string | null;
  readonly authority: string | null;
}

/** Whether the regime binds an operator of `sector` (every sector when the regime names none). */
export function regimeApplies(regime: Regime, sector: Sector | null | undefined): boolean {
  return regime.sectors.length === 0 || sector == null || regime.sectors.includes(sector);
}

/** The authority that receives the reports of an operator in `sector` (the default one without). */
export function authorityFor(regime: Regime, sector: Sector | null | undefined): RegimeAuthority | null {
  const named = sector == null ? undefined : regime.authorities.find((a) => a.sectors?.includes(sector));
  return named ?? regime.authorities.find((authority) => authority.sectors === null) ?? null;
}

const negate = (period: Period): Period =>
  "hours" in period
    ? { hours: -period.hours }
    : "days" in period
      ? { days: -period.days }
      : { months: -period.months };

function instant(value: Date, what: string): number {
  const at = value.getTime();
  if (!Number.isFinite(at)) throw new RangeError(`${what} is not a valid date`);
  return at;
}

/**
 * The reports `regime` asks of an incident the operator became aware of at `awareAt`, in the
 * regime's order, as they stand at `now`. A report due after an earlier one counts from that
 * report's first filing; while the earlier report is not filed, from its deadline (the latest
 * moment at which it would still be on time). A deadline is met by a filing at or before it.
 * Filings of reports the regime does not name are ignored; an operator of a sector the regime does
 * not bind owes nothing under it (an empty list).
 */
export function obligations(
  regime: Regime,
  incident: {
    readonly awareAt: Date;
    readonly sector?: Sector | null;
    readonly reports: readonly FiledReport[];
  },
  now: Date,
): Obligation[] {
  if (!regimeApplies(regime, incident.sector)) return [];
  const aware = instant(incident.awareAt, "awareAt");
  const at = instant(now, "now");
  const filed = new Map<string, number>();
  for (const { report, submittedAt } of incident.reports) {
    const time = instant(submittedAt, `submittedAt of ${report}`);
    const first = filed.get(report);
    if (first === undefined || time < first) filed.set(report, time);
  }
  const authority = authorityFor(regime, incident.sector)?.name ?? null;
  const anchors = new Map<string, number>();
  return regime.reports.map((report) => {
    const from = report.due.after === "awareness" ? aware : (anchors.get(report.due.after) ?? aware);
    const due = addPeriod(from, report.due.within, regime.timeZone);
    const warnFrom = addPeriod(due, negate(report.warnBefore), regime.timeZone);
    const submitted = filed.get(report.id) ?? null;
    anchors.set(report.id, submitted ?? due);
    const status: ObligationStatus =
      submitted !== null
        ? submitted <= due
          ? "submitted"
          : "late"
        : at > due
          ? "overdue"
          : at >= warnFrom
            ? "due-soon"
            : "pending";
    return {
      report: report.id,
      title: report.title,
      dueAt: new Date(due),
      submittedAt: submitted === null ? null : new Date(submitted),
      status,
      warnFrom: new Date(warnFrom),
      condition: report.condition,
      authority,
    };
  });
}
