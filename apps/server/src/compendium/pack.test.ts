import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";
import { DEMO_COMPENDIUM, exportPack, loadPack, PackError, readPack } from "./pack.service.ts";

let server: TestServer;
const folders: string[] = [];
const folder = () => {
  const made = mkdtempSync(join(tmpdir(), "bulwark-pack-"));
  folders.push(made);
  return made;
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  for (const made of folders) rmSync(made, { recursive: true, force: true });
});

describe("the shipped content pack", () => {
  const pack = readPack(DEMO_COMPENDIUM);

  it("holds at least 60 valid entries, each citing its source", () => {
    expect(pack.length).toBeGreaterThanOrEqual(60);
    for (const { slug, content } of pack) {
      expect(content.source.citation.length, slug).toBeGreaterThan(10);
      expect(content.body.split(/\s+/).length, slug).toBeGreaterThan(100);
    }
    expect(new Set(pack.map((entry) => entry.content.title.toLowerCase())).size).toBe(pack.length);
  });

  it("covers every entry type, several regions and case studies", () => {
    const types = new Set(pack.map((entry) => entry.content.type));
    expect([...types].sort()).toEqual([
      "case-study",
      "good-practice",
      "legal-instrument",
      "policy",
      "tool",
      "training",
    ]);
    expect(new Set(pack.flatMap((entry) => entry.content.regions)).size).toBeGreaterThanOrEqual(5);
    expect(pack.filter((entry) => entry.content.type === "case-study").length).toBeGreaterThanOrEqual(8);
  });

  it("loads once, then leaves unchanged entries alone, and exports back to the same files", async () => {
    expect(await loadPack(server.context, null, pack)).toEqual({
      created: pack.length,
      updated: 0,
      unchanged: 0,
      translations: pack.length * 5,
    });
    expect(await loadPack(server.context, null, pack)).toEqual({
      created: 0,
      updated: 0,
      unchanged: pack.length,
      translations: 0,
    });
    const out = folder();
    expect(await exportPack(server.context, null, out)).toBe(pack.length);
    expect(readPack(out)).toEqual(pack);
  });

  it("publishes a changed file as a new version", async () => {
    const [first, ...rest] = pack;
    if (!first) throw new Error("empty pack");
    const changed = {
      ...first,
      content: { ...first.content, summary: `${first.content.summary} (revised)` },
    };
    expect(await loadPack(server.context, null, [changed, ...rest])).toEqual({
      created: 0,
      updated: 1,
      unchanged: rest.length,
      translations: 0,
    });
  });
});

describe("a pack with mistakes", () => {
  it("names every bad file, line and field, and loads nothing", () => {
    const bad = folder();
    writeFileSync(join(bad, "README.md"), "# not an entry\n");
    writeFileSync(join(bad, "Bad Name.md"), "---\ntitle: x\n---\n");
    writeFileSync(join(bad, "no-front-matter.md"), "# Heading\n");
    writeFileSync(
      join(bad, "wrong-tags.md"),
      "---\ntitle: Wrong tags here\ntype: tool\ntool_kind: hammer\nsummary: A summary of ten chars.\nphases: [teleportation]\nsource:\n  citation: Something, 2020.\n---\nBody.\n",
    );
    writeFileSync(join(bad, "nul-byte.md"), "---\ntitle: A NUL\n---\nBody\u0000 here.\n");
    expect(readdirSync(bad)).toHaveLength(5);
    try {
      readPack(bad);
      throw new Error("readPack accepted a bad pack");
    } catch (error) {
      expect(error).toBeInstanceOf(PackError);
      const message = String(error instanceof Error ? error.message : error);
      expect(message).toContain("Bad Name.md: The file name must be");
      expect(message).toContain("no-front-matter.md:1:");
      expect(message).toMatch(/wrong-tags\.md: tool_kind: /);
      expect(message).toMatch(/wrong-tags\.md: phases\.0: /);
      expect(message).toMatch(/nul-byte\.md:4: holds a NUL character/);
      expect(message).not.toContain("README");
    }
  });
});
