// Which IP addresses the server refuses to connect to on a user's behalf (SSRF): everything that is
// not the public internet. Pure: bytes in, a reason out. IPv6 forms that carry an IPv4 address
// (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address.
import { isIP } from "node:net";

/** 4, 6, or 0 for text that is no IP address (node:net's isIP, for code that may not import node:net). */
export const ipFamily = (text: string): number => isIP(text);

/** Why an address is refused, as a person reads it; null when it is a public address. */
export type Refusal =
  | "loopback"
  | "private network"
  | "link-local"
  | "unspecified"
  | "multicast"
  | "shared (carrier-grade NAT)"
  | "reserved";

type Range = readonly [prefix: readonly number[], bits: number, reason: Refusal];

const V4: readonly Range[] = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private network"],
  [[100, 64, 0, 0], 10, "shared (carrier-grade NAT)"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"],
  [[172, 16, 0, 0], 12, "private network"],
  [[192, 0, 0, 0], 24, "reserved"],
  [[192, 168, 0, 0], 16, "private network"],
  [[198, 18, 0, 0], 15, "reserved"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[240, 0, 0, 0], 4, "reserved"],
];

const V6: readonly Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 128, "unspecified"],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback"],
  // IPv4-compatible (deprecated) and other forms under ::/96 that reach nothing public.
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96, "reserved"],
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, "reserved"],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "private network"],
  // Teredo tunnels hide the address they reach.
  [[0x20, 0x01, 0x00, 0x00], 32, "reserved"],
  [[0xfc], 7, "private network"],
  [[0xfe, 0x80], 10, "link-local"],
  [[0xfe, 0xc0], 10, "private network"],
  [[0xff], 8, "multicast"],
];

function within(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const index = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(address: string): number[] {
  return address.split(".").map(Number);
}

/** The 16 bytes of an IPv6 address (already known valid), a trailing dotted IPv4 part included. */
function v6Bytes(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (dotted?.[1]) {
    tail = v4Bytes(dotted[1]);
    text = text.slice(0, -dotted[1].length);
    text = text.endsWith("::") ? text : text.replace(/:$/, "");
  }
  const groupsWanted = (16 - tail.length) / 2;
  const [head = "", rest] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const middle =
    rest === undefined ? [] : Array.from({ length: groupsWanted - left.length - right.length }, () => "0");
  const groups = [...left, ...middle, ...right].map((group) => Number.parseInt(group || "0", 16));
  return [...groups.flatMap((group) => [group >> 8, group & 0xff]), ...tail];
}

function judge(bytes: readonly number[], ranges: readonly Range[]): Refusal | null {
  for (const [prefix, bits, reason] of ranges) if (within(bytes, prefix, bits)) return reason;
  return null;
}

/** Why the server must not connect to `address` (an IPv4 or IPv6 literal), or null if it may. */
export function refusalOf(address: string): Refusal | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const family = isIP(bare.replace(/%.*$/, ""));
  if (family === 4) return judge(v4Bytes(bare), V4);
  if (family !== 6) return "reserved";
  const bytes = v6Bytes(bare);
  // Forms that carry an IPv4 address are as good as that address.
  const mapped = within(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96);
  const nat64 = within(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96);
  if (mapped || nat64) return judge(bytes.slice(12), V4);
  if (within(bytes, [0x20, 0x02], 16)) return judge(bytes.slice(2, 6), V4);
  return judge(bytes, V6);
}
