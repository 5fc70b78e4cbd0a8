// Alerts as CAP 1.2 messages: every message written here is checked against the OASIS CAP 1.2
// schema shipped in ./schema (libxml2's xmllint, compiled to WebAssembly; no network).
import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { XML_FORBIDDEN } from "../xml/xml.ts";
import { atomXml } from "./atom.ts";
import {
  type CapSource,
  capCircle,
  capDateTime,
  capMessages,
  capPolygon,
  capXml,
  currentCapMessage,
} from "./message.ts";
import { assetCircles, defaultWarning, hasExpired } from "./warning.ts";

const SCHEMA = {
  fileName: "CAP-v1.2.xsd",
  contents: readFileSync(new URL("./schema/CAP-v1.2.xsd", import.meta.url), "utf8"),
};

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: "alert.xml", contents: xml }], schema: [SCHEMA] });
  return result.valid ? [] : result.errors.map((error) => error.message);
}

const ID = "0b7c2f7e-4a59-4d8e-9a43-5b0c1a8c2f10";

const source = (change: Partial<CapSource> = {}): CapSource => ({
  itemId: ID,
  title: "Drones over substations <north-west> & coast",
  publicBody: "Operators report drones at night. Call [person-3fa1] for details.",
  tlp: "clear",
  status: "published",
  organisationName: "National CIP Authority",
  warning: {
    categories: ["Security", "Infra"],
    event: "Drone overflight",
    urgency: "Expected",
    severity: "Moderate",
    certainty: "Observed",
    instruction: "Review camera footage; report sightings.",
    expires: "2026-12-01T18:00:00.000Z",
    language: "en",
    area: {
      description: "North-west transmission substations",
      fromAssets: true,
      assetRadiusKm: 2,
      polygons: [],
      circles: [],
    },
  },
  assets: [{ lat: 41.5, lon: 12.25, marking: "clear" }],
  sent: ["2026-11-24T10:00:00.123Z"],
  sender: "bulwark.example.org",
  web: "https://bulwark.example.org/sharing/items/0b7c2f7e-4a59-4d8e-9a43-5b0c1a8c2f10",
  ...change,
});

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, isArray: () => false }).parse(xml);

