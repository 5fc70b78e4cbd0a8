// The closing report's recovery targets (issue 17): each affected asset the reader may see (the
// recovery route's own scoped read), its registry target against the time taken to restore it.
import type { Incident, IncidentRecovery } from "@bulwark/contracts";
import type { MessageKey } from "../i18n/messages.ts";
import type { PdfReport } from "../pdf/report.ts";

type Say = (key: MessageKey, values?: Record<string, string | number>) => string;

export function recoveryTargetsSection(
  pdf: PdfReport,
  t: Say,
  number: (value: number) => string,
  incident: Incident,
  recovery: IncidentRecovery,
): void {
  pdf.heading(t("pdf.incident.targets"), 3);
  if (recovery.targets.length === 0) {
    pdf.paragraph("—");
    return;
  }
  const names = new Map(incident.assets.map((asset) => [asset.id, `${asset.name} (${asset.ref})`]));
  const hours = (value: number) =>
    t("pdf.incident.targetHours", { hours: number(Math.round(value * 10) / 10) });
  pdf.table(
    [
      t("pdf.incident.targetAsset"),
      t("pdf.incident.targetColumn"),
      t("pdf.incident.targetTime"),
      t("pdf.incident.targetOutcome"),
    ],
    recovery.targets.map((target) => [
      names.get(target.assetId) ?? "—",
      target.targetHours === null ? "—" : hours(target.targetHours),
      target.restoredAt === null
        ? t("pdf.incident.targetStillOut", { hours: hours(target.hours) })
        : hours(target.hours),
      target.outcome === null
        ? t("pdf.incident.targetNone")
        : t(`pdf.incident.targetOutcome.${target.outcome}`),
    ]),
    [0.34, 0.16, 0.28, 0.22],
  );
}
