// Assets and dependencies from CSV files (RFC 4180), checked row by row so that a person fixing a
// spreadsheet sees every problem at once, each with its line and column. Pure: text in, rows out.
import type { AssetInput, DependencyInput, GraphIssue } from "../graph/build.ts";
import { drive, driveInSlices, type Steps } from "../steps.ts";
import {
  ASSET_STATUSES,
  type AssetStatus,
  DEPENDENCY_KINDS,
  type DependencyKind,
  SECTORS,
  type Sector,
  TLP_MARKINGS,
  type TlpMarking,
} from "../vocabulary.ts";
import { type RegistrySentence, registryEnglish } from "./sentences.ts";

export const ASSET_COLUMNS = {
  required: ["id", "name", "sector"],
  optional: [
    "subsector",
    "operator",
    "lat",
    "lon",
    "population_served",
    "status",
    "marking",
    "capacity",
    "capacity_unit",
    "recovery_target_hours",
  ],
} as const;
export const DEPENDENCY_COLUMNS = {
  required: ["dependent_id", "supplier_id", "service"],
  optional: ["k", "buffer_hours", "kind"],
} as const;

const MAX_PROBLEMS = 1000;

/** A file that is not well-formed CSV: where the record starts (1-based line) and which field. */
export class CsvError extends Error {
  override name = "CsvError";
  constructor(
    readonly line: number,
    readonly column: string,
    /** What is wrong, to be said in the reader's language (the message holds the English). */
    readonly sentence: RegistrySentence,
  ) {
    super(registryEnglish(sentence));
  }
}

export interface CsvRow {
  /** Physical line (1-based) where the record starts. */
  readonly line: number;
  readonly values: Record<string, string>;
}

export interface CsvTable {
  readonly header: string[];
  readonly rows: CsvRow[];
}

/** One thing wrong with a file, to print as `file:line: column: message`. */
export interface CsvProblem {
  readonly line: number;
  readonly column: string;
  /** What is wrong, to be said in the reader's language. */
  readonly sentence: RegistrySentence;
  /** The same in English. */
  readonly message: string;
}

/** Rows read between two turns of the event loop by the readers in slices. */
const PACE = 2000;

const csvProblem = (line: number, column: string, sentence: RegistrySentence): CsvProblem => ({
  line,
  column,
  sentence,
  message: registryEnglish(sentence),
});

/** Parse RFC 4180 CSV: the first non-blank record is the header; blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
  return drive(parseSteps(text));
}

function* parseSteps(text: string): Steps<CsvTable> {
  let header: string[] | null = null;
  const rows: CsvRow[] = [];
  const columnName = (field: number) => header?.[field] ?? `field ${field + 1}`;
  for (const record of records(text, columnName)) {
    if (record.blank) continue;
    if (header === null) {
      header = record.fields.map((name) => name.trim());
      checkHeader(header, record.line);
      continue;
    }
    if (record.fields.length > header.length)
      throw new CsvError(record.line, columnName(header.length), {
        key: "rows.fieldCount",
        values: { fields: record.fields.length, columns: header.length },
      });
    // fromEntries defines own properties: a column named __proto__ stays a column.
    const values = Object.fromEntries(
      header.map((name, field) => [name, unguardCell(record.fields[field] ?? "")]),
    );
    rows.push({ line: record.line, values });
    if (rows.length % PACE === 0) yield;
  }
  return { header: header ?? [], rows };
}

function checkHeader(header: string[], line: number): void {
  const seen = new Set<string>();
  header.forEach((name, field) => {
    if (!name) throw new CsvError(line, `field ${field + 1}`, { key: "rows.emptyColumnName" });
    if (seen.has(name)) throw new CsvError(line, name, { key: "rows.twiceInHeader" });
    seen.add(name);
  });
}

interface CsvRecord {
  line: number;
  fields: string[];
  /** An empty or whitespace-only line, with no quotes or commas. */
  blank: boolean;
}

function* records(text: string, columnName: (field: number) => string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const record: CsvRecord = { line, fields: [], blank: true };
    for (;;) {
      if (text[i] === '"') {
        record.blank = false;
        let value = "";
        i += 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0)
            throw new CsvError(record.line, columnName(record.fields.length), {
              key: "rows.quoteNeverCloses",
            });
          const part = text.slice(i, quote);
          line += countLineBreaks(part);
          value += part;
          i = quote + 1;
          if (text[i] !== '"') break;
          value += '"';
          i += 1;
        }
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
          throw new CsvError(record.line, columnName(record.fields.length), { key: "rows.textAfterQuote" });
        record.fields.push(value);
      } else {
        let end = i;
        while (end < text.length && text[end] !== "," && text[end] !== "\n" && text[end] !== "\r") end++;
        const value = text.slice(i, end);
        if (value.trim()) record.blank = false;
        record.fields.push(value);
        i = end;
      }
      if (text[i] !== ",") break;
      record.blank = false;
      i += 1;
    }
    // At the end of the record: CRLF, LF, a lone CR or the end of the text.
    if (text[i] === "\r") i += 1;
    if (text[i] === "\n") i += 1;
    line += 1;
    yield record;
  }
}

