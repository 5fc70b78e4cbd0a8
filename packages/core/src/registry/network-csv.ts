// assets.csv and dependencies.csv streamed straight into a dependency graph, for networks of
// millions of rows: bytes in chunks (csv-bytes.ts), columns in typed arrays, asset ids found by
// their bytes (byte-table.ts), one string per asset id (and name, when asked), none per dependency.
//
// It accepts exactly what readAssetsCsv, readDependenciesCsv and buildGraph accept together, and
// builds the same graph (csv-bytes.test.ts checks both on random files). It does not explain
// problems: at the first one it stops and says the files are not clean, and the caller reads them
// again with those functions, whose messages name every problem with its line and column. A file
// with a problem is read twice; a clean one, the common case, once and fast.
import { type DependencyGraph, DependencyGrouping, type GraphIssue } from "../graph/build.ts";
import { ASSET_STATUSES, DEPENDENCY_KINDS, SECTORS, TLP_MARKINGS } from "../vocabulary.ts";
import { ByteStrings, ByteTable, FNV_BASIS, FNV_PRIME, finishHash } from "./byte-table.ts";
import { ASSET_COLUMNS, DEPENDENCY_COLUMNS } from "./csv.ts";
import {
  CsvByteScanner,
  CsvBytesError,
  CsvCell,
  type CsvFields,
  decodeRange,
  ESCAPED,
  isBlankRecord,
} from "./csv-bytes.ts";

export interface NetworkRead {
  readonly graph: DependencyGraph;
  /** Asset names by index, when asked for. */
  readonly names: readonly string[] | null;
  /**
   * The asset ids' bytes by index, for output written from bytes with no string per id
   * (`graph.ids` makes the strings when first read).
   */
  readonly idBytes: ByteStrings;
  /**
   * Assets a and b in the order of their ids as strings (JavaScript's `<`), from their bytes, no
   * string made; null when an id is not ASCII (UTF-8 byte order is then not always that order).
   */
  readonly compareIds: ((a: number, b: number) => number) | null;
  /** The index of the asset with this id, or -1 (no string made per asset). */
  indexOfId(id: string): number;
}

const sectorTable = ByteTable.of(SECTORS);
const statusTable = ByteTable.of(ASSET_STATUSES);
const markingTable = ByteTable.of(TLP_MARKINGS);
const kindTable = ByteTable.of(DEPENDENCY_KINDS);

/**
 * Push the bytes of assets.csv, end it, then those of dependencies.csv, end it, then finish().
 * `clean` turns false at the first problem; everything after it is skipped.
 */
export class NetworkCsvReader {
  clean = true;
  private readonly cell = new CsvCell();
  private readonly idTable = new ByteTable();
  private readonly serviceTable = new ByteTable();
  private readonly names: ByteStrings | null;
  private readonly sectors: string[] = [];
  private population = new Float64Array(1024);
  private lat = new Float64Array(1024);
  private lon = new Float64Array(1024);
  private grouping: DependencyGrouping | null = null;
  private readonly issues: GraphIssue[] = [];
  private dependencyRows = 0;
  private lastService = -1;
  private lastSector = -1;
  private lastDependent = -1;
  private readonly assetScanner: CsvByteScanner;
  private readonly dependencyScanner: CsvByteScanner;
  /** The scanner at work. */
  private scanning: CsvByteScanner;
  private assetColumns: Int32Array | null = null;
  private dependencyColumns: Int32Array | null = null;
  private header = 0;
  /**
   * For each field of the header, the position of its column in ASSET_COLUMNS or
   * DEPENDENCY_COLUMNS (-1: a column not read): where the fast path puts it. Null before the header.
   */
  private assetRoles: Int8Array | null = null;
  private dependencyRoles: Int8Array | null = null;
  // The record the fast path reads, by column position: its bytes' range and hash (see fastFields).
  private readonly fieldStart = new Int32Array(16);
  private readonly fieldEnd = new Int32Array(16);
  private readonly fieldHash = new Int32Array(16);
  /** Records read by the fast path (the others went through CsvCell), for tests. */
  fastRecords = 0;

