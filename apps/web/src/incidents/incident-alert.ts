// Raising a CAP alert from an incident (issue 17) through sharing's one CAP path: the compose page,
// opened as /sharing/new?incident=<id>, is pre-filled from the incident as the reader sees it (its
// title, text, marking, the affected assets the reader may see, whose locations make the CAP area
// on the server, and the CAP codes of core's incidentCapCodes), then the author checks and sends
// it. Once sent and published, it is linked to the incident when the author may link items.
import type { Incident } from "@bulwark/contracts";
import { incidentCapCodes, SECTORS, type TlpMarking } from "@bulwark/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { type Option, onlyOf } from "../app/vocabulary.ts";
import type { WarningDraft } from "../sharing/alert-warning-fields.tsx";
import { incidentKey, useTypeLabel } from "./incident-parts.tsx";

export interface IncidentAlertDraft {
  title: string;
  body: string;
  sectors: string[];
  assets: Option[];
  tlp: TlpMarking;
  organisationIds: string[];
  warning: (base: WarningDraft) => WarningDraft;
}

/** The incident named by ?incident=, once loaded: `apply` receives the draft a single time. */
export function useIncidentAlert(apply: (draft: IncidentAlertDraft) => void) {
  const { t } = useTranslation();
  const typeLabel = useTypeLabel();
  const [params] = useSearchParams();
  const id = params.get("incident");
  const incident = useQuery({
    queryKey: incidentKey(id ?? ""),
    queryFn: () => client.call("getIncident", { params: { id: id ?? "" } }),
    enabled: id !== null,
  });
  const links = useQuery({
    queryKey: [...incidentKey(id ?? ""), "links"],
    queryFn: () => client.call("listIncidentLinks", { params: { id: id ?? "" } }),
    enabled: id !== null,
  });
  const applied = useRef(false);
  const data = incident.data;
  useEffect(() => {
    if (!data || applied.current) return;
    applied.current = true;
    apply(
      draftOf(data, {
        event: t("incidents.cap.event", { type: typeLabel(data.type) }),
        area: (assets) => t("incidents.cap.area", { assets }),
        areaNone: t("incidents.cap.areaNone"),
      }),
    );
  }, [data, apply, typeLabel, t]);
  return {
    incident: data ?? null,
    error: incident.error,
    /** Links a sent alert to the incident when the author may; true when linked. */
    link: async (itemId: string): Promise<boolean> => {
      if (!data || !links.data?.mayLink) return false;
      await client.call("linkIncidentItem", { params: { id: data.id }, body: { itemId } });
      return true;
    },
    mayLink: links.data?.mayLink === true,
  };
}

function draftOf(
  incident: Incident,
  texts: { event: string; area: (assets: string) => string; areaNone: string },
): IncidentAlertDraft {
  const codes = incidentCapCodes(incident);
  const names = incident.assets.map((asset) => asset.name);
  // CAP's areaDesc is short: the first few names, within its 500 characters.
  const listed = `${names.slice(0, 8).join(", ")}${names.length > 8 ? ", …" : ""}`.slice(0, 400);
  return {
    title: incident.title,
    body: incident.description,
    sectors: onlyOf(SECTORS, [...new Set(incident.assets.map((asset) => asset.sector))]),
    assets: incident.assets.map((asset) => ({ value: asset.id, label: `${asset.name} (${asset.ref})` })),
    tlp: incident.tlp,
    organisationIds: incident.audience.members.filter((m) => m.kind === "organisation").map((m) => m.id),
    warning: (base) => ({
      ...base,
      categories: [...codes.categories],
      event: texts.event,
      urgency: codes.urgency,
      severity: codes.severity,
      certainty: codes.certainty,
      area: names.length > 0 ? texts.area(listed) : texts.areaNone,
      // The circles around the assets: the server draws them from the locations the author may see.
      fromAssets: true,
    }),
  };
}