function countLineBreaks(part: string): number {
  let count = 0;
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === "\n" || (c === "\r" && part[i + 1] !== "\n")) count++;
  }
  return count;
}

export interface CsvAsset extends AssetInput {
  readonly sector: Sector;
  readonly name: string;
  readonly subsector?: string | undefined;
  readonly operator?: string | undefined;
  readonly status?: AssetStatus | undefined;
  readonly marking?: TlpMarking | undefined;
  readonly capacity?: number | undefined;
  readonly capacityUnit?: string | undefined;
  readonly recoveryTargetHours?: number | undefined;
}

export interface CsvDependency extends DependencyInput {
  readonly kind?: DependencyKind | undefined;
}

/** A row read: the engine's input plus its named fields, the extra columns, and its line. */
export interface CsvRecordOf<T> {
  readonly line: number;
  readonly attributes: Record<string, string>;
  readonly value: T;
}

export type CsvRead<T> =
  | { readonly rows: CsvRecordOf<T>[]; readonly problems: [] }
  | { readonly rows: null; readonly problems: CsvProblem[] };

/** Checks the values of one row: reads a column, records problems against it. */
class RowReader {
  constructor(
    readonly row: CsvRow,
    private readonly report: (problem: CsvProblem) => void,
  ) {}

  problem(column: string, sentence: RegistrySentence): void {
    this.report(csvProblem(this.row.line, column, sentence));
  }

  text(column: string): string | undefined {
    const value = this.row.values[column]?.trim();
    return value ? value : undefined;
  }

  required(column: string): string {
    const value = this.text(column);
    // A column missing from the header is reported once, on the header line.
    if (value === undefined && Object.hasOwn(this.row.values, column))
      this.problem(column, { key: "rows.required" });
    return value ?? "";
  }

  number(column: string, rule: { min: number; whole?: boolean; max?: number }): number | undefined {
    const value = this.text(column);
    if (value === undefined) return undefined;
    if (!NUMBER.test(value)) {
      this.problem(column, {
        key: value.includes(",") ? "rows.notNumberComma" : "rows.notNumber",
        values: { value },
      });
      return undefined;
    }
    const number = Number(value);
    const { min, max, whole } = rule;
    if (whole && (!Number.isInteger(number) || number < min))
      this.problem(column, { key: "rows.wholeFrom", values: { min, value } });
    else if (number < min || (max !== undefined && number > max))
      this.problem(
        column,
        max === undefined
          ? { key: "rows.from", values: { min, value } }
          : { key: "rows.between", values: { min, max, value } },
      );
    else return number;
    return undefined;
  }

