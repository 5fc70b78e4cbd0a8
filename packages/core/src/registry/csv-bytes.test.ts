// The byte scanner reads what parseCsv reads, record for record and line for line, however the
// bytes are cut into chunks; NetworkCsvReader builds the graph the row-by-row readers and buildGraph
// build, and refuses exactly the files they find a problem in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type DependencyGraph } from "../graph/build.ts";
import { SECTORS } from "../vocabulary.ts";
import { CsvError, parseCsv, readAssetsCsv, readDependenciesCsv, unguardCell } from "./csv.ts";
import { CsvByteScanner, CsvBytesError, ESCAPED, isBlankRecord } from "./csv-bytes.ts";
import { NetworkCsvReader, type NetworkRead } from "./network-csv.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The bytes of `text`, pushed in chunks of the given sizes (cycled), then ended. */
function push(
  into: { push(chunk: Uint8Array): void; end(): void },
  text: string,
  sizes: number[] = [1 << 20],
) {
  const bytes = encoder.encode(text);
  let step = 0;
  for (let at = 0; at < bytes.length; step++) {
    const size = Math.max(1, sizes[step % sizes.length] ?? 1);
    // A copy that is then overwritten: the scanner must keep nothing of a chunk it was given.
    const chunk = bytes.slice(at, at + size);
    into.push(chunk);
    chunk.fill(0x3f);
    at += size;
  }
  into.end();
}

interface Scanned {
  line: number;
  fields: string[];
}

function scan(text: string, sizes?: number[]): Scanned[] {
  const records: Scanned[] = [];
  const scanner = new CsvByteScanner((record) => {
    const fields = Array.from({ length: record.count }, (_, f) => {
      const value = decoder.decode(record.bytes.subarray(record.start[f], record.end[f]));
      return (record.flags[f] ?? 0) & ESCAPED ? value.replaceAll('""', '"') : value;
    });
    records.push({ line: isBlankRecord(record) ? -record.line : record.line, fields });
  });
  push(scanner, text, sizes);
  return records;
}

/** parseCsv's table, made from the scanner's records (blank ones skipped, values unguarded). */
function tableOf(text: string, sizes?: number[]) {
  let header: string[] | null = null;
  const rows: { line: number; values: Record<string, string> }[] = [];
  const wrong = (line: number) => new CsvBytesError(line, 0, "as parseCsv would refuse it");
  const scanner = new CsvByteScanner((record) => {
    if (isBlankRecord(record)) return;
    const fields = Array.from({ length: record.count }, (_, f) => {
      const value = decoder.decode(record.bytes.subarray(record.start[f], record.end[f]));
      return (record.flags[f] ?? 0) & ESCAPED ? value.replaceAll('""', '"') : value;
    });
    if (header === null) {
      header = fields.map((name) => name.trim());
      if (header.some((name, i) => !name || header?.indexOf(name) !== i)) throw wrong(record.line);
      return;
    }
    if (fields.length > header.length) throw wrong(record.line);
    const values = Object.fromEntries(header.map((name, f) => [name, unguardCell(fields[f] ?? "")]));
    rows.push({ line: record.line, values });
  });
  try {
    push(scanner, text, sizes);
  } catch (error) {
    if (error instanceof CsvBytesError) return { error: error.line };
    throw error;
  }
  return { header: header ?? [], rows };
}

function parsed(text: string) {
  try {
    const table = parseCsv(text);
    return { header: table.header, rows: table.rows };
  } catch (error) {
    if (error instanceof CsvError) return { error: error.line };
    throw error;
  }
}