describe("CAP 1.2 messages of alerts", () => {
  it("writes a CLEAR alert as a public Alert with a circle per asset, valid against the schema", async () => {
    const message = currentCapMessage(source());
    if (!message) throw new Error("no message");
    const xml = capXml(message);
    expect(await schemaErrors(xml)).toEqual([]);
    const { alert } = parse(xml);
    expect(alert["@_xmlns"]).toBe("urn:oasis:names:tc:emergency:cap:1.2");
    expect(alert.identifier).toBe(`bulwark-alert-${ID}-1`);
    expect(alert.sent).toBe("2026-11-24T10:00:00+00:00");
    expect([alert.status, alert.msgType, alert.scope]).toEqual(["Actual", "Alert", "Public"]);
    expect(alert.restriction).toBeUndefined();
    expect(alert.references).toBeUndefined();
    expect(alert.info.area.circle).toBe("41.5,12.25 2");
    expect(alert.info.expires).toBe("2026-12-01T18:00:00+00:00");
    // Text is escaped, not markup: the title keeps its < and &.
    expect(alert.info.headline).toBe("Drones over substations <north-west> & coast");
    expect(xml).toContain("&lt;north-west&gt; &amp; coast");
  });

  it("writes drawn polygons (closed) and circles, and several assets", async () => {
    const warning = source().warning;
    const message = currentCapMessage(
      source({
        warning: {
          ...warning,
          area: {
            ...warning.area,
            polygons: [
              [
                { lat: 41, lon: 12 },
                { lat: 41.2, lon: 12.4 },
                { lat: 40.9, lon: 12.6 },
              ],
            ],
            circles: [{ lat: 40.5, lon: -3.25, radiusKm: 0.5 }],
          },
        },
        assets: [
          { lat: 41.5, lon: 12.25, marking: "clear" },
          { lat: -33.86, lon: 151.2, marking: "clear" },
          { lat: null, lon: null, marking: "clear" },
        ],
      }),
    );
    if (!message) throw new Error("no message");
    const xml = capXml(message);
    expect(await schemaErrors(xml)).toEqual([]);
    const area = new XMLParser({ isArray: (name) => name === "circle" }).parse(xml).alert.info.area;
    expect(area.polygon).toBe("41,12 41.2,12.4 40.9,12.6 41,12");
    expect(area.circle).toEqual(["40.5,-3.25 0.5", "41.5,12.25 2", "-33.86,151.2 2"]);
  });

  it("leaves out instruction and expires when the author gave none", async () => {
    const message = currentCapMessage(
      source({ warning: { ...defaultWarning("A plain alert"), expires: null } }),
    );
    if (!message) throw new Error("no message");
    const xml = capXml(message);
    expect(await schemaErrors(xml)).toEqual([]);
    const { info } = parse(xml).alert;
    expect(info.instruction).toBeUndefined();
    expect(info.expires).toBeUndefined();
    expect([info.urgency, info.severity, info.certainty]).toEqual(["Unknown", "Unknown", "Unknown"]);
  });

  // Finding 12 of issue 12: a control character in a CLEAR alert's title made the message malformed.
  it("stays well-formed (and valid) whatever characters the author typed", async () => {
    const typed = "Gas\u0007leak\u0000 at \u001bgate\uFFFF \uD800 4";
    const warning = source().warning;
    const message = currentCapMessage(
      source({
        title: typed,
        publicBody: typed,
        warning: {
          ...warning,
          event: typed,
          instruction: typed,
          area: { ...warning.area, description: typed },
        },
      }),
    );
    if (!message) throw new Error("no message");
    const xml = capXml(message);
    expect(await schemaErrors(xml)).toEqual([]);
    expect(parse(xml).alert.info.headline).toBe("Gas\uFFFDleak\uFFFD at \uFFFDgate\uFFFD \uFFFD 4");
  });

  it("restricts a non-CLEAR alert and states the TLP rule", async () => {
    const message = currentCapMessage(source({ tlp: "amber" }));
    if (!message) throw new Error("no message");
    const xml = capXml(message);
    expect(await schemaErrors(xml)).toEqual([]);
    const { alert } = parse(xml);
    expect(alert.scope).toBe("Restricted");
    expect(alert.restriction).toMatch(/^TLP:AMBER: Limited disclosure/);
    expect(alert.code).toBe("TLP:AMBER");
  });

  it("keeps an asset's location out of an alert marked wider than the asset", () => {
    const warning = source().warning;
    const assets = [
      { lat: 1, lon: 2, marking: "amber" as const },
      { lat: 3, lon: 4, marking: "clear" as const },
    ];
    expect(assetCircles(warning, "clear", assets)).toEqual({
      circles: [{ lat: 3, lon: 4, radiusKm: 2 }],
      withheld: 1,
    });
    expect(assetCircles(warning, "amber", assets).circles).toHaveLength(2);
    expect(
      assetCircles({ ...warning, area: { ...warning.area, fromAssets: false } }, "amber", assets),
    ).toEqual({ circles: [], withheld: 0 });
  });

  it("sends an Update referencing the Alert after a revision, and a Cancel after withdrawal", async () => {
    const sent = ["2026-11-24T10:00:00Z", "2026-11-24T12:30:00Z", "2026-11-24T15:00:00Z"];
    const messages = capMessages(source({ sent, status: "withdrawn" }));
    expect(messages.map((m) => m.msgType)).toEqual(["Alert", "Update", "Cancel"]);
    expect(messages.map((m) => m.identifier)).toEqual([1, 2, 3].map((n) => `bulwark-alert-${ID}-${n}`));
    for (const message of messages) expect(await schemaErrors(capXml(message))).toEqual([]);
    const cancel = parse(capXml(messages[2] ?? messages[0] ?? ({} as never))).alert;
    expect(cancel.references).toBe(
      `bulwark.example.org,bulwark-alert-${ID}-1,2026-11-24T10:00:00+00:00 ` +
        `bulwark.example.org,bulwark-alert-${ID}-2,2026-11-24T12:30:00+00:00`,
    );
    expect(capMessages(source({ sent: sent.slice(0, 2) })).map((m) => m.msgType)).toEqual([
      "Alert",
      "Update",
    ]);
    // A withdrawn alert that was published once cancels that one message.
    expect(capMessages(source({ sent: sent.slice(0, 2), status: "withdrawn" })).at(-1)?.msgType).toBe(
      "Cancel",
    );
  });

  it("has no message before publication", () => {
    expect(currentCapMessage(source({ sent: [] }))).toBeNull();
  });

  it("the schema refuses what CAP forbids, so the checks above can fail", async () => {
    const message = currentCapMessage(source());
    if (!message) throw new Error("no message");
    expect(await schemaErrors(capXml({ ...message, sent: "2026-11-24T10:00:00Z" }))).not.toEqual([]);
    expect(
      await schemaErrors(capXml({ ...message, info: { ...message.info, urgency: "Soon" } })),
    ).not.toEqual([]);
  });

  it("formats CAP shapes and times", () => {
    expect(capDateTime("2026-01-02T03:04:05.678Z")).toBe("2026-01-02T03:04:05+00:00");
    expect(
      capPolygon([
        { lat: 1, lon: 1 },
        { lat: 2, lon: 2 },
        { lat: 1, lon: 3 },
        { lat: 1, lon: 1 },
      ]),
    ).toBe("1,1 2,2 1,3 1,1");
    expect(() =>
      capPolygon([
        { lat: 1, lon: 1 },
        { lat: 2, lon: 2 },
      ]),
    ).toThrow();
    expect(capCircle({ lat: 10.1234567, lon: -20, radiusKm: 1.5 })).toBe("10.123457,-20 1.5");
    expect(hasExpired(source().warning, new Date("2026-12-01T18:00:00Z"))).toBe(true);
    expect(hasExpired(source().warning, new Date("2026-12-01T17:59:59Z"))).toBe(false);
    expect(hasExpired(defaultWarning("x"), new Date("2100-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("the Atom feed of current alerts", () => {
  it("carries RFC 4287's required elements and links each entry to its CAP message", () => {
    const xml = atomXml({
      id: "https://bulwark.example.org/api/cap/alerts.atom",
      title: "Current alerts",
      selfUrl: "https://bulwark.example.org/api/cap/alerts.atom",
      authorName: "Bulwark",
      now: "2026-11-25T00:00:00Z",
      entries: [
        {
          id: `urn:uuid:${ID}`,
          title: "Drones & substations",
          summary: "Drone overflight",
          updated: "2026-11-24T10:00:00Z",
          published: "2026-11-24T10:00:00Z",
          authorName: "National CIP Authority",
          capUrl: `https://bulwark.example.org/api/cap/alerts/${ID}.xml`,
          categories: ["Security"],
        },
      ],
    });
    const { feed } = parse(xml);
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("https://bulwark.example.org/api/cap/alerts.atom");
    expect(feed.updated).toBe("2026-11-24T10:00:00.000Z");
    expect(feed.author.name).toBe("Bulwark");
    expect(feed.link["@_rel"]).toBe("self");
    expect(feed.entry.title).toBe("Drones & substations");
    expect(feed.entry.link).toMatchObject({ "@_rel": "alternate", "@_type": "application/cap+xml" });
    expect(feed.entry.link["@_href"]).toMatch(/\.xml$/);
  });

  it("stays well-formed whatever characters an alert's title holds", async () => {
    const xml = atomXml({
      id: "urn:x",
      title: "t",
      selfUrl: "https://h/f",
      authorName: "B\u0001",
      now: "2026-11-25T00:00:00Z",
      entries: [
        {
          id: `urn:uuid:${ID}`,
          title: "Gas\u0007leak\u0000",
          summary: "Drone\u000b overflight\uDFFF",
          updated: "2026-11-24T10:00:00Z",
          published: "2026-11-24T10:00:00Z",
          authorName: "Authority\u001f",
          capUrl: `https://bulwark.example.org/api/cap/alerts/${ID}.xml`,
          categories: ["Security\u0002"],
        },
      ],
    });
    // xmllint refuses malformed XML before it looks at the schema: wrong root, well-formed document.
    expect((await schemaErrors(xml)).join()).not.toMatch(/parser error|PCDATA invalid|Char 0x/i);
    expect(xml).not.toMatch(XML_FORBIDDEN);
    expect(parse(xml).feed.entry.title).toBe("Gas\uFFFDleak\uFFFD");
  });

  it("is still a valid feed without entries (updated is the time asked)", () => {
    const { feed } = parse(
      atomXml({
        id: "urn:x",
        title: "t",
        selfUrl: "https://h/f",
        authorName: "B",
        now: "2026-11-25T00:00:00Z",
        entries: [],
      }),
    );
    expect(feed.updated).toBe("2026-11-25T00:00:00.000Z");
    expect(feed.entry).toBeUndefined();
  });
});
