import { describe, expect, it } from "vitest";
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_PER_ITEM_MAX_BYTES,
  ATTACHMENTS_PER_ITEM_MAX_FILES,
  checkAttachment,
  mediaTypeOf,
  sanitiseFilename,
} from "./attachments.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const none = { files: 0, bytes: 0 };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);

describe("attachments: what is accepted", () => {
  it.each([
    ["application/pdf", bytes("%PDF-1.7\n%...")],
    ["image/png", PNG],
    ["image/jpeg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])],
    ["image/gif", bytes("GIF89a....")],
    ["image/webp", bytes("RIFF\u0010\u0000\u0000\u0000WEBPVP8 ")],
    ["text/plain", bytes("Gate 4 — opened at 01:00 ✓")],
    ["text/csv", bytes("asset,state\nsubstation,down\n")],
    ["application/json", bytes('{"a": [1, 2]}')],
    ["application/stix+json", bytes('{"type": "bundle", "id": "bundle--1", "objects": []}')],
    ["application/zip", ZIP],
    ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP],
  ])("accepts %s whose bytes are what they claim", (mediaType, content) => {
    expect(checkAttachment({ mediaType, bytes: content }, none)).toBeNull();
  });

  it.each([
    ["application/pdf", PNG, "mismatch"],
    ["image/png", bytes("%PDF-1.7"), "mismatch"],
    ["application/zip", bytes("not a zip"), "mismatch"],
    ["text/plain", new Uint8Array([0x66, 0xff, 0xfe, 0x00]), "mismatch"],
    ["text/csv", bytes("a,b\u0000c"), "mismatch"],
    ["application/json", bytes("{not json"), "mismatch"],
    ["text/html", bytes("<script>alert(1)</script>"), "unsupported-type"],
    ["image/svg+xml", bytes("<svg/>"), "unsupported-type"],
    ["", bytes("x"), "unsupported-type"],
    ["text/plain", new Uint8Array(), "empty"],
  ])("refuses %s when its bytes are not that (%#)", (mediaType, content, kind) => {
    expect(checkAttachment({ mediaType, bytes: content }, none)?.kind).toBe(kind);
  });

  it("limits the size of a file, and the files and bytes of an item", () => {
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1).fill(0x61);
    expect(checkAttachment({ mediaType: "text/plain", bytes: big }, none)?.kind).toBe("too-large");
    const max = new Uint8Array(ATTACHMENT_MAX_BYTES).fill(0x61);
    expect(checkAttachment({ mediaType: "text/plain", bytes: max }, none)).toBeNull();
    const full = { files: 1, bytes: ATTACHMENTS_PER_ITEM_MAX_BYTES - 10 };
    expect(checkAttachment({ mediaType: "text/plain", bytes: bytes("x".repeat(11)) }, full)?.detail).toMatch(
      /together/,
    );
    const many = { files: ATTACHMENTS_PER_ITEM_MAX_FILES, bytes: 10 };
    expect(checkAttachment({ mediaType: "text/plain", bytes: bytes("x") }, many)?.kind).toBe("too-large");
  });

  it("reads the media type of a Content-Type header", () => {
    expect(mediaTypeOf("Text/CSV; charset=utf-8")).toBe("text/csv");
    expect(mediaTypeOf("")).toBe("");
  });
});

describe("attachments: filenames", () => {
  it.each([
    ["report.pdf", "application/pdf", "report.pdf"],
    ["../../etc/passwd", "text/plain", "passwd.txt"],
    ["C:\\Users\\ops\\Grid plan.PDF", "application/pdf", "Grid plan.pdf"],
    ["notes.html", "text/plain", "notes.html.txt"],
    ["scan", "image/jpeg", "scan.jpg"],
    ["photo.jpeg", "image/jpeg", "photo.jpeg"],
    ['a<b>:"c|?*.csv', "text/csv", "a_b___c___.csv"],
    ["line\nbreak\u0000.txt", "text/plain", "line_break_.txt"],
    ["evil\u202Efdp.exe", "application/pdf", "evil_fdp.exe.pdf"],
    ["...", "application/pdf", "attachment.pdf"],
    [".hidden.csv", "text/csv", "hidden.csv"],
    ["Übersicht  Umspannwerk.txt", "text/plain", "Übersicht Umspannwerk.txt"],
  ])("%j as %s is kept as %j", (name, mediaType, expected) => {
    expect(sanitiseFilename(name, mediaType)).toBe(expected);
  });

  it("keeps names short, with their extension", () => {
    const name = sanitiseFilename(`${"x".repeat(500)}.pdf`, "application/pdf");
    expect(name).toHaveLength(120);
    expect(name.endsWith(".pdf")).toBe(true);
  });
});
