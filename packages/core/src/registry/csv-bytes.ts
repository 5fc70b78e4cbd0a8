// RFC 4180 records from bytes, pushed in chunks as a file is read, for files too large to hold as
// text: each record's fields are byte ranges of one buffer, with no string or object per field;
// readers decode only the fields they need. The grammar is parseCsv's (csv.ts), to the byte: a
// leading BOM is dropped; a field is quoted only when it starts with a quote, and "" inside quotes
// is a quote; records end at CRLF, LF, a lone CR or the end; line breaks inside quotes count as
// lines. A record split across chunks is carried over to the next one.
import { unguardCell } from "./csv.ts";

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const APOSTROPHE = 0x27;

/** Field flags: it was quoted; it holds "" (a quote, to be unescaped). */
export const QUOTED = 1;
export const ESCAPED = 2;

/** A file that is not well-formed CSV, where parseCsv would say so: its line and field (0-based). */
export class CsvBytesError extends Error {
  override name = "CsvBytesError";
  constructor(
    readonly line: number,
    readonly field: number,
    message: string,
  ) {
    super(message);
  }
}

/** One record, valid during the callback only: field f is bytes[start[f] .. end[f]). */
export interface CsvFields {
  readonly bytes: Uint8Array;
  /** Physical line (1-based) where the record starts. */
  readonly line: number;
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly flags: Uint8Array;
}

export class CsvByteScanner {
  private carry: Uint8Array = new Uint8Array(0);
  private joined: Uint8Array = new Uint8Array(0);
  private started = false;
  private fields: {
    bytes: Uint8Array;
    line: number;
    count: number;
    start: Int32Array;
    end: Int32Array;
    flags: Uint8Array;
  } = {
    bytes: new Uint8Array(0),
    line: 1,
    count: 0,
    start: new Int32Array(16),
    end: new Int32Array(16),
    flags: new Uint8Array(16),
  };

  /**
   * `onRecord` takes each record. `fast`, when given, is offered each record first, as bytes from
   * `at` (to the end of `data`): it returns where the next record starts once it has taken this
   * one whole (a record of one physical line, ended by LF or CRLF within `data`), or -1, having
   * changed nothing, to leave it to the scanner and `onRecord`.
   */
  constructor(
    private readonly onRecord: (record: CsvFields) => void,
    private readonly fast: ((data: Uint8Array, at: number) => number) | null = null,
  ) {}

  /** More bytes of the file (the scanner keeps no reference to `chunk` after it returns). */
  push(chunk: Uint8Array): void {
    this.scan(chunk, false);
  }

  /** The end of the file: the last record, however it ends. */
  end(): void {
    this.scan(new Uint8Array(0), true);
  }

  private scan(chunk: Uint8Array, final: boolean): void {
    let data = chunk;
    if (this.carry.length > 0) {
      // The record cut at the end of the last chunk, then this chunk, in a buffer kept for that.
      const length = this.carry.length + chunk.length;
      if (this.joined.length < length) this.joined = new Uint8Array(Math.max(length, this.joined.length * 2));
      this.joined.set(this.carry);
      this.joined.set(chunk, this.carry.length);
      data = this.joined.subarray(0, length);
    }
    let from = 0;
    if (!this.started) {
      if (data.length < 3 && !final) {
        this.carry = data.slice();
        return;
      }
      this.started = true;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) from = 3;
    }
    const consumed = this.records(data, from, final);
    this.carry = data.slice(consumed);
  }

  /** Emits every complete record from `from`; returns where the first incomplete one starts. */
  private records(data: Uint8Array, from: number, final: boolean): number {
    const n = data.length;
    const record = this.fields;
    record.bytes = data;
    const fast = this.fast;
    let i = from;
    while (i < n) {
      if (fast !== null) {
        const next = fast(data, i);
        if (next >= 0) {
          record.line += 1;
          i = next;
          continue;
        }
      }
      const recordStart = i;
      let count = 0;
      let breaks = 0;
      for (;;) {
        let start: number;
        let end: number;
        let flags = 0;
        if (data[i] === QUOTE) {
          flags = QUOTED;
          start = i + 1;
          let j = start;
          for (;;) {
            j = data.indexOf(QUOTE, j);
            if (j < 0 || (j + 1 >= n && !final)) {
              if (!final) return recordStart;
              throw new CsvBytesError(record.line, count, "a quoted field never closes");
            }
            if (data[j + 1] !== QUOTE) break;
            flags |= ESCAPED;
            j += 2;
          }
          end = j;
          breaks += lineBreaks(data, start, end);
          i = j + 1;
          const next = data[i];
          if (next !== undefined && next !== COMMA && next !== LF && next !== CR)
            throw new CsvBytesError(
              record.line,
              count,
              "unexpected text after a closing quote (write a quote inside a quoted field as two quotes)",
            );
        } else {
          let j = i;
          while (j < n) {
            const c = data[j] ?? 0;
            if (c <= COMMA && (c === COMMA || c === LF || c === CR)) break;
            j++;
          }
          if (j === n && !final) return recordStart;
          start = i;
          end = j;
          i = j;
        }
        if (count === record.start.length) this.grow();
        record.start[count] = start;
        record.end[count] = end;
        record.flags[count] = flags;
        count += 1;
        if (data[i] !== COMMA) break;
        i += 1;
        if (i === n && !final) return recordStart;
      }
      if (data[i] === CR) {
        if (i + 1 === n && !final) return recordStart;
        i += 1;
      }
      if (data[i] === LF) i += 1;
      record.count = count;
      this.onRecord(record);
      record.line += 1 + breaks;
    }
    return i;
  }

  private grow(): void {
    const size = this.fields.start.length * 2;
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    const flags = new Uint8Array(size);
    start.set(this.fields.start);
    end.set(this.fields.end);
    flags.set(this.fields.flags);
    Object.assign(this.fields, { start, end, flags });
  }
}

