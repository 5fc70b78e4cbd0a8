// Byte strings numbered in the order they are added, found again without making a string: asset
// ids looked up for every dependency row, services, and the words of a vocabulary. Open
// addressing on an FNV-1a hash; the keys' bytes are kept side by side in one buffer.

// ignoreBOM: a U+FEFF inside the file is a character, as readFileSync's text keeps it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Byte strings side by side in one buffer, made into strings all at once at the end. */
export class ByteStrings {
  bytes = new Uint8Array(1024);
  used = 0;
  offsets = new Int32Array(1025);
  size = 0;
  /** Every byte so far is ASCII. */
  ascii = true;
  /**
   * Every byte so far is printable ASCII other than a quote and a backslash: each string, in JSON,
   * is its own bytes between quotes (what JSON.stringify writes).
   */
  plain = true;

  push(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.used + length > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + length));
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    for (let i = start; i < end; i++) {
      const c = bytes[i] ?? 0;
      if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
        this.plain = false;
        if (c >= 0x80) this.ascii = false;
      }
      this.bytes[this.used++] = c;
    }
    if (this.size + 2 > this.offsets.length) this.offsets = grown(this.offsets);
    this.size += 1;
    this.offsets[this.size] = this.used;
  }

  /**
   * Strings a and b compared by their bytes: -1, 0 or 1. Byte order is JavaScript's order of
   * the strings (UTF-16 code units) while every byte is ASCII; callers check `ascii`.
   */
  compare(a: number, b: number): number {
    const { bytes, offsets } = this;
    let i = offsets[a] ?? 0;
    let j = offsets[b] ?? 0;
    const iEnd = offsets[a + 1] ?? 0;
    const jEnd = offsets[b + 1] ?? 0;
    while (i < iEnd && j < jEnd) {
      const x = bytes[i++] ?? 0;
      const y = bytes[j++] ?? 0;
      if (x !== y) return x < y ? -1 : 1;
    }
    return i < iEnd ? 1 : j < jEnd ? -1 : 0;
  }

  /** Every string, in order: one decoding when they are all ASCII (each a slice of it). */
  strings(): string[] {
    const { bytes, offsets, size } = this;
    const strings: string[] = new Array(size);
    if (this.ascii) {
      const all = decoder.decode(bytes.subarray(0, this.used));
      for (let i = 0; i < size; i++) strings[i] = all.slice(offsets[i] ?? 0, offsets[i + 1] ?? 0);
    } else
      for (let i = 0; i < size; i++)
        strings[i] = decoder.decode(bytes.subarray(offsets[i] ?? 0, offsets[i + 1] ?? 0));
    return strings;
  }
}

/** Per slot: the key's number + 1 (0: empty), its hash, where its bytes start and end. */
const SLOT = 4;

export class ByteTable {
  /** The keys' bytes, by number. */
  readonly keys = new ByteStrings();
  // Everything a probe compares sits in its slot: one cache miss for the slot, one for the bytes.
  private slots = new Int32Array(64 * SLOT);
  private capacity = 64;
  size = 0;

  /** A table of these words (for a vocabulary), numbered in their order. */
  static of(words: readonly string[]): ByteTable {
    const table = new ByteTable();
    const encoder = new TextEncoder();
    for (const word of words) {
      const bytes = encoder.encode(word);
      table.add(bytes, 0, bytes.length);
    }
    return table;
  }

  /** The number of bytes[start .. end), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.findHashed(hashOf(bytes, start, end), bytes, start, end);
  }

  /** find, with the bytes' hash already made (finishHash of the FNV-1a steps, see hashOf). */
  findHashed(hash: number, bytes: Uint8Array, start: number, end: number): number {
    const slot = this.probe(hash, bytes, start, end);
    return (this.slots[slot * SLOT] ?? 0) - 1;
  }

  /** Adds bytes[start .. end) and returns its number, or -1 - the number it already has. */
  add(bytes: Uint8Array, start: number, end: number): number {
    return this.addHashed(hashOf(bytes, start, end), bytes, start, end);
  }

  /** add, with the bytes' hash already made (see findHashed). */
  addHashed(hash: number, bytes: Uint8Array, start: number, end: number): number {
    if ((this.size + 1) * 2 > this.capacity) this.rehash();
    const slot = this.probe(hash, bytes, start, end);
    const found = (this.slots[slot * SLOT] ?? 0) - 1;
    if (found >= 0) return -1 - found;
    const key = this.size;
    const from = this.keys.used;
    this.keys.push(bytes, start, end);
    const at = slot * SLOT;
    this.slots[at] = key + 1;
    this.slots[at + 1] = hash;
    this.slots[at + 2] = from;
    this.slots[at + 3] = this.keys.used;
    this.size += 1;
    return key;
  }

  /** The slot holding these bytes, or the empty slot where they would go. */
  private probe(hash: number, bytes: Uint8Array, start: number, end: number): number {
    const { slots } = this;
    const keys = this.keys.bytes;
    const length = end - start;
    const mask = this.capacity - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      if (slots[at] === 0) return slot;
      if (slots[at + 1] !== hash) continue;
      const from = slots[at + 2] ?? 0;
      if ((slots[at + 3] ?? 0) - from !== length) continue;
      let i = 0;
      while (i < length && keys[from + i] === bytes[start + i]) i++;
      if (i === length) return slot;
    }
  }

  /** True when key number `key` is bytes[start .. end) (cheaper than find when it is a guess). */
  is(key: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (key < 0 || key >= this.size) return false;
    const { offsets, bytes: keys } = this.keys;
    const from = offsets[key] ?? 0;
    if ((offsets[key + 1] ?? 0) - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (keys[from + i] !== bytes[start + i]) return false;
    return true;
  }

  /** The keys as strings, by number. */
  strings(): string[] {
    return this.keys.strings();
  }

  private rehash(): void {
    const old = this.slots;
    this.capacity *= 4;
    const slots = new Int32Array(this.capacity * SLOT);
    const mask = this.capacity - 1;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at] === 0) continue;
      let slot = (old[at + 1] ?? 0) & mask;
      while (slots[slot * SLOT] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(at, at + SLOT), slot * SLOT);
    }
    this.slots = slots;
  }
}

/** The FNV-1a basis and prime: a caller hashing bytes as it scans them starts at FNV_BASIS and
 * steps `hash = Math.imul(hash ^ byte, FNV_PRIME)`, then calls finishHash. */
// As a signed 32-bit integer, the type of every later step (a small integer to V8, not a double).
export const FNV_BASIS = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_BASIS;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] ?? 0), FNV_PRIME);
  return finishHash(hash);
}

/** The table's hash from the FNV-1a steps over the bytes (see FNV_BASIS). */
export function finishHash(fnv: number): number {
  let hash = fnv;
  // Murmur3's finaliser: every bit of the hash reaches the low ones the table uses.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) & 0x7fffffff;
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