  /**
   * `fast: false` reads every record the general way (CsvByteScanner's fields, CsvCell), as tests
   * compare with the fast path: one-line records of plain fields read straight from the bytes.
   */
  constructor(options: { names?: boolean; fast?: boolean } = {}) {
    this.names = options.names ? new ByteStrings() : null;
    // One function for both files (the scanners' call site stays monomorphic: no deoptimisation
    // when the second file starts); it reads the file being scanned (see scan).
    const fast =
      (options.fast ?? true)
        ? (data: Uint8Array, at: number) =>
            this.scanning === this.assetScanner ? this.assetFast(data, at) : this.dependencyFast(data, at)
        : null;
    this.assetScanner = new CsvByteScanner((record) => this.assetRecord(record), fast);
    this.dependencyScanner = new CsvByteScanner((record) => this.dependencyRecord(record), fast);
    this.scanning = this.assetScanner;
  }

  readonly assets = {
    push: (chunk: Uint8Array) => this.scan(this.assetScanner, chunk),
    end: () => {
      this.scan(this.assetScanner, null);
      if (!this.assetColumns) this.clean = false;
    },
  };

  readonly dependencies = {
    push: (chunk: Uint8Array) => this.scan(this.dependencyScanner, chunk),
    end: () => {
      this.scan(this.dependencyScanner, null);
      if (!this.dependencyColumns) this.clean = false;
    },
  };

  /** The graph, or null when the files are not clean. */
  finish(): NetworkRead | null {
    if (!this.clean || !this.grouping) return null;
    const size = this.idTable.size;
    const idTable = this.idTable;
    const built = this.grouping.finish({
      size,
      ids: [],
      indexOf: new Map(),
      sectors: this.sectors,
      population: this.population.slice(0, size),
      lat: this.lat.slice(0, size),
      lon: this.lon.slice(0, size),
    });
    if (!built.graph) return null;
    // The ids as strings, and the map from id to index, made when first asked for: ranking every
    // asset into JSON needs neither.
    let ids: string[] | null = null;
    let indexOf: Map<string, number> | null = null;
    const idStrings = () => {
      if (!ids) ids = idTable.strings();
      return ids;
    };
    const graph = Object.defineProperties(
      { ...built.graph },
      {
        ids: { enumerable: true, get: idStrings },
        indexOf: {
          enumerable: true,
          get: () => {
            if (!indexOf) {
              const all = idStrings();
              indexOf = new Map();
              for (let a = 0; a < size; a++) indexOf.set(all[a] ?? "", a);
            }
            return indexOf;
          },
        },
      },
    );
    const idBytes = idTable.keys;
    const encoder = new TextEncoder();
    return {
      graph,
      names: this.names?.strings() ?? null,
      idBytes,
      compareIds: idBytes.ascii ? (a, b) => idBytes.compare(a, b) : null,
      indexOfId: (id) => {
        // Bytes that are not UTF-8 read as U+FFFD in the strings: only ASCII ids are found by bytes.
        if (!idBytes.ascii) return graph.indexOf.get(id) ?? -1;
        const bytes = encoder.encode(id);
        return idTable.find(bytes, 0, bytes.length);
      },
    };
  }

  private scan(scanner: CsvByteScanner, chunk: Uint8Array | null): void {
    if (!this.clean) return;
    this.scanning = scanner;
    try {
      if (chunk) scanner.push(chunk);
      else scanner.end();
    } catch (error) {
      if (!(error instanceof CsvBytesError)) throw error;
      this.clean = false;
    }
  }

