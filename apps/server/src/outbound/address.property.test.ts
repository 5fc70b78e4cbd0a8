// Which addresses the outbound guard refuses: a table of the ranges' edges, and properties over
// random addresses (every address inside a refused IPv4 range is refused in each of its IPv6
// disguises; public addresses pass in every form).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refusalOf } from "./address.ts";

describe("refusalOf", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private network"],
    ["172.16.0.1", "private network"],
    ["172.31.255.255", "private network"],
    ["192.168.1.1", "private network"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "shared (carrier-grade NAT)"],
    ["100.127.255.255", "shared (carrier-grade NAT)"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::10.0.0.1", "private network"],
    ["2002:7f00:1::", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fc00::1", "private network"],
    ["fd12:3456::1", "private network"],
    ["ff02::1", "multicast"],
    ["not an address", "reserved"],
  ])("refuses %s (%s)", (address, reason) => {
    expect(refusalOf(address)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "172.15.255.255",
    "172.32.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
  ])("lets %s through", (address) => {
    expect(refusalOf(address)).toBeNull();
  });

  const octet = fc.integer({ min: 0, max: 255 });
  const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
  /** Every way an IPv4 address can be written as IPv6 that still reaches it. */
  const disguises = ([a, b, c, d]: number[]) => [
    `${a}.${b}.${c}.${d}`,
    `::ffff:${a}.${b}.${c}.${d}`,
    `::ffff:${hex(a ?? 0, b ?? 0)}:${hex(c ?? 0, d ?? 0)}`,
    `0:0:0:0:0:ffff:${hex(a ?? 0, b ?? 0)}:${hex(c ?? 0, d ?? 0)}`,
    `64:ff9b::${a}.${b}.${c}.${d}`,
    `2002:${hex(a ?? 0, b ?? 0)}:${hex(c ?? 0, d ?? 0)}::1`,
  ];

  it("judges an IPv4 address alike in every IPv6 disguise", () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (bytes) => {
        const [plain, ...others] = disguises(bytes).map(refusalOf);
        for (const other of others) expect(other).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses every address of the loopback, private and link-local ranges", () => {
    const inRange = fc.oneof(
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `127.${b}.${c}.${d}`),
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => `172.${b}.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `169.254.${c}.${d}`),
      fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([b, c, d]) => `100.${b}.${c}.${d}`),
    );
    fc.assert(
      fc.property(inRange, (address) => {
        const bytes = address.split(".").map(Number);
        for (const form of disguises(bytes)) expect(refusalOf(form)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
