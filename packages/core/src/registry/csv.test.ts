import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../graph/build.ts";
import {
  CsvError,
  graphIssueProblems,
  guardCell,
  parseCsv,
  readAssetsCsv,
  readDependenciesCsv,
  writeCsv,
} from "./csv.ts";
import { type RegistrySentence, registryEnglish } from "./sentences.ts";

// Each problem's English is its sentence said in English; the tests read the English.
const said = <P extends { sentence: RegistrySentence; message: string }>(problems: readonly P[]) =>
  problems.map(({ sentence, ...problem }) => {
    expect(problem.message).toBe(registryEnglish(sentence));
    return problem;
  });

describe("parseCsv", () => {
  it.each([
    [
      "plain rows",
      "a,b\n1,2\n3,4\n",
      [
        { line: 2, values: { a: "1", b: "2" } },
        { line: 3, values: { a: "3", b: "4" } },
      ],
    ],
    ["no trailing newline", "a,b\n1,2", [{ line: 2, values: { a: "1", b: "2" } }]],
    ["CRLF", "a,b\r\n1,2\r\n", [{ line: 2, values: { a: "1", b: "2" } }]],
    ["a lone CR", "a,b\r1,2\r", [{ line: 2, values: { a: "1", b: "2" } }]],
    ["a byte order mark", "\uFEFFa,b\n1,2\n", [{ line: 2, values: { a: "1", b: "2" } }]],
    ["quoted commas", 'a,b\n"x, y",2\n', [{ line: 2, values: { a: "x, y", b: "2" } }]],
    ["doubled quotes", 'a,b\n"say ""hi""",""\n', [{ line: 2, values: { a: 'say "hi"', b: "" } }]],
    [
      "newlines inside quotes, counted for later lines",
      'a,b\n"one\ntwo",2\r\n"x\r\ny",3\n4,5\n',
      [
        { line: 2, values: { a: "one\ntwo", b: "2" } },
        { line: 4, values: { a: "x\r\ny", b: "3" } },
        { line: 6, values: { a: "4", b: "5" } },
      ],
    ],
    [
      "blank lines skipped",
      "\na,b\n\n1,2\n  \n\n3,4\n\n",
      [
        { line: 4, values: { a: "1", b: "2" } },
        { line: 7, values: { a: "3", b: "4" } },
      ],
    ],
    ["short rows filled with empty values", "a,b,c\n1\n", [{ line: 2, values: { a: "1", b: "", c: "" } }]],
    ["a row of empty fields kept", "a,b\n,\n", [{ line: 2, values: { a: "", b: "" } }]],
    ["header names trimmed", " a , b\n1,2\n", [{ line: 2, values: { a: "1", b: "2" } }]],
    ["a column named __proto__", "__proto__\nx\n", [{ line: 2, values: { ["__proto__"]: "x" } }]],
  ])("reads %s", (_, text, rows) => {
    expect(parseCsv(text).rows).toEqual(rows);
  });

  it("returns the header and nothing else for an empty file", () => {
    expect(parseCsv("")).toEqual({ header: [], rows: [] });
    expect(parseCsv("id,name\n")).toEqual({ header: ["id", "name"], rows: [] });
  });

  it.each([
    ["an unterminated quote", 'a,b\n1,2\n3,"oops\n4,5\n', 3, "b", /never closes/],
    ["more fields than the header", "a,b\n1,2\n\n1,2,3\n", 4, "field 3", /3 fields but the header has 2/],
    ["text after a closing quote", 'a,b\n"x"y,2\n', 2, "a", /after a closing quote/],
    ["a column named twice", "a,b,a\n", 1, "a", /twice/],
    ["an empty column name", "a,,b\n", 1, "field 2", /empty column name/],
  ])("rejects %s with its line and column", (_, text, line, column, message) => {
    let thrown: unknown;
    try {
      parseCsv(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CsvError);
    expect(thrown).toMatchObject({ line, column, message: expect.stringMatching(message) });
  });

  it("gives back any values after quoting them", () => {
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: width, maxLength: width }), {
            maxLength: 6,
          }),
        ),
        fc.constantFrom("\n", "\r\n"),
        (rows, newline) => {
          const width = rows[0]?.length ?? 1;
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const text = [header, ...rows].map((row) => row.map(quote).join(",")).join(newline) + newline;
          const parsed = parseCsv(text);
          expect(parsed.header).toEqual(header);
          expect(parsed.rows.map((row) => header.map((name) => row.values[name]))).toEqual(rows);
        },
      ),
    );
  });
});

