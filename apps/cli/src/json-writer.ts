// JSON written straight into bytes, for outputs of a million rows (`bulwark analyse ... --json`):
// the same text JSON.stringify gives, without a string or an object per row. Chunks of a megabyte
// go to `sink` as they fill; a chunk is never reused after it is handed over.
const CHUNK = 1 << 20;
const encoder = new TextEncoder();

export class JsonWriter {
  private buffer = new Uint8Array(CHUNK);
  private used = 0;

  constructor(private readonly sink: (chunk: Uint8Array) => void) {}

  /** Text written as it is (JSON punctuation, keys). */
  raw(text: string): this {
    if (this.used + text.length * 3 > this.buffer.length) this.flush(text.length * 3);
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      this.buffer[this.used++] = c;
    }
    if (i < text.length)
      this.used += encoder.encodeInto(text.slice(i), this.buffer.subarray(this.used)).written;
    return this;
  }

  /**
   * Bytes written as they are: a string's UTF-8 when the caller knows it needs no escaping (printable
   * ASCII, no quote or backslash), between the quotes it writes with `raw`.
   */
  bytes(source: Uint8Array, start: number, end: number): this {
    const length = end - start;
    if (this.used + length > this.buffer.length) this.flush(length);
    const buffer = this.buffer;
    let at = this.used;
    for (let i = start; i < end; i++) buffer[at++] = source[i] ?? 0;
    this.used = at;
    return this;
  }

  /** A string value, quoted and escaped as JSON.stringify does. */
  string(text: string): this {
    const length = text.length;
    if (this.used + length + 2 > this.buffer.length) this.flush(length + 2);
    // Printable ASCII with no quote or backslash, the common case, is its own bytes: one pass.
    const buffer = this.buffer;
    let at = this.used;
    buffer[at++] = 0x22;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x7f) return this.escaped(text);
      buffer[at++] = c;
    }
    buffer[at++] = 0x22;
    this.used = at;
    return this;
  }

  /** A string with something beyond printable ASCII (what `string` began is written over). */
  private escaped(text: string): this {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Quotes, backslashes, control characters and surrogates are escaped (or checked) by JSON.
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff))
        return this.raw(JSON.stringify(text));
    }
    return this.raw('"').raw(text).raw('"');
  }

  /** A number, as JSON.stringify writes it (null for NaN and infinities). */
  number(value: number): this {
    // A whole number below 2^32 (or -0, which JSON.stringify writes as 0), in integer arithmetic.
    if (value >>> 0 === value) {
      if (this.used + 10 > this.buffer.length) this.flush(10);
      let rest = value >>> 0;
      let digits = 1;
      for (let power = 10; digits < 10 && rest >= power; power *= 10) digits++;
      let at = this.used + digits;
      this.used = at;
      do {
        const next = (rest / 10) >>> 0;
        this.buffer[--at] = 0x30 + rest - next * 10;
        rest = next;
      } while (rest > 0);
      return this;
    }
    if (!Number.isSafeInteger(value) || value < 0) return this.raw(JSON.stringify(value));
    if (this.used + 16 > this.buffer.length) this.flush(16);
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.used + digits;
    this.used = at;
    let rest = value;
    do {
      this.buffer[--at] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    return this;
  }

  /** Hands over what is written so far, and makes room for `needed` more bytes. */
  flush(needed = 0): void {
    if (this.used > 0) this.sink(this.buffer.subarray(0, this.used));
    this.buffer = new Uint8Array(Math.max(CHUNK, needed));
    this.used = 0;
  }
}
