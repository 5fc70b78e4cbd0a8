// The public address (BULWARK_PUBLIC_URL): what CAP links and the CAP sender name; the trusted
// proxies (BULWARK_TRUSTED_PROXIES); the absolute session lifetime (BULWARK_SESSION_MAX_DAYS); the
// e-mail server (BULWARK_SMTP_URL, BULWARK_MAIL_FROM).
import { describe, expect, it } from "vitest";
import { ConfigError, linkOrigin, readConfig } from "./config.ts";

describe("BULWARK_PUBLIC_URL", () => {
  it("is absent by default: links name the listening address, never a request's Host", () => {
    expect(readConfig({}).publicUrl).toBeNull();
    expect(linkOrigin(readConfig({}))).toBe("http://localhost:8080");
    expect(linkOrigin(readConfig({ HOST: "0.0.0.0", PORT: "9000" }))).toBe("http://localhost:9000");
    expect(linkOrigin(readConfig({ HOST: "10.1.2.3" }), 8443)).toBe("http://10.1.2.3:8443");
    expect(linkOrigin(readConfig({ BULWARK_PUBLIC_URL: "https://b.example.gov" }), 1)).toBe(
      "https://b.example.gov",
    );
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

describe("BULWARK_TRUSTED_PROXIES", () => {
  it("is empty by default: no forwarded header is believed", () => {
    expect(readConfig({}).trustedProxies).toEqual([]);
  });

  it("takes addresses, CIDR ranges and the named ranges, separated by commas", () => {
    expect(
      readConfig({ BULWARK_TRUSTED_PROXIES: "10.0.0.1, 192.168.0.0/16,loopback,fd00::/8" }).trustedProxies,
    ).toEqual(["10.0.0.1", "192.168.0.0/16", "loopback", "fd00::/8"]);
  });

  it("refuses anything else, with the variable's name", () => {
    for (const value of ["*", "proxy.example", "10.0.0.0/33", "10.0.0.1/8/1", "true"])
      expect(() => readConfig({ BULWARK_TRUSTED_PROXIES: value }), value).toThrow(/BULWARK_TRUSTED_PROXIES/);
  });
});

describe("BULWARK_SESSION_MAX_DAYS", () => {
  it("is 7 days by default, 1 to 90", () => {
    expect(readConfig({}).sessionMaxDays).toBe(7);
    expect(readConfig({ BULWARK_SESSION_MAX_DAYS: "1" }).sessionMaxDays).toBe(1);
    expect(() => readConfig({ BULWARK_SESSION_MAX_DAYS: "0" })).toThrow(ConfigError);
    expect(() => readConfig({ BULWARK_SESSION_MAX_DAYS: "91" })).toThrow(/BULWARK_SESSION_MAX_DAYS/);
  });
});

describe("BULWARK_FEDERATION_K", () => {
  it("is 5 by default, 3 to 1000", () => {
    expect(readConfig({}).federationK).toBe(5);
    expect(readConfig({ BULWARK_FEDERATION_K: "3" }).federationK).toBe(3);
    expect(() => readConfig({ BULWARK_FEDERATION_K: "2" })).toThrow(/BULWARK_FEDERATION_K/);
    expect(() => readConfig({ BULWARK_FEDERATION_K: "1001" })).toThrow(ConfigError);
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

describe("BULWARK_DB_*_MS (PostgreSQL timeouts)", () => {
  it("default to limits no request or import reaches, and take milliseconds", () => {
    expect(readConfig({}).databaseTimeouts).toEqual({
      connectMs: 5000,
      answerMs: 2000,
      statementMs: 30000,
      idleInTransactionMs: 60000,
    });
    const set = readConfig({
      BULWARK_DB_CONNECT_TIMEOUT_MS: "1000",
      BULWARK_DB_ANSWER_TIMEOUT_MS: "500",
      BULWARK_DB_STATEMENT_TIMEOUT_MS: "0",
      BULWARK_DB_IDLE_TRANSACTION_TIMEOUT_MS: "120000",
    }).databaseTimeouts;
    expect(set).toEqual({ connectMs: 1000, answerMs: 500, statementMs: 0, idleInTransactionMs: 120000 });
  });

  it("refuses what is not a whole number in range, with the variable's name", () => {
    expect(() => readConfig({ BULWARK_DB_ANSWER_TIMEOUT_MS: "2s" })).toThrow(/BULWARK_DB_ANSWER_TIMEOUT_MS/);
    expect(() => readConfig({ BULWARK_DB_CONNECT_TIMEOUT_MS: "0" })).toThrow(ConfigError);
    expect(() => readConfig({ BULWARK_DB_STATEMENT_TIMEOUT_MS: "-1" })).toThrow(ConfigError);
  });
});

describe("BULWARK_SMTP_URL and BULWARK_MAIL_FROM", () => {
  it("are unset by default: no e-mail, a From that names Bulwark", () => {
    expect(readConfig({}).smtpUrl).toBeNull();
    expect(readConfig({}).mailFrom).toBe("Bulwark <bulwark@localhost>");
  });

  it("take smtp:// and smtps:// addresses, with or without credentials", () => {
    for (const value of [
      "smtp://mail.example.gov:587",
      "smtps://user:secret@10.0.0.25:465",
      "smtp://[::1]:25",
    ])
      expect(readConfig({ BULWARK_SMTP_URL: value }).smtpUrl).toBe(value);
    expect(readConfig({ BULWARK_MAIL_FROM: "Bulwark <noreply@bulwark.example.gov>" }).mailFrom).toBe(
      "Bulwark <noreply@bulwark.example.gov>",
    );
    expect(readConfig({ BULWARK_MAIL_FROM: "noreply@bulwark.example.gov" }).mailFrom).toBe(
      "noreply@bulwark.example.gov",
    );
  });

  it("refuse anything else, naming the variable but never echoing a password", () => {
    for (const value of ["http://mail.example.gov", "mail.example.gov:25", "smtp://", "smtp://h/path"])
      expect(() => readConfig({ BULWARK_SMTP_URL: value })).toThrow(/BULWARK_SMTP_URL/);
    const message = (() => {
      try {
        readConfig({ BULWARK_SMTP_URL: "https://user:hunter2secret@mail.example.gov" });
        return "";
      } catch (error) {
        return String(error);
      }
    })();
    expect(message).toMatch(/BULWARK_SMTP_URL/);
    expect(message).not.toContain("hunter2secret");
    for (const value of ["nobody", "a@b\r\nBcc: x@y", "Name <not an address>"])
      expect(() => readConfig({ BULWARK_MAIL_FROM: value })).toThrow(/BULWARK_MAIL_FROM/);
  });
});