describe("readAssetsCsv", () => {
  const HEADER = "id,name,sector,subsector,operator,lat,lon,population_served,status,owner\n";

  it("maps a row to the engine's input, keeping extra columns as attributes", () => {
    const read = readAssetsCsv(
      `${HEADER}S1,"Substation North, A",energy-electricity,transmission,GridCo,48.85,2.35,12000,operational,state\n`,
    );
    expect(said(read.problems)).toEqual([]);
    expect(read.rows).toEqual([
      {
        line: 2,
        attributes: { owner: "state" },
        value: {
          id: "S1",
          name: "Substation North, A",
          sector: "energy-electricity",
          subsector: "transmission",
          operator: "GridCo",
          lat: 48.85,
          lon: 2.35,
          population: 12000,
          status: "operational",
        },
      },
    ]);
  });

  it("leaves optional values out when empty", () => {
    const read = readAssetsCsv("id,name,sector\nH1,Hospital,health\n");
    expect(read.rows?.[0]?.value).toEqual({
      id: "H1",
      name: "Hospital",
      sector: "health",
      subsector: undefined,
      operator: undefined,
      lat: undefined,
      lon: undefined,
      population: undefined,
      status: undefined,
    });
  });

  it.each([
    ["an empty id", "  ,A,health,,,,,,", "id", /is required/],
    ["an empty name", "A1,,health,,,,,,", "name", /is required/],
    ["an unknown sector", "A1,A,energy,,,,,,", "sector", /"energy" is not a sector: energy-electricity/],
    ["a latitude out of range", "A1,A,health,,,91,0,,", "lat", /from -90 to 90, not 91/],
    ["a longitude out of range", "A1,A,health,,,0,-181,,", "lon", /from -180 to 180/],
    ["lat without lon", "A1,A,health,,,10,,,", "lon", /needed when lat is given/],
    ["lon without lat", "A1,A,health,,,,10,,", "lat", /needed when lon is given/],
    ["a word for a number", "A1,A,health,,,,,many,", "population_served", /"many" is not a number/],
    ["a decimal comma", 'A1,A,health,,,"1,5",1,,', "lat", /use a dot for decimals/],
    ["a negative population", "A1,A,health,,,,,-3,", "population_served", /0 or more, not -3/],
    ["an unknown status", "A1,A,health,,,,,,broken", "status", /"broken" is not a status/],
  ])("reports %s with its line and column", (_, row, column, message) => {
    const read = readAssetsCsv(`${HEADER}\nS1,Fine,energy-electricity,,,,,,\n${row}\n`);
    expect(read.rows).toBeNull();
    expect(said(read.problems)).toEqual([{ line: 4, column, message: expect.stringMatching(message) }]);
  });

  it("collects every problem of every row, and missing columns on line 1", () => {
    const read = readAssetsCsv("id,sector,lat\n,health,x\nB,nowhere,\n");
    expect(said(read.problems)).toEqual([
      { line: 1, column: "name", message: "is missing from the header" },
      { line: 2, column: "id", message: "is required" },
      { line: 2, column: "lat", message: '"x" is not a number' },
      { line: 2, column: "lon", message: "is needed when lat is given" },
      { line: 3, column: "sector", message: expect.stringMatching(/"nowhere" is not a sector/) },
    ]);
  });

  it("stops collecting at 1000 problems", () => {
    const text = `id,name,sector\n${",,\n".repeat(600)}`;
    expect(readAssetsCsv(text).problems).toHaveLength(1000);
  });

  it("reports malformed CSV as one problem", () => {
    expect(said(readAssetsCsv('id,name,sector\nA,"B,health\n').problems)).toEqual([
      { line: 2, column: "name", message: "a quoted field never closes" },
    ]);
  });
});

