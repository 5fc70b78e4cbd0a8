// Files attached to shared items through the API: the author attaches them to a draft; exactly
// those who may see the item list and download them (everyone else gets 404); bad files are
// refused with problem+json and change nothing; personal files stay with the author's side and
// lose their bytes when retention runs out.
import { createHash } from "node:crypto";
import { type Client, endpoints, type SharedItemComposeInput } from "@bulwark/contracts";
import { ATTACHMENT_MAX_BYTES } from "@bulwark/core";
import { listAudit, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let author: Client; // member of the grid operator
let colleague: Client; // the grid operator's administrator: same organisation, not the author
let recipient: Client; // platform admin of the authority: addressed
let allowed: Client; // auditor of the authority: addressed, and a role allowed to read personal data
let outsider: Client; // the water utility: not addressed

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
const CSV = new TextEncoder().encode("name,phone\nJane Roe,+999 21 555 0142\n");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const item = (over: Partial<SharedItemComposeInput> = {}): SharedItemComposeInput => ({
  type: "report",
  title: "Substation inspection",
  body: "Findings attached.",
  tlp: "amber",
  audience: { organisationIds: [server.cast.organisations.authority] },
  personalDataRoles: ["auditor"],
  ...over,
});

const upload = (
  client: Client,
  id: string,
  bytes: Uint8Array,
  mediaType: string,
  filename: string,
  personal = false,
) =>
  client.call("addAttachment", {
    params: { id },
    query: { filename, personal: personal ? "true" : "false" },
    body: { bytes, mediaType },
  });

const attachmentCount = async () =>
  rowsOf<{ n: number }>(
    await server.db.execute(sql`select count(*)::int as n from shared_item_attachments`),
  )[0]?.n ?? 0;

beforeAll(async () => {
  server = await startTestServer();
  [author, colleague, recipient, allowed, outsider] = await Promise.all([
    server.client("member@grid.example"),
    server.client("boss@grid.example"),
    server.client("admin@authority.example"),
    server.client("auditor@authority.example"),
    server.client("member@water.example"),
  ]);
});
afterAll(() => server.close());

describe("attachments", () => {
  it("are added by the author to a draft, and listed and downloaded by exactly those who see the item", async () => {
    const draft = await author.call("createSharedItem", { body: item() });
    const added = await upload(author, draft.id, PDF, "application/pdf", "../../reports/Grid plan.pdf");
    expect(added).toMatchObject({
      filename: "Grid plan.pdf",
      mediaType: "application/pdf",
      size: PDF.byteLength,
      sha256: sha256(PDF),
      personal: false,
      purgedAt: null,
      download: true,
    });
    // A draft is the author's alone.
    expect(await statusOf(recipient.call("listAttachments", { params: { id: draft.id } }))).toBe(404);
    const ids = { id: draft.id, attachmentId: added.id };
    expect(await statusOf(recipient.call("downloadAttachment", { params: ids }))).toBe(404);

    await author.call("submitSharedItem", { params: { id: draft.id } });
    const listed = await recipient.call("listAttachments", { params: { id: draft.id } });
    expect(listed.items.map((file) => file.id)).toEqual([added.id]);
    expect(listed.mayChange).toBe(false);
    const file = await recipient.call("downloadAttachment", { params: ids });
    expect(file).toMatchObject({ filename: "Grid plan.pdf", mediaType: "application/pdf" });
    expect(sha256(file.bytes)).toBe(sha256(PDF));

    const raw = await server.inject({
      method: "GET",
      url: `/api/sharing/items/${draft.id}/attachments/${added.id}`,
      headers: { cookie: (await signedIn(server, "admin@authority.example")).cookie },
    });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers["content-type"]).toBe("application/pdf");
    expect(raw.headers["x-content-type-options"]).toBe("nosniff");
    expect(raw.headers["content-disposition"]).toBe(
      `attachment; filename="Grid_plan.pdf"; filename*=UTF-8''Grid%20plan.pdf`,
    );

    // Not addressed: nothing, not even that the files exist.
    expect(await statusOf(outsider.call("listAttachments", { params: { id: draft.id } }))).toBe(404);
    expect(await statusOf(outsider.call("downloadAttachment", { params: ids }))).toBe(404);
    // Nor through an item the outsider does see.
    const open = await colleague.call("createSharedItem", {
      body: item({ tlp: "clear", audience: {}, title: "Open notice" }),
    });
    await colleague.call("submitSharedItem", { params: { id: open.id } });
    expect((await outsider.call("listAttachments", { params: { id: open.id } })).items).toEqual([]);
    expect(
      await statusOf(
        outsider.call("downloadAttachment", { params: { id: open.id, attachmentId: added.id } }),
      ),
    ).toBe(404);

    // Published: its files are fixed, like its text.
    expect(await statusOf(upload(author, draft.id, PDF, "application/pdf", "late.pdf"))).toBe(403);
    expect(await statusOf(author.call("removeAttachment", { params: ids }))).toBe(403);
    const audit = await listAudit(server.db, { kind: "all" }, { action: "sharing.attach", limit: 100 });
    const entry = audit.items.find((row) => row.targetId === draft.id);
    expect(entry?.details).toEqual({
      attachment: added.id,
      mediaType: "application/pdf",
      size: PDF.byteLength,
      personal: false,
    });
  });

  it("are removed by the author from a draft (audited), and by nobody else", async () => {
    const draft = await author.call("createSharedItem", { body: item({ title: "To tidy" }) });
    const added = await upload(author, draft.id, PNG, "image/png", "photo");
    expect(added.filename).toBe("photo.png");
    const ids = { id: draft.id, attachmentId: added.id };
    // The organisation's administrator sees the draft (to approve it), but does not change it.
    expect(await statusOf(colleague.call("removeAttachment", { params: ids }))).toBe(403);
    expect(await statusOf(outsider.call("removeAttachment", { params: ids }))).toBe(404);
    await author.call("removeAttachment", { params: ids });
    expect((await author.call("listAttachments", { params: { id: draft.id } })).items).toEqual([]);
    expect(await statusOf(author.call("removeAttachment", { params: ids }))).toBe(404);
    const audit = await listAudit(server.db, { kind: "all" }, { action: "sharing.detach", limit: 100 });
    expect(audit.items.some((row) => row.targetId === draft.id)).toBe(true);
  });

  it("refuses bad files with problem+json and keeps nothing of them", async () => {
    const draft = await author.call("createSharedItem", { body: item({ title: "Bad files" }) });
    const before = await attachmentCount();
    const problem = async (request: Promise<unknown>) => {
      const error = await request.then(
        () => null,
        (caught: unknown) => caught,
      );
      return error && typeof error === "object" && "problem" in error ? error.problem : null;
    };
    expect(
      await problem(upload(author, draft.id, new Uint8Array(), "application/pdf", "empty.pdf")),
    ).toMatchObject({ status: 400, title: "Empty file" });
    expect(
      await problem(upload(author, draft.id, new TextEncoder().encode("<script>"), "text/html", "x.html")),
    ).toMatchObject({ status: 415, detail: expect.stringContaining("application/pdf") });
    expect(await problem(upload(author, draft.id, PNG, "application/pdf", "fake.pdf"))).toMatchObject({
      status: 422,
      detail: "The file was sent as application/pdf but is not a PDF (it must start with %PDF-).",
    });
    expect(
      await problem(
        upload(author, draft.id, new TextEncoder().encode("{oops"), "application/stix+json", "b.json"),
      ),
    ).toMatchObject({ status: 422 });
    const tooBig = new Uint8Array(ATTACHMENT_MAX_BYTES + 1).fill(0x61);
    expect(await problem(upload(author, draft.id, tooBig, "text/plain", "big.txt"))).toMatchObject({
      status: 413,
      type: "urn:bulwark:problem:too-large",
    });
    // No filename, no type: refused before anything is read.
    const member = await signedIn(server, "member@grid.example");
    const bare = await server.inject({
      method: "POST",
      url: `/api/sharing/items/${draft.id}/attachments`,
      headers: member.headers({ "content-type": "application/pdf" }),
      payload: Buffer.from(PDF),
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.headers["content-type"]).toContain("application/problem+json");
    const untyped = await server.inject({
      method: "POST",
      url: `/api/sharing/items/${draft.id}/attachments?filename=a.pdf`,
      headers: member.headers(),
      payload: Buffer.from(PDF),
    });
    expect(untyped.statusCode).toBe(415);
    // An item holds at most 25 MB: the third 9 MB file does not fit.
    const nine = new Uint8Array(9 * 1024 * 1024).fill(0x62);
    await upload(author, draft.id, nine, "text/plain", "one.txt");
    await upload(author, draft.id, nine, "text/plain", "two.txt");
    expect(await problem(upload(author, draft.id, nine, "text/plain", "three.txt"))).toMatchObject({
      status: 413,
      detail: expect.stringContaining("together"),
    });
    expect(await attachmentCount()).toBe(before + 2);
    // Others may not add files to the author's draft.
    expect(await statusOf(upload(colleague, draft.id, PDF, "application/pdf", "c.pdf"))).toBe(403);
    expect(await statusOf(upload(outsider, draft.id, PDF, "application/pdf", "o.pdf"))).toBe(404);
  });

  it("keeps personal files with the author's side, audits their reads, and purges their bytes with retention", async () => {
    const draft = await author.call("createSharedItem", { body: item({ title: "Witnesses" }) });
    const personal = await upload(author, draft.id, CSV, "text/csv", "witnesses Jane Roe.csv", true);
    const plain = await upload(author, draft.id, PDF, "application/pdf", "site.pdf");
    await author.call("submitSharedItem", { params: { id: draft.id } });
    const personalIds = { id: draft.id, attachmentId: personal.id };

    const seenByRecipient = await recipient.call("listAttachments", { params: { id: draft.id } });
    expect(seenByRecipient.items.find((file) => file.id === personal.id)).toMatchObject({
      filename: expect.stringMatching(/^personal-file-\d\.csv$/),
      download: false,
    });
    expect(JSON.stringify(seenByRecipient)).not.toContain("Jane");
    expect(await statusOf(recipient.call("downloadAttachment", { params: personalIds }))).toBe(403);
    // The role the author allowed, and the author's own organisation, read it as written.
    const forAllowed = await allowed.call("downloadAttachment", { params: personalIds });
    expect(sha256(forAllowed.bytes)).toBe(sha256(CSV));
    expect(forAllowed.filename).toBe("witnesses Jane Roe.csv");
    expect((await colleague.call("downloadAttachment", { params: personalIds })).bytes).toEqual(CSV);
    const reads = await listAudit(
      server.db,
      { kind: "all" },
      { action: "sharing.read-personal-data", limit: 100 },
    );
    expect(
      reads.items.filter(
        (row) =>
          row.targetId === draft.id &&
          JSON.stringify(row.details) === JSON.stringify({ attachment: personal.id }),
      ),
    ).toHaveLength(2);

    // Reports keep personal data for 365 days.
    server.advance(366 * 86_400_000);
    const admin = await server.client("admin@authority.example");
    expect((await admin.call("purgeSharedPersonalData", {})).attachments).toBeGreaterThanOrEqual(1);
    const later = await server.client("boss@grid.example");
    const listed = await later.call("listAttachments", { params: { id: draft.id } });
    const record = listed.items.find((file) => file.id === personal.id);
    expect(record).toMatchObject({ sha256: sha256(CSV), size: CSV.byteLength, download: false });
    expect(record?.purgedAt).not.toBeNull();
    expect(await statusOf(later.call("downloadAttachment", { params: personalIds }))).toBe(410);
    const kept = await later.call("downloadAttachment", { params: { id: draft.id, attachmentId: plain.id } });
    expect(kept.bytes).toEqual(PDF);
    const stored = rowsOf<{ content: unknown }>(
      await server.db.execute(sql`select content from shared_item_attachments where id = ${personal.id}`),
    );
    expect(stored).toEqual([{ content: null }]);
  });

  it("describes the upload and the download in the OpenAPI document", async () => {
    const document = (await server.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const path = document.paths["/api/sharing/items/{id}/attachments"];
    expect(Object.keys(path.post.requestBody.content)).toEqual(endpoints.addAttachment.upload.mediaTypes);
    expect(path.post.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(["id", "filename", "personal"]),
    );
  });
});