  /** The header's columns at the positions of `wanted` (-1 where absent), or null if it is wrong. */
  private readHeader(
    record: CsvFields,
    columns: { required: readonly string[]; optional: readonly string[] },
  ): Int32Array | null {
    const names: string[] = [];
    for (let f = 0; f < record.count; f++) {
      let name = decodeRange(record.bytes, record.start[f] ?? 0, record.end[f] ?? 0);
      if ((record.flags[f] ?? 0) & ESCAPED) name = name.replaceAll('""', '"');
      name = name.trim();
      if (!name || names.includes(name)) return null;
      names.push(name);
    }
    this.header = names.length;
    const wanted = [...columns.required, ...columns.optional];
    const at = Int32Array.from(wanted, (name) => names.indexOf(name));
    return columns.required.every((_, i) => (at[i] ?? -1) >= 0) ? at : null;
  }

  /** The roles of the header's fields (see assetRoles); columns the header lacks read as empty. */
  private roles(columns: Int32Array): Int8Array {
    const roles = new Int8Array(this.header).fill(-1);
    for (let column = 0; column < columns.length; column++) {
      const field = columns[column] ?? -1;
      if (field >= 0) roles[field] = column;
    }
    this.fieldStart.fill(0);
    this.fieldEnd.fill(0);
    return roles;
  }

  /**
   * The fields of the record at `at` into fieldStart, fieldEnd and fieldHash by role, when it is
   * one line (ended by LF or CRLF in `data`) of as many fields as the header, each unquoted and
   * either empty or starting with a printable ASCII byte other than a quote or an apostrophe and
   * ending with a printable ASCII byte: fields CsvCell would give as they are (no quote, guard or
   * space to take off).
   * Returns where the next record starts, or -1 for any other record.
   */
  private fastFields(data: Uint8Array, at: number, roles: Int8Array): number {
    const n = data.length;
    const { fieldStart, fieldEnd, fieldHash } = this;
    const count = roles.length;
    let i = at;
    for (let f = 0; f < count; f++) {
      const start = i;
      let hash = FNV_BASIS;
      let c = 0;
      while (i < n) {
        c = data[i] ?? 0;
        if (c <= COMMA && (c === COMMA || c === LF || c === CR)) break;
        hash = Math.imul(hash ^ c, FNV_PRIME);
        i++;
      }
      if (i === n) return -1;
      if (i > start) {
        const first = data[start] ?? 0;
        const last = data[i - 1] ?? 0;
        if (first <= SPACE || first >= 0x7f || first === QUOTE || first === APOSTROPHE) return -1;
        if (last <= SPACE || last >= 0x7f) return -1;
      }
      const role = roles[f] ?? -1;
      if (role >= 0) {
        fieldStart[role] = start;
        fieldEnd[role] = i;
        fieldHash[role] = finishHash(hash);
      }
      i++;
      if (c === COMMA) continue;
      if (f + 1 !== count) return -1;
      if (c === CR) {
        if (data[i] !== LF) return -1;
        i++;
      }
      return i;
    }
    return -1;
  }