describe("readDependenciesCsv", () => {
  const HEADER = "dependent_id,supplier_id,service,k,buffer_hours,kind,note\n";

  it("maps a row to the engine's input with defaults left to the engine", () => {
    const read = readDependenciesCsv(`${HEADER}H1,P1,water,,6,physical,tank\nP1,S1,electricity,1,,,\n`);
    expect(read.rows).toEqual([
      {
        line: 2,
        attributes: { note: "tank" },
        value: {
          dependent: "H1",
          supplier: "P1",
          service: "water",
          k: undefined,
          bufferHours: 6,
          kind: "physical",
        },
      },
      {
        line: 3,
        attributes: { note: "" },
        value: {
          dependent: "P1",
          supplier: "S1",
          service: "electricity",
          k: 1,
          bufferHours: undefined,
          kind: undefined,
        },
      },
    ]);
  });

  it.each([
    ["an empty supplier", "H1,,water,,,", "supplier_id", /is required/],
    ["an empty service", "H1,P1,,,,", "service", /is required/],
    ["k of zero", "H1,P1,water,0,,", "k", /whole number of 1 or more, not 0/],
    ["a fractional k", "H1,P1,water,1.5,,", "k", /whole number of 1 or more/],
    ["a word for k", "H1,P1,water,two,,", "k", /"two" is not a number/],
    ["a negative buffer", "H1,P1,water,,-1,", "buffer_hours", /0 or more/],
    ["an unknown kind", "H1,P1,water,,,social", "kind", /"social" is not a kind of dependency/],
  ])("reports %s", (_, row, column, message) => {
    const read = readDependenciesCsv(`${HEADER}${row}\n`);
    expect(said(read.problems)).toEqual([{ line: 2, column, message: expect.stringMatching(message) }]);
  });

  it("names every missing required column", () => {
    expect(said(readDependenciesCsv("dependent_id\nA\n").problems)).toEqual([
      { line: 1, column: "supplier_id", message: "is missing from the header" },
      { line: 1, column: "service", message: "is missing from the header" },
    ]);
  });
});

describe("graphIssueProblems", () => {
  it("names the CSV lines and columns of the engine's issues", () => {
    const assets = readAssetsCsv("id,name,sector\nA,A,health\n\nB,B,health\nA,Again,health\n");
    const dependencies = readDependenciesCsv(
      "dependent_id,supplier_id,service,k\nA,B,water,1\n\nA,C,water,1\nB,A,water,2\n",
    );
    if (!assets.rows || !dependencies.rows) throw new Error("the fixtures should read");
    const built = buildGraph(
      assets.rows.map((row) => row.value),
      dependencies.rows.map((row) => row.value),
    );
    expect(
      graphIssueProblems(built.issues, { assets: assets.rows, dependencies: dependencies.rows }),
    ).toEqual([
      { list: "assets", line: 5, column: "id", message: '"A" appears twice' },
      { list: "dependencies", line: 4, column: "supplier_id", message: 'no asset "C"' },
      {
        list: "dependencies",
        line: 5,
        column: "k",
        message: "needs 2 suppliers of this service but the asset has 1",
      },
    ]);
  });

  it("turns the engine's row numbers into line numbers", () => {
    const problems = graphIssueProblems(
      [
        {
          list: "dependencies",
          index: 1,
          field: "k",
          sentence: { key: "graph.differs", values: { row: 1, value: "1" } },
          message: "differs from row 1 for the same asset and service (1)",
        },
      ],
      { assets: [], dependencies: [{ line: 3 }, { line: 7 }] },
    );
    expect(problems).toEqual([
      {
        list: "dependencies",
        line: 7,
        column: "k",
        message: "differs from line 3 for the same asset and service (1)",
      },
    ]);
  });
});

describe("writeCsv", () => {
  it("quotes what needs quoting and reads back the same", () => {
    const text = writeCsv(
      ["id", "name", "note"],
      [
        ["a,1", 'say "hi"', null],
        ["b", " padded ", 42],
      ],
    );
    expect(text).toBe('id,name,note\r\n"a,1","say ""hi""",\r\nb," padded ",42\r\n');
    expect(parseCsv(text).rows.map((row) => row.values)).toEqual([
      { id: "a,1", name: 'say "hi"', note: "" },
      { id: "b", name: " padded ", note: "42" },
    ]);
  });

  it("keeps every text cell from starting a formula, numbers as numbers, and reads any text back", () => {
    const text = writeCsv(
      ["a", "b"],
      [
        ["=1+1", -3.5],
        ["@x", "+y"],
        ["'-z", "\tq"],
      ],
    );
    for (const line of text.split("\r\n").slice(1, -1))
      for (const cell of line.split(",")) expect(cell).toMatch(/^('|"'|-3\.5$)/);
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (cells) => {
        // A first column that is never empty: a line of one empty cell is a blank line.
        const header = ["key", ...cells.map((_, i) => `c${i}`)];
        const written = writeCsv(header, [["k", ...cells]]);
        const [row] = parseCsv(written).rows;
        expect(header.slice(1).map((name) => row?.values[name])).toEqual(cells);
        for (const cell of cells) expect(/^[=+\-@\t\r]/.test(guardCell(cell))).toBe(false);
      }),
    );
  });
});
