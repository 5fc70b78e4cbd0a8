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
import { ByteStrings, ByteTable } from "./byte-table.ts";
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
  private readonly assetScanner = new CsvByteScanner((record) => this.assetRecord(record));
  private readonly dependencyScanner = new CsvByteScanner((record) => this.dependencyRecord(record));
  private assetColumns: Int32Array | null = null;
  private dependencyColumns: Int32Array | null = null;
  private header = 0;

  constructor(options: { names?: boolean } = {}) {
    this.names = options.names ? new ByteStrings() : null;
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

  /** Reads one row of assets.csv; false once the file is not clean. */
  private assetRecord(record: CsvFields): boolean {
    if (!this.clean) return false;
    if (isBlankRecord(record)) return true;
    const columns = this.assetColumns;
    if (!columns) {
      this.assetColumns = this.readHeader(record, ASSET_COLUMNS);
      this.clean = this.assetColumns !== null;
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
    const value = numberOf(cell);
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

/** The cell as a number, as csv.ts reads one (the same pattern), or NaN when it is not one. */
function numberOf(cell: CsvCell): number {
  const { bytes, start, end } = cell;
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
  const text = cell.text();
  return NUMBER.test(text) ? Number(text) : Number.NaN;
}

function grown(array: Float64Array): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2).fill(Number.NaN);
  bigger.set(array);
  return bigger;
}