  /**
   * One row of assets.csv from the bytes (see fastFields), as assetRecord reads it: where the row
   * next starts, or -1, having changed nothing, for assetRecord to read it (and find its problem).
   */
  private assetFast(data: Uint8Array, at: number): number {
    const roles = this.assetRoles;
    if (roles === null || !this.clean) return -1;
    const next = this.fastFields(data, at, roles);
    if (next < 0) return -1;
    const { fieldStart: start, fieldEnd: end, fieldHash: hash } = this;
    // Positions in ASSET_COLUMNS: id, name, sector, subsector, operator, lat, lon,
    // population_served, status, marking, capacity, capacity_unit.
    const idStart = start[0] ?? 0;
    const idEnd = end[0] ?? 0;
    const nameStart = start[1] ?? 0;
    const nameEnd = end[1] ?? 0;
    if (idEnd === idStart || nameEnd === nameStart) return -1;
    let sector = this.lastSector;
    if (!sectorTable.is(sector, data, start[2] ?? 0, end[2] ?? 0)) {
      sector = sectorTable.findHashed(hash[2] ?? 0, data, start[2] ?? 0, end[2] ?? 0);
      if (sector < 0) return -1;
      this.lastSector = sector;
    }
    const lat = plainNumber(data, start[5] ?? 0, end[5] ?? 0, -90, 90);
    const lon = plainNumber(data, start[6] ?? 0, end[6] ?? 0, -180, 180);
    if (lat === WRONG || lon === WRONG || Number.isNaN(lat) !== Number.isNaN(lon)) return -1;
    const people = plainNumber(data, start[7] ?? 0, end[7] ?? 0, 0, Number.POSITIVE_INFINITY);
    if (people === WRONG || people === Number.POSITIVE_INFINITY) return -1;
    if (!isWord(data, start[8] ?? 0, end[8] ?? 0, hash[8] ?? 0, statusTable)) return -1;
    if (!isWord(data, start[9] ?? 0, end[9] ?? 0, hash[9] ?? 0, markingTable)) return -1;
    if (plainNumber(data, start[10] ?? 0, end[10] ?? 0, 0, Number.POSITIVE_INFINITY) === WRONG) return -1;
    const a = this.idTable.size;
    if (this.idTable.addHashed(hash[0] ?? 0, data, idStart, idEnd) < 0) return -1;
    this.names?.push(data, nameStart, nameEnd);
    this.sectors.push(SECTORS[sector] ?? "");
    if (a === this.population.length) {
      this.population = grown(this.population);
      this.lat = grown(this.lat);
      this.lon = grown(this.lon);
    }
    this.lat[a] = lat;
    this.lon[a] = lon;
    this.population[a] = Number.isNaN(people) ? 0 : people;
    this.fastRecords += 1;
    return next;
  }

  /** One row of dependencies.csv from the bytes, as dependencyRecord reads it (see assetFast). */
  private dependencyFast(data: Uint8Array, at: number): number {
    const roles = this.dependencyRoles;
    const grouping = this.grouping;
    if (roles === null || grouping === null || !this.clean) return -1;
    const next = this.fastFields(data, at, roles);
    if (next < 0) return -1;
    const { fieldStart: start, fieldEnd: end, fieldHash: hash } = this;
    const ids = this.idTable;
    // Positions in DEPENDENCY_COLUMNS: dependent_id, supplier_id, service, k, buffer_hours, kind.
    // Rows of one dependent tend to come together, and dependents in the order of assets.csv: try
    // the last one, then the next asset, before hashing.
    const dependentStart = start[0] ?? 0;
    const dependentEnd = end[0] ?? 0;
    let dependent = this.lastDependent;
    if (!ids.is(dependent, data, dependentStart, dependentEnd)) {
      dependent += 1;
      if (!ids.is(dependent, data, dependentStart, dependentEnd))
        dependent = ids.findHashed(hash[0] ?? 0, data, dependentStart, dependentEnd);
    }
    if (dependent < 0) return -1;
    const supplier = ids.findHashed(hash[1] ?? 0, data, start[1] ?? 0, end[1] ?? 0);
    const serviceStart = start[2] ?? 0;
    const serviceEnd = end[2] ?? 0;
    if (supplier < 0 || serviceEnd === serviceStart) return -1;
    const k = plainNumber(data, start[3] ?? 0, end[3] ?? 0, 1, Number.POSITIVE_INFINITY);
    if (k === WRONG || (!Number.isNaN(k) && !Number.isInteger(k))) return -1;
    const buffer = plainNumber(data, start[4] ?? 0, end[4] ?? 0, 0, Number.POSITIVE_INFINITY);
    if (buffer === WRONG || buffer === Number.POSITIVE_INFINITY) return -1;
    if (!isWord(data, start[5] ?? 0, end[5] ?? 0, hash[5] ?? 0, kindTable)) return -1;
    // Rows of one service tend to come together: try the last one before hashing.
    let service = this.lastService;
    if (!this.serviceTable.is(service, data, serviceStart, serviceEnd)) {
      // Found, else added: both ways run from the first rows (optimised code meets no new path).
      service = this.serviceTable.findHashed(hash[2] ?? 0, data, serviceStart, serviceEnd);
      if (service < 0) service = this.serviceTable.addHashed(hash[2] ?? 0, data, serviceStart, serviceEnd);
      this.lastService = service;
    }
    this.lastDependent = dependent;
    const index = this.dependencyRows;
    this.dependencyRows += 1;
    grouping.add(
      index,
      dependent,
      supplier,
      service,
      Number.isNaN(k) ? 1 : k,
      Number.isNaN(buffer) ? 0 : buffer,
    );
    if (this.issues.length > 0) this.fail();
    this.fastRecords += 1;
    return next;
  }