/** Line breaks in bytes[start .. end): LF, CRLF and a lone CR each count once. */
function lineBreaks(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === LF || (c === CR && bytes[i + 1] !== LF)) count++;
  }
  return count;
}

// ignoreBOM: a U+FEFF inside the file is a character, as readFileSync's text keeps it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/** JavaScript's String.prototype.trim, for the ASCII bytes it trims: tab, LF, VT, FF, CR, space. */
const isAsciiSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * The value of a field as parseCsv's readers see it (unescaped, unguarded as unguardCell does,
 * trimmed), as a byte range in `bytes`: the file's own bytes when it needs no change beyond
 * trimming ASCII spaces, else re-encoded from the text. `text()` decodes it.
 */
export class CsvCell {
  bytes: Uint8Array = new Uint8Array(0);
  start = 0;
  end = 0;
  private decoded: string | null = null;
  private scratch = new Uint8Array(256);

  /** Reads field f of the record (a missing field reads as empty); returns its length in bytes. */
  read(record: CsvFields, f: number): number {
    this.decoded = null;
    if (f < 0 || f >= record.count) {
      this.start = this.end = 0;
      return 0;
    }
    const bytes = record.bytes;
    let start = record.start[f] ?? 0;
    let end = record.end[f] ?? 0;
    const flags = record.flags[f] ?? 0;
    if ((flags & ESCAPED) === 0 && bytes[start] !== APOSTROPHE) {
      while (start < end && isAsciiSpace(bytes[start] ?? 0)) start++;
      while (end > start && isAsciiSpace(bytes[end - 1] ?? 0)) end--;
      // Other spaces that trim() removes are not ASCII: those values take the way through text.
      if (start === end || ((bytes[start] ?? 0) < 0x80 && (bytes[end - 1] ?? 0) < 0x80)) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        return end - start;
      }
    }
    let text = decoder.decode(bytes.subarray(record.start[f] ?? 0, record.end[f] ?? 0));
    if (flags & ESCAPED) text = text.replaceAll('""', '"');
    text = unguardCell(text).trim();
    this.decoded = text;
    if (this.scratch.length < text.length * 3) this.scratch = new Uint8Array(text.length * 3);
    const written = encoder.encodeInto(text, this.scratch).written;
    this.bytes = this.scratch;
    this.start = 0;
    this.end = written;
    return written;
  }

  text(): string {
    if (this.decoded === null) this.decoded = decodeRange(this.bytes, this.start, this.end);
    return this.decoded;
  }
}

export function decodeRange(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** True when the record is blank for parseCsv: one unquoted field that trims to nothing. */
export function isBlankRecord(record: CsvFields): boolean {
  if (record.count !== 1 || (record.flags[0] ?? 0) !== 0) return false;
  const bytes = record.bytes;
  const end = record.end[0] ?? 0;
  let nonAscii = false;
  for (let i = record.start[0] ?? 0; i < end; i++) {
    const c = bytes[i] ?? 0;
    if (c >= 0x80) nonAscii = true;
    else if (!isAsciiSpace(c)) return false;
  }
  return !nonAscii || decoder.decode(bytes.subarray(record.start[0] ?? 0, end)).trim() === "";
}
