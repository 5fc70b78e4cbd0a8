// `bulwark analyse`: the graph engine on CSV files, with no database, for an analyst's own data.
// Run as compiled JavaScript (ADR 0022): the files are streamed into the graph in chunks
// (NetworkCsvReader); files with problems are read again by the row-by-row readers, which name them.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  ATTACKED,
  buildGraph,
  cascade,
  cascadeTotals,
  criticality,
  criticalityOrder,
  type DependencyGraph,
} from "@bulwark/core/graph";
import {
  type ByteStrings,
  type CsvProblem,
  type CsvRead,
  graphIssueProblems,
  NetworkCsvReader,
  readAssetsCsv,
  readDependenciesCsv,
} from "@bulwark/core/registry";
import { JsonWriter } from "../json-writer.ts";
import { CliError, say, table, warn } from "../output.ts";

const SHOWN_PROBLEMS = 50;
/** Rows shown without --top (and named in the help of `bulwark analyse criticality`). */
export const HUMAN_TOP = 20;
/** Bytes read from a file at a time. */
const CHUNK = 1 << 20;
/**
 * Files up to this size are read in one piece and handed over whole: no record cut between two
 * chunks, so the scanner's general way, which takes such a record, is not met halfway through
 * (where it would cost a deoptimisation), and no bytes are copied to join chunks.
 */
const WHOLE = 1 << 26;

interface FileOptions {
  assets: string;
  dependencies: string;
  json?: boolean;
}

interface Loaded {
  graph: DependencyGraph;
  /** Asset names by index, as the graph numbers them (empty unless asked for). */
  names: readonly string[];
  /** The ids as bytes, when the files were streamed (not after the row-by-row readers). */
  idBytes: ByteStrings | null;
  /** Two assets in the order of their ids, from their bytes (see NetworkRead), or undefined. */
  compareIds: ((a: number, b: number) => number) | undefined;
  /** The index of an asset by id, or -1. */
  indexOfId(id: string): number;
}

function cannotRead(file: string, error: unknown): CliError {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  if (code === "ENOENT") return new CliError(`Cannot read ${file}: no such file.`);
  return new CliError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw cannotRead(file, error);
  }
}

/** The file's bytes, chunk by chunk, into `into` (which keeps none of them). */
function stream(file: string, into: { push(chunk: Uint8Array): void; end(): void }): void {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    const size = fstatSync(fd).size;
    let buffer = new Uint8Array(size > 0 && size <= WHOLE ? size : CHUNK);
    for (;;) {
      let used = 0;
      for (;;) {
        const read = readSync(fd, buffer, used, buffer.length - used, null);
        if (read === 0) break;
        used += read;
        if (used === buffer.length) break;
      }
      if (used > 0) into.push(buffer.subarray(0, used));
      if (used < buffer.length) break;
      // A file that was larger than its size said (or is large): the rest in chunks.
      if (buffer.length !== CHUNK) buffer = new Uint8Array(CHUNK);
    }
    into.end();
  } catch (error) {
    throw cannotRead(file, error);
  } finally {
    closeSync(fd);
  }
}

const toStdout = (chunk: Uint8Array) => {
  process.stdout.write(chunk);
};

/** Reads and checks both files; on any problem, prints them all (file:line: column: message). */
function load(options: FileOptions, names: boolean): Loaded | null {
  const reader = new NetworkCsvReader({ names });
  stream(options.assets, reader.assets);
  if (reader.clean) stream(options.dependencies, reader.dependencies);
  const read = reader.finish();
  if (read)
    return {
      graph: read.graph,
      names: read.names ?? [],
      idBytes: read.idBytes,
      compareIds: read.compareIds ?? undefined,
      indexOfId: read.indexOfId,
    };
  return loadRowByRow(options);
}

/** A problem of a file, in English (the CLI speaks English). */
type Located = Omit<CsvProblem, "sentence"> & { file: string };

/** The files read row by row, every problem named; the graph if there is none after all. */
function loadRowByRow(options: FileOptions): Loaded | null {
  const assets = readAssetsCsv(readText(options.assets));
  const dependencies = readDependenciesCsv(readText(options.dependencies));
  const located = (file: string, read: CsvRead<unknown>) =>
    read.problems.map((problem) => ({ file, ...problem }));
  let problems: Located[] = [
    ...located(options.assets, assets),
    ...located(options.dependencies, dependencies),
  ];
  if (assets.rows && dependencies.rows) {
    const built = buildGraph(
      assets.rows.map((row) => row.value),
      dependencies.rows.map((row) => row.value),
    );
    const { graph } = built;
    if (graph)
      return {
        graph,
        names: assets.rows.map((row) => row.value.name),
        idBytes: null,
        compareIds: undefined,
        indexOfId: (id) => graph.indexOf.get(id) ?? -1,
      };
    problems = graphIssueProblems(built.issues, { assets: assets.rows, dependencies: dependencies.rows }).map(
      (problem) => ({ ...problem, file: problem.list === "assets" ? options.assets : options.dependencies }),
    );
  }
  report(problems);
  return null;
}

