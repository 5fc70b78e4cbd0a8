// Shared items linked to an incident (issue 17). Reading: the incident under its TLP rule (404
// otherwise), and of its links only those whose item the reader may see too, both rules in SQL
// (repositories/incident-links.ts). Linking and unlinking: the filing operator or the authority,
// an item they may see (published alert or report; any other is "not found"), in the incident's
// locked transaction with its audit entry (ids only) and its notification.
import { INCIDENT_LINK_TYPES, type IncidentLinks } from "@bulwark/contracts";
import { type Actor, type IncidentAbilities, type IncidentViewer, revealPersonalData } from "@bulwark/core";
import { deleteIncidentLink, insertIncidentLink, linkableSharedItem, listIncidentLinks } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { changeIncident, incidentViewerOf, seenIncident } from "./incidents.service.ts";

const mayLink = (abilities: IncidentAbilities) => abilities.asAuthority || abilities.asFiler;

async function linksAs(
  context: ServerContext,
  viewer: IncidentViewer,
  id: string,
  abilities: IncidentAbilities,
): Promise<IncidentLinks> {
  const links = await listIncidentLinks(context.db, viewer, id);
  return {
    items: links.map(({ item, linkedAt }) => ({
      item: {
        id: item.id,
        type: item.type as IncidentLinks["items"][number]["item"]["type"],
        // As sharing's lists show it: as written inside the author's organisation, pseudonymised elsewhere.
        title:
          viewer.organisationId === item.organisation.id ? revealPersonalData(item.title) : item.publicTitle,
        tlp: item.tlp as IncidentLinks["items"][number]["item"]["tlp"],
        status: item.status as IncidentLinks["items"][number]["item"]["status"],
        organisation: item.organisation,
        publishedAt: item.publishedAt,
      },
      linkedAt,
    })),
    mayLink: mayLink(abilities),
  };
}

export async function incidentLinks(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<IncidentLinks> {
  const viewer = await incidentViewerOf(context, caller);
  const { abilities } = await seenIncident(context, viewer, id);
  return linksAs(context, viewer, id, abilities);
}

export async function linkIncidentItem(
  context: ServerContext,
  caller: Actor,
  id: string,
  itemId: string,
): Promise<IncidentLinks> {
  const viewer = await incidentViewerOf(context, caller);
  let abilities: IncidentAbilities | null = null;
  await changeIncident(context, caller, viewer, id, "incidents.link", async (tx, seen, now) => {
    if (!mayLink(seen.abilities)) throw forbidden({ key: "incident.linkFilerOrAuthority" });
    const item = await linkableSharedItem(tx, viewer, itemId, INCIDENT_LINK_TYPES);
    if (!item)
      throw invalid("No published alert or report with this id is visible to you.", [
        { path: "body.itemId", message: "No such alert or report." },
      ]);
    abilities = seen.abilities;
    const added = await insertIncidentLink(tx, { incidentId: id, itemId, linkedById: caller.userId, now });
    return { item: itemId, itemTlp: item.tlp, added };
  });
  if (!abilities) throw notFound("incident");
  return linksAs(context, viewer, id, abilities);
}

export async function unlinkIncidentItem(
  context: ServerContext,
  caller: Actor,
  id: string,
  itemId: string,
): Promise<void> {
  const viewer = await incidentViewerOf(context, caller);
  await changeIncident(context, caller, viewer, id, "incidents.unlink", async (tx, seen) => {
    if (!mayLink(seen.abilities)) throw forbidden({ key: "incident.linkFilerOrAuthority" });
    // A link to an item the caller may not see is, for them, no link at all.
    if (!(await deleteIncidentLink(tx, viewer, id, itemId))) throw notFound("link");
    return { item: itemId };
  });
}
