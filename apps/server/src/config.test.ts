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
