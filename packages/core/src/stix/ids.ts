// Deterministic STIX ids: a UUIDv5 (RFC 9562, SHA-1 of a namespace and a name) per Bulwark record,
// so exporting the same record twice gives the same id and a newer `modified` marks a new version.
// SHA-1 is written out here because core takes no crypto from the platform; it serves as a name
// hash for ids, never for security.

/** Bulwark's namespace for the UUIDv5 of its STIX objects (fixed forever: changing it renames every object). */
export const BULWARK_STIX_NAMESPACE = "3ca79802-41ac-47bf-8e8a-90cdc0be1f8e";

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
/** The message schedule, reused by every call (sha1 runs to completion, synchronously). */
const schedule = new Uint32Array(80);

function sha1(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor((length * 8) / 2 ** 32));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = schedule;
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 80; i++)
      w[i] = rotl(
        (w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number),
        1,
      );
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    // Plain numbers in the rounds (no pair made per round: this runs for every STIX id exported).
    for (let i = 0; i < 80; i++) {
      const f =
        i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const t = (rotl(a, 5) + f + e + k + (w[i] as number)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, h0);
  outView.setUint32(4, h1);
  outView.setUint32(8, h2);
  outView.setUint32(12, h3);
  outView.setUint32(16, h4);
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** The last namespace's 16 bytes (Bulwark uses one), read from its text once. */
let lastNamespace: { text: string; bytes: Uint8Array } | null = null;

function namespaceBytes(namespace: string): Uint8Array {
  if (lastNamespace?.text === namespace) return lastNamespace.bytes;
  if (!UUID.test(namespace)) throw new Error("The namespace is not a UUID.");
  const hex = namespace.replaceAll("-", "");
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  lastNamespace = { text: namespace, bytes };
  return bytes;
}

/** The UUIDv5 of `name` in `namespace` (RFC 9562, section 5.5). */
export function uuidV5(namespace: string, name: string): string {
  const nameBytes = encoder.encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(namespaceBytes(namespace));
  input.set(nameBytes, 16);
  const hash = sha1(input);
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  let out = "";
  for (let i = 0; i < 16; i++) out += HEX[hash[i] as number];
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}

/** The STIX id of a Bulwark record exported as `type` (`kind` tells records of one table apart). */
export const stixIdOf = (type: string, kind: string, recordId: string): string =>
  `${type}--${uuidV5(BULWARK_STIX_NAMESPACE, `${kind}:${recordId}`)}`;

/** A STIX timestamp: RFC 3339 in UTC with exactly millisecond precision. */
export function stixTimestamp(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`Not a timestamp: ${String(value)}`);
  return date.toISOString();
}

/** The later of two STIX timestamps (they compare as text). */
export const laterTimestamp = (a: string, b: string): string => (a > b ? a : b);