function report(problems: Located[]): void {
  for (const problem of problems.slice(0, SHOWN_PROBLEMS))
    warn(`${problem.file}:${problem.line}: ${problem.column}: ${problem.message}`);
  if (problems.length > SHOWN_PROBLEMS) warn(`... and ${problems.length - SHOWN_PROBLEMS} more`);
  process.exitCode = 1;
}

/**
 * `{"id":` and asset a's id as JSON.stringify writes it, then `after`: from the id's bytes when
 * every id is plain printable ASCII (no string made), else from its string.
 */
function jsonId(json: JsonWriter, loaded: Loaded, a: number, first: boolean, after: string): JsonWriter {
  const ids = loaded.idBytes;
  if (ids?.plain)
    return json
      .raw(first ? '{"id":"' : ',{"id":"')
      .bytes(ids.bytes, ids.offsets[a] ?? 0, ids.offsets[a + 1] ?? 0)
      .raw('"')
      .raw(after);
  return json
    .raw(first ? '{"id":' : ',{"id":')
    .string(loaded.graph.ids[a] ?? "")
    .raw(after);
}

/** Asset a's id as a JSON string value (see jsonId). */
function jsonIdValue(json: JsonWriter, loaded: Loaded, a: number): JsonWriter {
  const ids = loaded.idBytes;
  if (ids?.plain)
    return json
      .raw('"')
      .bytes(ids.bytes, ids.offsets[a] ?? 0, ids.offsets[a + 1] ?? 0)
      .raw('"');
  return json.string(loaded.graph.ids[a] ?? "");
}

const asciiBytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const RANK_OPEN = asciiBytes('{"id":"');
const RANK_ASSETS = asciiBytes('","assets":');
const RANK_POPULATION = asciiBytes(',"population":');

/**
 * The ranking as JSON.stringify(rankCriticality(...)) prints it, when every id is plain (its JSON
 * is its bytes between quotes): one loop writing bytes, no string or object per asset (the
 * JsonWriter way, which takes any id, costs about twice as much). Into one buffer, written once,
 * when the text is at most WHOLE bytes long (the loop's optimised code then never meets the
 * writing of a full chunk, which would cost a deoptimisation and a second compilation); beyond,
 * in chunks of that size.
 */
function rankingJson(
  order: Int32Array,
  ids: ByteStrings,
  assets: Int32Array,
  population: Float64Array,
): void {
  const { bytes, offsets } = ids;
  // At most: the ids, 96 bytes of the rest per asset (see `needed`), the brackets and a newline.
  let chunk = new Uint8Array(Math.min(WHOLE, ids.used + 96 * order.length + 3));
  chunk[0] = 0x5b;
  let at = 1;
  for (let i = 0; i < order.length; i++) {
    const a = order[i] ?? 0;
    const from = offsets[a] ?? 0;
    const to = offsets[a + 1] ?? 0;
    // The id, punctuation and keys (32 bytes) and two numbers (at most 24 bytes each, see digits).
    const needed = to - from + 96;
    if (at + needed > chunk.length) {
      toStdout(chunk.subarray(0, at));
      chunk = new Uint8Array(Math.max(WHOLE, needed));
      at = 0;
    }
    if (i > 0) chunk[at++] = 0x2c;
    for (let j = 0; j < RANK_OPEN.length; j++) chunk[at++] = RANK_OPEN[j] ?? 0;
    for (let j = from; j < to; j++) chunk[at++] = bytes[j] ?? 0;
    for (let j = 0; j < RANK_ASSETS.length; j++) chunk[at++] = RANK_ASSETS[j] ?? 0;
    at = digits(chunk, at, assets[a] ?? 0);
    for (let j = 0; j < RANK_POPULATION.length; j++) chunk[at++] = RANK_POPULATION[j] ?? 0;
    at = digits(chunk, at, population[a] ?? 0);
    chunk[at++] = 0x7d;
  }
  chunk[at++] = 0x5d;
  chunk[at++] = 0x0a;
  toStdout(chunk.subarray(0, at));
}

/**
 * The number as JSON.stringify writes it, into chunk at `at` (at most 24 bytes: the longest a
 * number's text can be); where it ends. Whole numbers below 2^32 (and -0, written 0) digit by digit.
 */
function digits(chunk: Uint8Array, at: number, value: number): number {
  if (value >>> 0 !== value) {
    const text = JSON.stringify(value);
    for (let j = 0; j < text.length; j++) chunk[at++] = text.charCodeAt(j);
    return at;
  }
  let rest = value >>> 0;
  let length = 1;
  for (let power = 10; length < 10 && rest >= power; power *= 10) length++;
  let end = at + length;
  const after = end;
  do {
    const next = (rest / 10) >>> 0;
    chunk[--end] = 0x30 + rest - next * 10;
    rest = next;
  } while (rest > 0);
  return after;
}

const people = (count: number) => Math.round(count).toLocaleString("en");
const hoursText = (hours: number) => String(Math.round(hours * 100) / 100);

