// Files attached to shared items: which kinds are accepted, how big, and what a filename may hold.
// The bytes are checked against what the uploader claims where that is cheap: a signature at the
// start for PDF, images and ZIP-based formats; valid UTF-8 for text; a JSON document for JSON. A
// check passed does not make a file safe to open: it only says it is what it claims to be.

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_ITEM_MAX_BYTES = 25 * 1024 * 1024;
export const ATTACHMENTS_PER_ITEM_MAX_FILES = 20;

type Check = "pdf" | "png" | "jpeg" | "gif" | "webp" | "zip" | "text" | "json";

interface AttachmentKind {
  /** Extensions a file of this kind may carry; the first is added when the name has none of them. */
  readonly extensions: readonly string[];
  readonly check: Check;
}

const ZIP_BASED = (extensions: string[]): AttachmentKind => ({ extensions, check: "zip" });

/** Accepted media types. No HTML, SVG or scripts: nothing a browser would run. */
export const ATTACHMENT_KINDS: Readonly<Record<string, AttachmentKind>> = {
  "application/pdf": { extensions: ["pdf"], check: "pdf" },
  "image/png": { extensions: ["png"], check: "png" },
  "image/jpeg": { extensions: ["jpg", "jpeg"], check: "jpeg" },
  "image/gif": { extensions: ["gif"], check: "gif" },
  "image/webp": { extensions: ["webp"], check: "webp" },
  "text/plain": { extensions: ["txt", "log"], check: "text" },
  "text/csv": { extensions: ["csv"], check: "text" },
  "text/markdown": { extensions: ["md", "markdown"], check: "text" },
  "application/json": { extensions: ["json"], check: "json" },
  "application/stix+json": { extensions: ["json", "stix"], check: "json" },
  "application/zip": ZIP_BASED(["zip"]),
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ZIP_BASED(["docx"]),
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ZIP_BASED(["xlsx"]),
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ZIP_BASED(["pptx"]),
  "application/vnd.oasis.opendocument.text": ZIP_BASED(["odt"]),
  "application/vnd.oasis.opendocument.spreadsheet": ZIP_BASED(["ods"]),
  "application/vnd.oasis.opendocument.presentation": ZIP_BASED(["odp"]),
};

export const ATTACHMENT_MEDIA_TYPES: readonly string[] = Object.keys(ATTACHMENT_KINDS);

/** The media type of a Content-Type header: lower case, parameters (charset, ...) dropped. */
export const mediaTypeOf = (contentType: string): string =>
  (contentType.split(";")[0] ?? "").trim().toLowerCase();

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

function utf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

const CHECKS: Readonly<Record<Check, (bytes: Uint8Array) => boolean>> = {
  pdf: (bytes) => startsWith(bytes, ascii("%PDF-")),
  png: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]),
  gif: (bytes) => startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a")),
  webp: (bytes) => startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8),
  // A local file header, or the end record of an empty archive.
  zip: (bytes) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]),
  text: (bytes) => utf8(bytes) !== null,
  json: (bytes) => {
    const text = utf8(bytes);
    if (text === null) return false;
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * A file whose content is not what its media type says, as a sentence of the server's catalogue
 * (one per check, said in the caller's language) and the media type it was sent as.
 */
export interface AttachmentMismatch {
  readonly key: `core.attachments.mismatch.${Check}`;
  readonly values: { readonly type: string };
}

export type AttachmentProblem =
  | { readonly kind: "empty"; readonly detail: string }
  | { readonly kind: "too-large"; readonly detail: string }
  | { readonly kind: "unsupported-type"; readonly detail: string }
  | { readonly kind: "mismatch"; readonly detail: AttachmentMismatch };

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * What is wrong with a file offered as an attachment to an item that already holds `held`
 * (files, bytes), or null when nothing is.
 */
export function checkAttachment(
  file: { readonly mediaType: string; readonly bytes: Uint8Array },
  held: { readonly files: number; readonly bytes: number },
): AttachmentProblem | null {
  const kind = ATTACHMENT_KINDS[file.mediaType];
  if (!kind)
    return {
      kind: "unsupported-type",
      detail: `Files of type ${file.mediaType || "(none)"} are not accepted. Accepted: ${ATTACHMENT_MEDIA_TYPES.join(", ")}.`,
    };
  if (file.bytes.byteLength === 0) return { kind: "empty", detail: "The file is empty." };
  if (file.bytes.byteLength > ATTACHMENT_MAX_BYTES)
    return {
      kind: "too-large",
      detail: `A file may hold at most ${megabytes(ATTACHMENT_MAX_BYTES)}; this one holds ${megabytes(file.bytes.byteLength)}.`,
    };
  if (held.files >= ATTACHMENTS_PER_ITEM_MAX_FILES)
    return {
      kind: "too-large",
      detail: `An item holds at most ${ATTACHMENTS_PER_ITEM_MAX_FILES} files.`,
    };
  if (held.bytes + file.bytes.byteLength > ATTACHMENTS_PER_ITEM_MAX_BYTES)
    return {
      kind: "too-large",
      detail: `An item's files hold at most ${megabytes(ATTACHMENTS_PER_ITEM_MAX_BYTES)} together; it already holds ${megabytes(held.bytes)}.`,
    };
  if (!CHECKS[kind.check](file.bytes))
    return {
      kind: "mismatch",
      detail: { key: `core.attachments.mismatch.${kind.check}`, values: { type: file.mediaType } },
    };
  return null;
}

/** Control characters, zero-width and direction-changing marks, and what file systems refuse. */
const unsafe = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    '<>:"|?*'.includes(char)
  );
};

/**
 * A filename safe to store and offer for download: the last part of any path, no control or
 * direction-changing characters, none that file systems refuse, at most 120 characters, and an
 * extension of its media type (added when missing: "notes.html" sent as text/plain is kept as
 * "notes.html.txt").
 */
export function sanitiseFilename(name: string, mediaType: string): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let clean = [...base]
    .map((char) => (unsafe(char) ? "_" : char))
    .join("")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const extensions = ATTACHMENT_KINDS[mediaType]?.extensions ?? [];
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 ? clean.slice(dot + 1).toLowerCase() : "";
  const wanted = extensions.includes(extension) ? extension : (extensions[0] ?? "bin");
  let stem = extensions.includes(extension) ? clean.slice(0, dot) : clean;
  stem = [...stem]
    .slice(0, 120 - wanted.length - 1)
    .join("")
    .trim();
  clean = `${stem || "attachment"}.${wanted}`;
  return clean;
}
