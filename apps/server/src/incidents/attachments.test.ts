// Files attached to an incident (issue 17, item 6), through the API on both databases: the filing
// operator and the authority attach files (kept in the database with their SHA-256, checked like
// shared items' files); whoever sees the incident lists and downloads them, the same bytes;
// someone who may not see the incident gets 404 on every route and learns nothing; refusals and
// bad files change nothing.
import { createHash } from "node:crypto";
import type { Client } from "@bulwark/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";
import { addWatchAndBank, incidentNotice, insertSubstation } from "./incident-world.test-support.ts";

let server: TestServer;
let watch: Client; // the authority's watch desk
let gridAdmin: Client; // the filer
let water: Client; // in the audience: reads, may not change
let bank: Client; // outside every audience
let incidentId = "";
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

const upload = (client: Client, bytes: Uint8Array, mediaType: string, filename = "site-photo.pdf") =>
  client.call("addIncidentAttachment", {
    params: { id: incidentId },
    query: { filename },
    body: { bytes, mediaType },
  });

const stored = async () => {
  const result = await server.db.execute(
    sql`select count(*)::int as files from incident_attachments where incident_id = ${incidentId}`,
  );
  return (result as unknown as { rows: { files: number }[] }).rows[0]?.files;
};

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  await addWatchAndBank(server);
  const assetS = await insertSubstation(server);
  [watch, gridAdmin, water, bank] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
    server.client("teller@bank.example"),
  ]);
  const notice = incidentNotice(assetS, [organisations.authority, organisations.other]);
  incidentId = (await gridAdmin.call("createIncident", { body: notice })).id;
});
afterAll(() => server.close());

describe("files attached to an incident", () => {
  it("are attached by the filer, listed with their SHA-256 and downloaded unchanged by every reader", async () => {
    const added = await upload(gridAdmin, PDF, "application/pdf", "../photos/site photo.pdf");
    expect(added).toMatchObject({
      filename: "site photo.pdf",
      mediaType: "application/pdf",
      size: PDF.byteLength,
      sha256: createHash("sha256").update(PDF).digest("hex"),
    });
    const listed = await water.call("listIncidentAttachments", { params: { id: incidentId } });
    expect(listed.items.map((item) => item.id)).toEqual([added.id]);
    expect(listed.mayChange).toBe(false);
    expect((await watch.call("listIncidentAttachments", { params: { id: incidentId } })).mayChange).toBe(
      true,
    );
    const file = await water.call("downloadIncidentAttachment", {
      params: { id: incidentId, attachmentId: added.id },
    });
    expect([...file.bytes]).toEqual([...PDF]);
    const audit = await server.db.execute(
      sql`select count(*)::int as n from audit_log where target_id = ${incidentId}
        and action in ('incidents.attach', 'incidents.attachment.download')`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(2);
  });

  it("answers 404 on every route to someone who may not see the incident, and changes nothing", async () => {
    const [first] = (await watch.call("listIncidentAttachments", { params: { id: incidentId } })).items;
    const attachmentId = first?.id ?? "";
    const before = await stored();
    expect(await statusOf(bank.call("listIncidentAttachments", { params: { id: incidentId } }))).toBe(404);
    expect(
      await statusOf(bank.call("downloadIncidentAttachment", { params: { id: incidentId, attachmentId } })),
    ).toBe(404);
    expect(await statusOf(upload(bank, PDF, "application/pdf"))).toBe(404);
    expect(
      await statusOf(bank.call("removeIncidentAttachment", { params: { id: incidentId, attachmentId } })),
    ).toBe(404);
    expect(await stored()).toBe(before);
  });

  it("refuses readers who may not change it, and files that are empty, of other types or not what they claim", async () => {
    const before = await stored();
    expect(await statusOf(upload(water, PDF, "application/pdf"))).toBe(403);
    expect(await statusOf(upload(watch, new Uint8Array(), "application/pdf"))).toBe(400);
    expect(await statusOf(upload(watch, new TextEncoder().encode("hello"), "application/pdf"))).toBe(422);
    expect(await statusOf(upload(watch, new TextEncoder().encode("<p>x</p>"), "text/html"))).toBe(415);
    expect(await stored()).toBe(before);
  });

  it("lets the authority remove a file; another remove is not found", async () => {
    const added = await upload(watch, PDF, "application/pdf", "note.pdf");
    const attachmentId = added.id;
    expect(
      await statusOf(water.call("removeIncidentAttachment", { params: { id: incidentId, attachmentId } })),
    ).toBe(403);
    await watch.call("removeIncidentAttachment", { params: { id: incidentId, attachmentId } });
    expect(
      await statusOf(watch.call("removeIncidentAttachment", { params: { id: incidentId, attachmentId } })),
    ).toBe(404);
    expect(
      await statusOf(water.call("downloadIncidentAttachment", { params: { id: incidentId, attachmentId } })),
    ).toBe(404);
  });
});