/** `bulwark analyse cascade`. */
export function failCascade(options: FileOptions & { fail: string }): void {
  const ids = [...new Set(options.fail.split(",").map((id) => id.trim()))].filter(Boolean);
  if (ids.length === 0) throw new CliError("--fail needs at least one asset id.");
  const loaded = load(options, !options.json);
  if (!loaded) return;
  const { graph, names } = loaded;
  const indices = ids.map((id) => loaded.indexOfId(id));
  const unknown = ids.filter((_, i) => (indices[i] ?? -1) < 0);
  if (unknown.length > 0)
    throw new CliError(
      `No asset ${unknown.map((id) => `"${id}"`).join(", ")} in ${options.assets} (--fail takes asset ids).`,
    );
  const result = cascade(graph, indices);
  const totals = cascadeTotals(graph, result);
  if (options.json) {
    const json = new JsonWriter(toStdout).raw('{"failed":[');
    const { order, hours, cause } = result;
    for (let i = 0; i < order.length; i++) {
      jsonId(json, loaded, order[i] ?? 0, i === 0, ',"hours":')
        .number(hours[i] ?? 0)
        .raw(',"cause":');
      const by = cause[i] ?? ATTACKED;
      if (by === ATTACKED) json.raw("null}");
      else jsonIdValue(json, loaded, by).raw("}");
    }
    json.raw(`],"totals":${JSON.stringify(totals)}}\n`).flush();
    return;
  }
  const failed = Array.from(result.order, (asset, i) => {
    const cause = result.cause[i] ?? ATTACKED;
    return {
      asset,
      id: graph.ids[asset] ?? "",
      hours: result.hours[i] ?? 0,
      cause: cause === ATTACKED ? null : (graph.ids[cause] ?? null),
    };
  });
  say(
    `Losing ${ids.join(", ")} takes down ${totals.assets} asset${totals.assets === 1 ? "" : "s"} serving ${people(totals.population)} people.`,
  );
  say();
  say(
    table([
      ["#", "id", "name", "sector", "hours", "cause"],
      ...failed.map((row, i) => [
        String(i + 1),
        row.id,
        names[row.asset] ?? "",
        graph.sectors[row.asset] ?? "",
        hoursText(row.hours),
        row.cause ?? "attacked",
      ]),
    ]),
  );
  say();
  say("By sector:");
  say(
    table([
      ["sector", "assets", "population"],
      ...Object.entries(totals.bySector)
        .sort(([a, x], [b, y]) => y.assets - x.assets || y.population - x.population || a.localeCompare(b))
        .map(([sector, total]) => [sector, String(total.assets), people(total.population)]),
    ]),
  );
  say();
  say("Timeline (cumulative):");
  say(
    table([
      ["hours", "assets", "population"],
      ...totals.timeline.map((step) => [hoursText(step.hours), String(step.assets), people(step.population)]),
    ]),
  );
}

const METHODS = {
  dominators: "exact, from the dominator tree (every asset needs one supplier of one service)",
  sweeps: "exact, one failure sweep per asset (k-of-n redundancy or several services)",
};

/** `bulwark analyse criticality`. */
export function rankAssets(options: FileOptions & { top?: string }): void {
  if (options.top !== undefined && !/^[1-9]\d*$/.test(options.top.trim()))
    throw new CliError("--top must be a whole number of 1 or more.");
  const top = options.top === undefined ? undefined : Number(options.top);
  const loaded = load(options, !options.json);
  if (!loaded) return;
  const { graph, names } = loaded;
  const started = performance.now();
  const result = criticality(graph);
  const took = performance.now() - started;
  const order = criticalityOrder(
    graph,
    result,
    top ?? (options.json ? graph.size : HUMAN_TOP),
    loaded.compareIds,
  );
  if (options.json && loaded.idBytes?.plain) {
    rankingJson(order, loaded.idBytes, result.assets, result.population);
    return;
  }
  if (options.json) {
    // What JSON.stringify(rankCriticality(...)) would print, with no object or string per asset.
    const json = new JsonWriter(toStdout).raw("[");
    for (let i = 0; i < order.length; i++) {
      const a = order[i] ?? 0;
      jsonId(json, loaded, a, i === 0, ',"assets":')
        .number(result.assets[a] ?? 0)
        .raw(',"population":')
        .number(result.population[a] ?? 0)
        .raw("}");
    }
    json.raw("]\n").flush();
    return;
  }
  say(
    table([
      ["rank", "id", "name", "sector", "assets", "population", ""],
      ...Array.from(order, (a, i) => {
        const assets = result.assets[a] ?? 0;
        return [
          String(i + 1),
          graph.ids[a] ?? "",
          names[a] ?? "",
          graph.sectors[a] ?? "",
          String(assets),
          people(result.population[a] ?? 0),
          assets > 1 ? "SPOF" : "",
        ];
      }),
    ]),
  );
  say();
  if (order.length < graph.size)
    say(`The top ${order.length} of ${graph.size} assets (--top N for more, --json for all).`);
  say(
    "assets: how many fail with it, itself included; population: the people they serve; SPOF: its loss alone takes down others.",
  );
  say(`Computed ${METHODS[result.method]}, in ${took < 10 ? took.toFixed(1) : Math.round(took)} ms.`);
}
