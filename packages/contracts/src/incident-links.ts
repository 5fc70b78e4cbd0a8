// Shared items (alerts, reports) linked to an incident (issue 17). A link is shown only to someone
// who may see both the incident and the item, each under its TLP rule.
import { z } from "zod";
import { Id, Timestamp, Tlp } from "./common.ts";
import { SharedItemStatus } from "./sharing.ts";

/** The kinds of shared item an incident links to. */
export const INCIDENT_LINK_TYPES = ["alert", "report"] as const;
export const IncidentLinkType = z.enum(INCIDENT_LINK_TYPES);

export const IncidentLinkCreate = z.object({
  itemId: Id.describe("A published alert or report you may see (sharing)."),
});

export const IncidentLinkParams = z.object({ id: Id, itemId: Id });

export const IncidentLink = z.object({
  item: z.object({
    id: Id,
    type: IncidentLinkType,
    title: z
      .string()
      .describe("As you read it in sharing (pseudonymised outside its author's organisation)."),
    tlp: Tlp,
    status: SharedItemStatus,
    organisation: z.object({ id: Id, name: z.string() }),
    publishedAt: Timestamp.nullable(),
  }),
  linkedAt: Timestamp,
});
export type IncidentLink = z.infer<typeof IncidentLink>;

export const IncidentLinks = z.object({
  items: z.array(IncidentLink).describe("The links whose item you may see too, most recent first."),
  mayLink: z
    .boolean()
    .describe("Whether you may link and unlink items (the filing operator, the authority)."),
});
export type IncidentLinks = z.infer<typeof IncidentLinks>;

/** A file attached to an incident, seen by everyone who may see the incident. */
export const IncidentAttachment = z.object({
  id: Id,
  filename: z.string().describe("As stored: sanitised, with an extension of its type."),
  mediaType: z.string(),
  size: z.number().int().describe("Bytes."),
  sha256: z.string().describe("Hex SHA-256 of the bytes as uploaded."),
  addedBy: z.object({ id: Id, name: z.string() }),
  addedAt: Timestamp,
});
export type IncidentAttachment = z.infer<typeof IncidentAttachment>;

export const IncidentAttachments = z.object({
  items: z.array(IncidentAttachment),
  limits: z.object({
    fileBytes: z.number().int(),
    itemBytes: z.number().int().describe("All the incident's files together."),
    files: z.number().int(),
    mediaTypes: z.array(z.string()),
  }),
  mayChange: z.boolean().describe("You may add and remove files (the filing operator, the authority)."),
});
export type IncidentAttachments = z.infer<typeof IncidentAttachments>;

export const IncidentAttachmentParams = z.object({ id: Id, attachmentId: Id });
export const IncidentAttachmentUploadQuery = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe("The file's name; kept sanitised (no path, no control characters, an extension of its type)."),
});
