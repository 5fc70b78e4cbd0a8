// The public address (BULWARK_PUBLIC_URL): what CAP links and the CAP sender name.
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config.ts";

describe("BULWARK_PUBLIC_URL", () => {
  it("is absent by default: links follow each request's Host", () => {
    expect(readConfig({}).publicUrl).toBeNull();
  });

  it("keeps only the origin of an http(s) address", () => {
    expect(readConfig({ BULWARK_PUBLIC_URL: "https://bulwark.example.gov/some/path?x=1" }).publicUrl).toBe(
      "https://bulwark.example.gov",
    );
    expect(readConfig({ BULWARK_PUBLIC_URL: "http://10.0.0.5:8080" }).publicUrl).toBe("http://10.0.0.5:8080");
  });

  it("refuses anything else, with the variable's name", () => {
    for (const value of ["bulwark.example.gov", "ftp://bulwark.example.gov", "https://"])
      expect(() => readConfig({ BULWARK_PUBLIC_URL: value })).toThrow(ConfigError);
    expect(() => readConfig({ BULWARK_PUBLIC_URL: "nonsense" })).toThrow(/BULWARK_PUBLIC_URL/);
  });
});

describe("BULWARK_OUTBOUND_ALLOW", () => {
  it("is empty by default: no private address is reachable", () => {
    expect(readConfig({}).outboundAllow).toEqual([]);
  });

  it("reads hosts with and without a port, IPv6 in brackets, names in lower case", () => {
    expect(
      readConfig({ BULWARK_OUTBOUND_ALLOW: " Taxii.Internal:8443, 10.0.0.5 ,[::1]:9000,127.0.0.1:80" })
        .outboundAllow,
    ).toEqual([
      { host: "taxii.internal", port: 8443 },
      { host: "10.0.0.5", port: null },
      { host: "[::1]", port: 9000 },
      { host: "127.0.0.1", port: 80 },
    ]);
  });

  it("refuses anything but host or host:port, with the variable's name", () => {
    for (const value of [
      "https://hub.example",
      "hub.example/path",
      "a@hub.example",
      "hub.example:99999",
      ",",
    ])
      expect(() => readConfig({ BULWARK_OUTBOUND_ALLOW: value })).toThrow(/BULWARK_OUTBOUND_ALLOW/);
  });
});