  /** One of a vocabulary; `not` says what the value is not (a sector, a status…). */
  oneOf<T extends string>(column: string, allowed: readonly T[], not: VocabularyKey): T | undefined {
    const value = this.text(column);
    if (value === undefined) return undefined;
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined)
      this.problem(column, { key: not, values: { value, allowed: allowed.join(", ") } });
    return found;
  }

  attributes(known: readonly string[]): Record<string, string> {
    return Object.fromEntries(Object.entries(this.row.values).filter(([column]) => !known.includes(column)));
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The sentences saying a value is not of a vocabulary. */
export type VocabularyKey = "rows.notSector" | "rows.notStatus" | "rows.notMarking" | "rows.notKind";

function* readCsv<T>(
  text: string,
  columns: { required: readonly string[]; optional: readonly string[] },
  read: (row: RowReader) => T,
): Steps<CsvRead<T>> {
  const problems: CsvProblem[] = [];
  const report = (problem: CsvProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  let table: CsvTable;
  try {
    table = yield* parseSteps(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { rows: null, problems: [csvProblem(error.line, error.column, error.sentence)] };
  }
  for (const column of columns.required)
    if (!table.header.includes(column)) report(csvProblem(1, column, { key: "rows.missingFromHeader" }));
  const known = [...columns.required, ...columns.optional];
  const rows: CsvRecordOf<T>[] = [];
  for (const row of table.rows) {
    const reader = new RowReader(row, report);
    rows.push({ line: row.line, attributes: reader.attributes(known), value: read(reader) });
    if (rows.length % PACE === 0) yield;
  }
  return problems.length > 0 ? { rows: null, problems } : { rows, problems: [] };
}

/**
 * assets.csv: id, name, sector; optional subsector, operator, lat, lon, population_served, status,
 * marking (TLP), capacity, capacity_unit, recovery_target_hours.
 */
export function readAssetsCsv(text: string): CsvRead<CsvAsset> {
  return drive(assetSteps(text));
}

/** readAssetsCsv, with `between` awaited every few thousand rows (for a server). */
export function readAssetsCsvInSlices(
  text: string,
  between: () => Promise<void>,
): Promise<CsvRead<CsvAsset>> {
  return driveInSlices(assetSteps(text), between);
}

function assetSteps(text: string): Steps<CsvRead<CsvAsset>> {
  return readCsv(text, ASSET_COLUMNS, (row): CsvAsset => {
    const id = row.required("id");
    const name = row.required("name");
    const sectorText = row.required("sector");
    const sector = sectorText ? row.oneOf("sector", SECTORS, "rows.notSector") : undefined;
    const lat = row.number("lat", { min: -90, max: 90 });
    const lon = row.number("lon", { min: -180, max: 180 });
    const hasLat = row.text("lat") !== undefined;
    const hasLon = row.text("lon") !== undefined;
    if (hasLat && !hasLon) row.problem("lon", { key: "rows.neededWith", values: { other: "lat" } });
    if (hasLon && !hasLat) row.problem("lat", { key: "rows.neededWith", values: { other: "lon" } });
    return {
      id,
      name,
      // Rows with problems are never used: the sector stands in until the file is fixed.
      sector: sector ?? "energy-electricity",
      subsector: row.text("subsector"),
      operator: row.text("operator"),
      lat,
      lon,
      population: row.number("population_served", { min: 0 }),
      status: row.oneOf("status", ASSET_STATUSES, "rows.notStatus"),
      marking: row.oneOf("marking", TLP_MARKINGS, "rows.notMarking"),
      capacity: row.number("capacity", { min: 0 }),
      capacityUnit: row.text("capacity_unit"),
      recoveryTargetHours: recoveryTarget(row.number("recovery_target_hours", { min: 0, max: 8760 }), () =>
        row.problem("recovery_target_hours", { key: "rows.moreThanZero" }),
      ),
    };
  });
}

/** A recovery target in hours: more than 0 (a blank cell: none). */
export function recoveryTarget(hours: number | undefined, problem: () => void): number | undefined {
  if (hours === 0) problem();
  return hours === 0 ? undefined : hours;
}

/** dependencies.csv: dependent_id, supplier_id, service; optional k, buffer_hours, kind. */
export function readDependenciesCsv(text: string): CsvRead<CsvDependency> {
  return drive(dependencySteps(text));
}

/** readDependenciesCsv, with `between` awaited every few thousand rows (for a server). */
export function readDependenciesCsvInSlices(
  text: string,
  between: () => Promise<void>,
): Promise<CsvRead<CsvDependency>> {
  return driveInSlices(dependencySteps(text), between);
}

function dependencySteps(text: string): Steps<CsvRead<CsvDependency>> {
  return readCsv(
    text,
    DEPENDENCY_COLUMNS,
    (row): CsvDependency => ({
      dependent: row.required("dependent_id"),
      supplier: row.required("supplier_id"),
      service: row.required("service"),
      k: row.number("k", { min: 1, whole: true }),
      bufferHours: row.number("buffer_hours", { min: 0 }),
      kind: row.oneOf("kind", DEPENDENCY_KINDS, "rows.notKind"),
    }),
  );
}

/** The engine's issues (by row index) as problems in the CSV files (by line). */
export function graphIssueProblems(
  issues: readonly GraphIssue[],
  lines: { readonly assets: readonly { line: number }[]; readonly dependencies: readonly { line: number }[] },
): (Omit<CsvProblem, "sentence"> & { readonly list: GraphIssue["list"] })[] {
  return issues.map((issue) => {
    const rows = lines[issue.list];
    const lineOf = (index: number) => rows[index]?.line ?? index + 2;
    return {
      list: issue.list,
      line: lineOf(issue.index),
      column: issue.field,
      // The engine counts rows from 1 in its messages ("differs from row 3"): name the line instead.
      message: issue.message.replace(/\brow (\d+)\b/g, (_, row: string) => `line ${lineOf(Number(row) - 1)}`),
    };
  });
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula. Every text cell we write that could start one gets a leading apostrophe, which
 * spreadsheets show as plain text; a cell that already starts with apostrophes before such a
 * character gets one more, so `unguardCell` gives back exactly what was written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export const guardCell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
/** What `guardCell` wrote, as it was (the import reads back the files the export writes). */
export const unguardCell = (text: string): string =>
  text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;

/**
 * Write RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; lines end in CRLF.
 * Text cells are guarded against formulas (numbers are written as numbers: -3.5 stays a number).
 * Every CSV Bulwark writes goes through here.
 */
export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const field = (value: string | number | null | undefined) => {
    const text =
      value === null || value === undefined
        ? ""
        : typeof value === "number"
          ? String(value)
          : guardCell(value);
    return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows]
    .map((row) => row.map(field).join(","))
    .join("\r\n")
    .concat("\r\n");
}
