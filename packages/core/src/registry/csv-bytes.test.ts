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