  /** Reads one row of assets.csv; false once the file is not clean. */
  private assetRecord(record: CsvFields): boolean {
    if (!this.clean) return false;
    if (isBlankRecord(record)) return true;
    const columns = this.assetColumns;
    if (!columns) {
      this.assetColumns = this.readHeader(record, ASSET_COLUMNS);
      this.clean = this.assetColumns !== null;
      if (this.assetColumns) this.assetRoles = this.roles(this.assetColumns);
      return this.clean;
    }
    if (record.count > this.header) return this.stop();
    // Positions in ASSET_COLUMNS: id, name, sector, subsector, operator, lat, lon,
    // population_served, status, marking, capacity, capacity_unit.
    const cell = this.cell;
    const a = this.idTable.size;
    if (cell.read(record, columns[0] ?? -1) === 0) return this.stop();
    if (this.idTable.add(cell.bytes, cell.start, cell.end) < 0) return this.stop();
    if (cell.read(record, columns[1] ?? -1) === 0) return this.stop();
    this.names?.push(cell.bytes, cell.start, cell.end);
    cell.read(record, columns[2] ?? -1);
    // Assets of one sector tend to come together: try the last one before hashing.
    let sector = this.lastSector;
    if (!sectorTable.is(sector, cell.bytes, cell.start, cell.end)) {
      sector = sectorTable.find(cell.bytes, cell.start, cell.end);
      if (sector < 0) return this.stop();
      this.lastSector = sector;
    }
    this.sectors.push(SECTORS[sector] ?? "");
    if (a === this.population.length) {
      this.population = grown(this.population);
      this.lat = grown(this.lat);
      this.lon = grown(this.lon);
    }
    const lat = this.number(record, columns[5] ?? -1, -90, 90);
    const lon = this.number(record, columns[6] ?? -1, -180, 180);
    if (Number.isNaN(lat) !== Number.isNaN(lon)) return this.stop();
    this.lat[a] = lat;
    this.lon[a] = lon;
    const people = this.number(record, columns[7] ?? -1, 0, Number.POSITIVE_INFINITY);
    if (people === Number.POSITIVE_INFINITY) return this.stop();
    this.population[a] = Number.isNaN(people) ? 0 : people;
    this.word(record, columns[8] ?? -1, statusTable);
    this.word(record, columns[9] ?? -1, markingTable);
    this.number(record, columns[10] ?? -1, 0, Number.POSITIVE_INFINITY);
    return this.clean;
  }