describe("CsvByteScanner", () => {
  it.each([
    ["quoted commas and doubled quotes", 'a,"b, ""c""",d\n', [{ line: 1, fields: ["a", 'b, "c"', "d"] }]],
    [
      "line breaks inside quotes, counted for the records after them",
      'a,"x\ny"\r\n"1\r\n2\r3",b\nlast\n',
      [
        { line: 1, fields: ["a", "x\ny"] },
        { line: 3, fields: ["1\r\n2\r3", "b"] },
        { line: 6, fields: ["last"] },
      ],
    ],
    [
      "CRLF, LF and a lone CR",
      "a,b\r\nc,d\ne\rf",
      [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["c", "d"] },
        { line: 3, fields: ["e"] },
        { line: 4, fields: ["f"] },
      ],
    ],
    ["a byte order mark, dropped", "\uFEFFid,name\n", [{ line: 1, fields: ["id", "name"] }]],
    [
      "a BOM-like character later, kept",
      "x\n\uFEFFy\n",
      [
        { line: 1, fields: ["x"] },
        { line: 2, fields: ["\uFEFFy"] },
      ],
    ],
    ["an empty last field", "a,\n", [{ line: 1, fields: ["a", ""] }]],
    ["a quote inside an unquoted field, as it is", 'a"b,c\n', [{ line: 1, fields: ['a"b', "c"] }]],
    [
      "a blank line (negative line: blank)",
      "a\n  \n\nb",
      [
        { line: 1, fields: ["a"] },
        { line: -2, fields: ["  "] },
        { line: -3, fields: [""] },
        { line: 4, fields: ["b"] },
      ],
    ],
  ])("reads %s, in any chunks", (_, text, records) => {
    expect(scan(text)).toEqual(records);
    for (const size of [1, 2, 3, 5]) expect(scan(text, [size])).toEqual(records);
  });

  it.each([
    ["a quoted field that never closes", 'a,b\nc,"d\ne\n', 2, "a quoted field never closes"],
    ["text after a closing quote", 'a\n"b"\n"c"x,d\n', 3, "unexpected text after a closing quote"],
  ])("refuses %s, naming the line where its record starts", (_, text, line, message) => {
    for (const size of [1, 4, 1 << 20]) {
      let error: unknown;
      try {
        scan(text, [size]);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CsvBytesError);
      expect(error).toMatchObject({ line });
      expect(String(error)).toContain(message);
    }
  });

  it("reads any text as parseCsv does, however it is cut", () => {
    const piece = fc.constantFrom(
      "a",
      "b",
      " ",
      ",",
      '"',
      '""',
      "\n",
      "\r",
      "\r\n",
      "é",
      "'=",
      "\uFEFF",
      "\u00a0",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((parts) => parts.join("")),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        (text, sizes) => {
          expect(tableOf(text, sizes)).toEqual(parsed(text));
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);
});

// Random networks written as CSV the many ways people write it, with mistakes now and then.
const idArb = fc.constantFrom(
  "A",
  "B",
  "c-1",
  "Zürich 2",
  "x,y",
  'q"1',
  " pad ",
  "'=sum",
  "'b",
  "b\\s",
  "\u00a0nb",
  "d",
  "e",
  "f",
);
const cellArb = (good: fc.Arbitrary<string>, bad: readonly string[]) =>
  fc.oneof({ weight: 60, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

const assetArb = fc.record({
  id: cellArb(idArb, [""]),
  name: cellArb(fc.constantFrom("Pump", "Sub, station", 'Ward "B"', "  Wide  "), ["", " "]),
  sector: cellArb(fc.constantFrom(...SECTORS.slice(0, 4), " health "), ["waterworks", ""]),
  population: cellArb(fc.constantFrom("", "0", "12", "3.5", "1e3", " 7 ", "+4", ".5"), [
    "x",
    "-1",
    "1e400",
    "1,5",
  ]),
  lat: cellArb(fc.constantFrom("", "45.5"), ["95"]),
  lon: cellArb(fc.constantFrom("", "7.25"), ["x"]),
  status: cellArb(fc.constantFrom("", "operational"), ["broken"]),
});
const dependencyArb = fc.record({
  // Positions in the list of assets ("#2"), made ids in the property; or an id no asset has.
  dependent: cellArb(
    fc.nat(9).map((i) => `#${i}`),
    ["nobody"],
  ),
  supplier: cellArb(
    fc.nat(9).map((i) => `#${i}`),
    ["nobody"],
  ),
  service: cellArb(fc.constantFrom("electricity", "water", " water"), [""]),
  k: cellArb(fc.constantFrom("", "", "1", "1", "2"), ["0", "1.5", "x"]),
  buffer: cellArb(fc.constantFrom("", "0", "6", "2.5"), ["-1", "1e400"]),
  kind: cellArb(fc.constantFrom("", "physical"), ["psychic"]),
});
const styleArb = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  blankLines: fc.boolean(),
  extraColumn: fc.boolean(),
  sizes: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
});

type Style = typeof styleArb extends fc.Arbitrary<infer T> ? T : never;

function csvText(header: string[], rows: string[][], style: Style): string {
  const field = (value: string) =>
    style.quoteAll || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  const end = style.crlf ? "\r\n" : "\n";
  const lines = [header, ...rows].map((row, i) => {
    const cells = style.extraColumn ? [...row, i === 0 ? "note" : "free text"] : row;
    return cells.map(field).join(",");
  });
  if (style.blankLines) lines.splice(1, 0, "", "   ");
  return `${style.bom ? "\uFEFF" : ""}${lines.join(end)}${end}`;
}

/** What `bulwark analyse` did before: the row-by-row readers and buildGraph. */
function rowByRow(assets: string, dependencies: string): DependencyGraph | null {
  const a = readAssetsCsv(assets);
  const d = readDependenciesCsv(dependencies);
  if (!a.rows || !d.rows) return null;
  return buildGraph(
    a.rows.map((row) => row.value),
    d.rows.map((row) => row.value),
  ).graph;
}

function streamed(assets: string, dependencies: string, sizes: number[]): NetworkRead | null {
  const reader = new NetworkCsvReader({ names: true });
  push(reader.assets, assets, sizes);
  push(reader.dependencies, dependencies, sizes);
  return reader.finish();
}

const plain = (graph: DependencyGraph) => ({ ...graph, indexOf: [...graph.indexOf] });

/**
 * The ids as bytes say what the ids as strings say: the same order (when given), the same index,
 * and JSON that is the bytes between quotes where `plain`.
 */
function expectIdsAsBytes(read: NetworkRead, expected: DependencyGraph): void {
  const { ids, indexOf } = expected;
  const sign = (x: number) => Math.sign(x);
  expect(read.compareIds !== null).toBe(ids.every((id) => [...id].every((c) => c.charCodeAt(0) < 0x80)));
  for (let a = 0; a < ids.length; a++) {
    const id = ids[a] ?? "";
    const bytes = read.idBytes.bytes.subarray(read.idBytes.offsets[a], read.idBytes.offsets[a + 1]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(id);
    if (read.idBytes.plain) expect(JSON.stringify(id)).toBe(`"${id}"`);
    expect(read.indexOfId(id)).toBe(indexOf.get(id) ?? -1);
    expect(read.indexOfId(`${id}\u00e9`)).toBe(indexOf.get(`${id}\u00e9`) ?? -1);
    if (read.compareIds)
      for (let b = 0; b < ids.length; b++) {
        const other = ids[b] ?? "";
        expect(sign(read.compareIds(a, b))).toBe(id < other ? -1 : id > other ? 1 : 0);
      }
  }
  expect(read.idBytes.plain).toBe(ids.every((id) => /^[\x20-\x7e]*$/.test(id) && !/["\\]/.test(id)));
}

describe("NetworkCsvReader", () => {
  it("builds the graph buildGraph builds, and refuses exactly the files the row-by-row readers refuse", () => {
    fc.assert(
      fc.property(
        // Mostly distinct ids and dependencies (the bad values above bring the mistakes), with a
        // repeated asset or dependency now and then.
        fc
          .tuple(fc.uniqueArray(assetArb, { minLength: 1, maxLength: 6, selector: (a) => a.id }), fc.nat(40))
          .map(([assets, repeat]) => (repeat === 0 ? [...assets, ...assets.slice(0, 1)] : assets)),
        fc
          .tuple(
            fc.uniqueArray(dependencyArb, { maxLength: 10, selector: (d) => `${d.dependent}|${d.supplier}` }),
            fc.nat(40),
          )
          .map(([rows, keep]) => {
            // One k and one buffer per asset and service, as a careful analyst writes them.
            const first = new Map<string, { k: string; buffer: string }>();
            return rows
              .filter((d) => keep === 0 || d.dependent !== d.supplier)
              .map((d) => {
                const group = `${d.dependent.trim()}|${d.service.trim()}`;
                const rule = first.get(group) ?? { k: d.k, buffer: d.buffer };
                first.set(group, rule);
                return keep === 1 ? d : { ...d, ...rule };
              });
          }),
        styleArb,
        (assets, dependencies, style) => {
          const idAt = (ref: string) =>
            ref.startsWith("#") ? (assets[Number(ref.slice(1)) % assets.length]?.id ?? "") : ref;
          const assetsCsv = csvText(
            ["id", "name", "sector", "population_served", "lat", "lon", "status"],
            assets.map((a) => [
              a.id,
              a.name,
              a.sector,
              a.population,
              a.lat,
              a.lat === "" ? "" : a.lon || "7.25",
              a.status,
            ]),
            style,
          );
          const dependenciesCsv = csvText(
            ["dependent_id", "supplier_id", "service", "k", "buffer_hours", "kind"],
            dependencies.map((d) => [idAt(d.dependent), idAt(d.supplier), d.service, d.k, d.buffer, d.kind]),
            style,
          );
          const expected = rowByRow(assetsCsv, dependenciesCsv);
          const read = streamed(assetsCsv, dependenciesCsv, style.sizes);
          expect(read === null).toBe(expected === null);
          if (!read || !expected) return;
          expect(plain(read.graph)).toEqual(plain(expected));
          const names = readAssetsCsv(assetsCsv).rows?.map((row) => row.value.name);
          expect(read.names).toEqual(names);
          expectIdsAsBytes(read, expected);
        },
      ),
      { numRuns: 1500 },
    );
  }, 60_000);

  it("reads plain rows straight from the bytes as the general way reads them, rows it leaves to it among them", () => {
    // Mostly plain rows (the fast path), now and then one it leaves to CsvCell (quoted, padded,
    // guarded, accented, CR at the end, a missing or an extra field) or a mistake: the reader with
    // the fast path and the reader without it agree on everything, however the bytes are cut.
    // Ids by number: an asset row's own (so mostly unique), a dependency's taken modulo the assets.
    const plainId = fc.integer({ min: 0, max: 1000 }).map((i) => `#${i}`);
    const oddCell = fc.constantFrom(
      ' "x"',
      '"a-1"',
      " a-2",
      "a-3 ",
      "'=1",
      "é",
      "a\u00a0",
      "a\tb",
      "",
      "waterworks",
      "broken",
      "psychic",
      "-2",
    );
    const cellOf = (plain: fc.Arbitrary<string>) =>
      fc.oneof({ weight: 150, arbitrary: plain }, { weight: 1, arbitrary: oddCell });
    const numberCell = fc.constantFrom(
      "",
      "0",
      "1",
      "2",
      "3.5",
      "1e3",
      "+4",
      ".5",
      "-1",
      "1e400",
      "-1e400",
      "x",
      "-0",
    );
    const line = (cells: string[], end: string) => `${cells.join(",")}${end}`;
    const endArb = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r");
    const assetRow = fc.tuple(
      cellOf(plainId),
      cellOf(fc.constantFrom("Pump", "Sub station", "x")),
      cellOf(fc.constantFrom("health", "energy-electricity")),
      fc.oneof({ weight: 40, arbitrary: fc.constant("") }, { weight: 1, arbitrary: numberCell }),
      fc.oneof(
        { weight: 40, arbitrary: fc.constant("") },
        { weight: 1, arbitrary: fc.constantFrom("45.5", "95", "x") },
      ),
      fc.oneof(
        { weight: 40, arbitrary: fc.constant("") },
        { weight: 1, arbitrary: fc.constantFrom("7.25", "-190") },
      ),
      cellOf(fc.constantFrom("", "operational")),
      cellOf(fc.constantFrom("", "1", "1e400")),
      fc.integer({ min: -1, max: 150 }),
      endArb,
    );
    const dependencyRow = fc.tuple(
      cellOf(plainId),
      cellOf(plainId),
      cellOf(fc.constantFrom("electricity", "water", "fuel")),
      fc.oneof({ weight: 40, arbitrary: fc.constant("") }, { weight: 1, arbitrary: numberCell }),
      fc.oneof({ weight: 40, arbitrary: fc.constant("") }, { weight: 1, arbitrary: numberCell }),
      cellOf(fc.constantFrom("", "physical")),
      fc.integer({ min: -1, max: 150 }),
      endArb,
    );
    // A missing field (-1 in the tuple's count: one field less) or an extra one, now and then.
    const shaped = (cells: string[], odd: number) =>
      odd === -1 ? cells.slice(0, -1) : odd === 0 ? [...cells, "extra"] : cells;
    let clean = 0;
    fc.assert(
      fc.property(
        fc.array(assetRow, { minLength: 1, maxLength: 40 }),
        fc.uniqueArray(dependencyRow, {
          maxLength: 60,
          selector: ([dependent, supplier]) => `${dependent}|${supplier}`,
        }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (assetRows, dependencyRows, sizes, names) => {
          const asset = (cell: string, i: number) => (cell.startsWith("#") ? `a-${i}` : cell);
          const ref = (cell: string) =>
            cell.startsWith("#") ? `a-${Number(cell.slice(1)) % assetRows.length}` : cell;
          const assets =
            "id,name,sector,population_served,lat,lon,status,capacity\n" +
            assetRows
              .map(([id, name, sector, people, lat, lon, status, capacity, odd, end], i) =>
                line(shaped([asset(id, i), name, sector, people, lat, lon, status, capacity], odd), end),
              )
              .join("");
          const dependencies =
            "dependent_id,supplier_id,service,k,buffer_hours,kind\r\n" +
            dependencyRows
              .map(([dependent, supplier, service, k, buffer, kind, odd, end]) =>
                line(shaped([ref(dependent), ref(supplier), service, k, buffer, kind], odd), end),
              )
              .join("");
          const read = (fast: boolean) => {
            const reader = new NetworkCsvReader({ names, fast });
            push(reader.assets, assets, sizes);
            push(reader.dependencies, dependencies, sizes);
            return { reader, read: reader.finish() };
          };
          const general = read(false);
          const fast = read(true);
          expect(general.reader.fastRecords).toBe(0);
          expect(fast.read === null).toBe(general.read === null);
          if (!fast.read || !general.read) return;
          clean += 1;
          expect(plain(fast.read.graph)).toEqual(plain(general.read.graph));
          expect(fast.read.names).toEqual(general.read.names);
          expect(Array.from(fast.read.idBytes.bytes.subarray(0, fast.read.idBytes.used))).toEqual(
            Array.from(general.read.idBytes.bytes.subarray(0, general.read.idBytes.used)),
          );
          expect([fast.read.idBytes.ascii, fast.read.idBytes.plain]).toEqual([
            general.read.idBytes.ascii,
            general.read.idBytes.plain,
          ]);
        },
      ),
      { numRuns: 1500 },
    );
    // Clean networks, whose graphs were compared, and not only files both refuse.
    expect(clean).toBeGreaterThan(150);
  }, 60_000);

  it.each([
    ["a k that is not whole", "A,C,water,1.5,\nA,B,water,1.5,\n", "", null],
    ["a k of infinity", "A,C,water,1e400,\nA,B,water,1e400,\n", "", null],
    ["a buffer of infinity", "A,C,water,,1e400\n", "", null],
    ["a buffer below zero", "A,C,water,,-1e400\n", "", null],
    ["a buffer of -0", "A,C,water,,-0\n", "", "clean"],
    ["a latitude of -infinity", "A,C,water,,\n", ",-1e400,7", null],
    ["a latitude with no longitude", "A,C,water,,\n", ",45,", null],
    ["a population of infinity", "A,C,water,,\n", "1e400,,", null],
    ["a population of -0 and a place", "A,C,water,,\n", "-0,45.5,7.25", "clean"],
    ["a population written 1e3", "A,C,water,,\n", "1e3,,", "clean"],
  ])("reads %s as the general way does", (_, rows, extra, outcome) => {
    const assets = `id,name,sector,population_served,lat,lon\nA,a,health,1,,\nB,b,health,2,,\nC,c,health${extra ? `,${extra}` : ",3,,"}\n`;
    const dependencies = `dependent_id,supplier_id,service,k,buffer_hours\n${rows}`;
    const read = (fast: boolean) => {
      const reader = new NetworkCsvReader({ fast });
      push(reader.assets, assets);
      push(reader.dependencies, dependencies);
      return { reader, read: reader.finish() };
    };
    const fast = read(true);
    const general = read(false);
    // The rows of A and B, and the first dependency, at least, are read by the fast path.
    expect(fast.reader.fastRecords).toBeGreaterThanOrEqual(outcome ? 4 : 2);
    expect(fast.read === null ? null : "clean").toBe(outcome);
    expect(general.read === null ? null : "clean").toBe(outcome);
    if (fast.read && general.read) {
      expect(plain(fast.read.graph)).toEqual(plain(general.read.graph));
      expect(Object.is(fast.read.graph.population[2], general.read.graph.population[2])).toBe(true);
    }
  });

  it("reads a clean network's rows by the fast path, and the same graph as the general way", () => {
    const assets = ["id,name,sector,population_served"];
    const dependencies = ["dependent_id,supplier_id,service,k,buffer_hours"];
    for (let i = 0; i < 2000; i++) {
      assets.push(`asset-${i},Asset ${i},health,${i * 7}`);
      if (i > 0) dependencies.push(`asset-${i},asset-${(i * 7919) % i},water,1,${i % 5 === 0 ? "2.5" : ""}`);
    }
    const read = (fast: boolean) => {
      const reader = new NetworkCsvReader({ fast });
      push(reader.assets, `${assets.join("\r\n")}\r\n`, [4096, 777]);
      push(reader.dependencies, `${dependencies.join("\n")}\n`, [4096, 777]);
      return { reader, read: reader.finish() };
    };
    const fast = read(true);
    const general = read(false);
    // Every row but a few that straddle two chunks: those the general way reads.
    expect(fast.reader.fastRecords).toBeGreaterThan(3900);
    expect(fast.read && plain(fast.read.graph)).toEqual(general.read && plain(general.read.graph));
    expect(fast.read?.graph.groupBuffer.filter((hours) => hours === 2.5).length).toBe(399);
  });

  it("reads the worked example: quoted names, CRLF, a blank line, an extra column", () => {
    const assets = [
      "id,name,sector,population_served,owner",
      "S1,Substation North,energy-electricity,0,grid",
      'S2,"Substation South, Ring ""B""",energy-electricity,0,grid',
      "P1,Pumping station,water-drinking,50000,city",
      "",
      'H1,"City hospital,\r\neast wing",health,2000,region',
    ].join("\r\n");
    const dependencies = [
      "dependent_id,supplier_id,service,k,buffer_hours,kind",
      "P1,S1,electricity,1,,physical",
      "P1,S2,electricity,1,,physical",
      "H1,P1,water,1,6,physical",
      "H1,S1,electricity,1,72,physical",
    ].join("\r\n");
    const read = streamed(assets, dependencies, [7]);
    expect(read?.names).toEqual([
      "Substation North",
      'Substation South, Ring "B"',
      "Pumping station",
      "City hospital,\r\neast wing",
    ]);
    expect(read?.graph.ids).toEqual(["S1", "S2", "P1", "H1"]);
    expect(Array.from(read?.graph.groupBuffer ?? [])).toEqual([0, 6, 72]);
    expect(read?.graph.indexOf.get("H1")).toBe(3);
  });

  it.each([
    [
      "an unknown sector after a quoted line break",
      'id,name,sector\nA,"two\nlines",health\nB,b,waterworks\n',
      "dependent_id,supplier_id,service\n",
      4,
      "sector",
    ],
    [
      "a duplicate id",
      "id,name,sector\nA,a,health\nA,b,health\n",
      "dependent_id,supplier_id,service\n",
      3,
      "id",
    ],
    [
      "an unknown supplier",
      "id,name,sector\nA,a,health\n",
      "dependent_id,supplier_id,service\r\nA,Z,water\r\n",
      2,
      "supplier_id",
    ],
    [
      "k above the suppliers there are",
      "id,name,sector\nA,a,health\nB,b,health\n",
      "dependent_id,supplier_id,service,k\nA,B,water,2\n",
      2,
      "k",
    ],
  ])(
    "stops at %s, which the row-by-row readers then name with its line",
    (_, assets, dependencies, line, column) => {
      expect(streamed(assets, dependencies, [3])).toBeNull();
      const a = readAssetsCsv(assets);
      const d = readDependenciesCsv(dependencies);
      const problems = [...a.problems, ...d.problems];
      if (problems.length === 0 && a.rows && d.rows) {
        const built = buildGraph(
          a.rows.map((row) => row.value),
          d.rows.map((row) => row.value),
        );
        const issue = built.issues[0];
        const rows = issue?.list === "assets" ? a.rows : d.rows;
        expect(issue && { line: rows[issue.index]?.line, column: issue.field }).toEqual({ line, column });
      } else expect(problems[0]).toMatchObject({ line, column });
    },
  );
});
