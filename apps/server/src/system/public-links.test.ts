// Links that leave the server (the Atom feed, CAP messages, TAXII discovery) name the configured
// public address, or the server's own listening address: never what a request's Host or
// X-Forwarded-Host says, which anyone can write.
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

const POISON = {
  host: "evil.example",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-for": "192.0.2.66",
};
const parser = new XMLParser({ ignoreAttributes: false });
const TAXII = "application/taxii+json;version=2.1";
const basic = `Basic ${Buffer.from(`member@grid.example:${PASSWORD}`).toString("base64")}`;

async function linksOf(server: TestServer, remoteAddress = "127.0.0.1") {
  const atom = await server.inject({
    method: "GET",
    url: "/api/cap/alerts.atom",
    headers: POISON,
    remoteAddress,
  });
  const feed = parser.parse(atom.body).feed;
  const discovery = await server.inject({
    method: "GET",
    url: "/taxii2/",
    headers: { ...POISON, accept: TAXII, authorization: basic },
    remoteAddress,
  });
  return {
    atom: atom.body,
    feedId: String(feed.id),
    author: String(feed.author.name),
    discovery: discovery.body,
  };
}

describe("with BULWARK_PUBLIC_URL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      config: { publicUrl: "https://bulwark.example.gov", trustedProxies: ["10.0.0.1"] },
    });
  });
  afterAll(() => server.close());

  it("links name the public address, whatever Host and X-Forwarded-Host say", async () => {
    const links = await linksOf(server);
    expect(links.feedId).toBe("https://bulwark.example.gov/api/cap/alerts.atom");
    expect(links.author).toBe("Bulwark at bulwark.example.gov");
    expect(JSON.parse(links.discovery).api_roots).toEqual(["https://bulwark.example.gov/taxii2/api/"]);
    expect(links.atom + links.discovery).not.toContain("evil.example");
  });

  it("even when the poisoned headers come through a trusted proxy", async () => {
    const links = await linksOf(server, "10.0.0.1");
    expect(links.feedId).toBe("https://bulwark.example.gov/api/cap/alerts.atom");
    expect(links.atom + links.discovery).not.toContain("evil.example");
  });
});

describe("without BULWARK_PUBLIC_URL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("links name the server's own listening address, never a header", async () => {
    const links = await linksOf(server);
    expect(links.feedId).toBe("http://localhost:8080/api/cap/alerts.atom");
    expect(JSON.parse(links.discovery).api_roots).toEqual(["http://localhost:8080/taxii2/api/"]);
    expect(links.atom + links.discovery).not.toContain("evil.example");
  });
});