  /** Reads one row of dependencies.csv; false once the files are not clean. */
  private dependencyRecord(record: CsvFields): boolean {
    if (!this.clean) return false;
    if (isBlankRecord(record)) return true;
    const columns = this.dependencyColumns;
    if (!columns) {
      this.dependencyColumns = this.readHeader(record, DEPENDENCY_COLUMNS);
      this.clean = this.dependencyColumns !== null;
      if (this.dependencyColumns) this.dependencyRoles = this.roles(this.dependencyColumns);
      this.grouping = new DependencyGrouping(this.idTable.size, this.issues);
      return this.clean;
    }
    if (record.count > this.header || !this.grouping) return this.stop();
    // Positions in DEPENDENCY_COLUMNS: dependent_id, supplier_id, service, k, buffer_hours, kind.
    const cell = this.cell;
    cell.read(record, columns[0] ?? -1);
    // Rows of one dependent tend to come together, and dependents in the order of assets.csv: try
    // the last one, then the next asset, before hashing.
    let dependent = this.lastDependent;
    if (!this.idTable.is(dependent, cell.bytes, cell.start, cell.end)) {
      dependent += 1;
      if (!this.idTable.is(dependent, cell.bytes, cell.start, cell.end))
        dependent = this.idTable.find(cell.bytes, cell.start, cell.end);
      this.lastDependent = dependent;
    }
    cell.read(record, columns[1] ?? -1);
    const supplier = this.idTable.find(cell.bytes, cell.start, cell.end);
    if (dependent < 0 || supplier < 0 || cell.read(record, columns[2] ?? -1) === 0) return this.stop();
    // Rows of one service tend to come together: try the last one before hashing.
    let service = this.lastService;
    if (!this.serviceTable.is(service, cell.bytes, cell.start, cell.end)) {
      const added = this.serviceTable.add(cell.bytes, cell.start, cell.end);
      service = added < 0 ? -1 - added : added;
      this.lastService = service;
    }
    const k = this.number(record, columns[3] ?? -1, 1, Number.POSITIVE_INFINITY);
    if (!Number.isNaN(k) && !Number.isInteger(k)) return this.stop();
    const buffer = this.number(record, columns[4] ?? -1, 0, Number.POSITIVE_INFINITY);
    if (buffer === Number.POSITIVE_INFINITY) return this.stop();
    this.word(record, columns[5] ?? -1, kindTable);
    const index = this.dependencyRows;
    this.dependencyRows += 1;
    this.grouping.add(
      index,
      dependent,
      supplier,
      service,
      Number.isNaN(k) ? 1 : k,
      Number.isNaN(buffer) ? 0 : buffer,
    );
    if (this.issues.length > 0) this.fail();
    return this.clean;
  }

  /** Turns the reader unclean; false, for the row readers to return. */
  private stop(): false {
    this.clean = false;
    return false;
  }

  private fail(): void {
    this.clean = false;
  }

  /** A number from min to max, NaN when the field is absent or empty; a wrong one fails. */
  private number(record: CsvFields, field: number, min: number, max: number): number {
    const cell = this.cell;
    if (field < 0 || cell.read(record, field) === 0) return Number.NaN;
    const value = numberIn(cell.bytes, cell.start, cell.end);
    if (Number.isNaN(value) || value < min || value > max) this.fail();
    return value;
  }

  /** A word of the vocabulary, when the field is there and not empty; another word fails. */
  private word(record: CsvFields, field: number, table: ByteTable): void {
    const cell = this.cell;
    if (field < 0 || cell.read(record, field) === 0) return;
    if (table.find(cell.bytes, cell.start, cell.end) < 0) this.fail();
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
/** What plainNumber says of a field that is not a number in its range (every minimum is finite). */
const WRONG = Number.NEGATIVE_INFINITY;

/**
 * bytes[start .. end) as a number, as csv.ts reads one (the same pattern), or NaN when it is not
 * one. The bytes are a field's value (CsvCell's, or a plain field's own): not empty.
 */
function numberIn(bytes: Uint8Array, start: number, end: number): number {
  if (end - start <= 15) {
    let value = 0;
    let i = start;
    for (; i < end; i++) {
      const digit = (bytes[i] ?? 0) - 0x30;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === end) return value;
  }
  const text = decodeRange(bytes, start, end);
  return NUMBER.test(text) ? Number(text) : Number.NaN;
}

/**
 * A plain field (see fastFields) as a number from min to max, as NetworkCsvReader.number reads
 * one: NaN when it is empty, WRONG when it is not a number or out of range.
 */
function plainNumber(bytes: Uint8Array, start: number, end: number, min: number, max: number): number {
  if (end === start) return Number.NaN;
  const value = numberIn(bytes, start, end);
  return value >= min && value <= max ? value : WRONG;
}

/** True when the plain field is empty or a word of the table (its hash made by fastFields). */
function isWord(bytes: Uint8Array, start: number, end: number, hash: number, table: ByteTable): boolean {
  return end === start || table.findHashed(hash, bytes, start, end) >= 0;
}

function grown(array: Float64Array): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2).fill(Number.NaN);
  bigger.set(array);
  return bigger;
}
