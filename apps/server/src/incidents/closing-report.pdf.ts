// An incident's report as a PDF (issue 17, recovery): its facts, a timeline of states, asset changes,
// notices and reports, the figures of its recovery (the curve the engine computed), its reporting
// obligations met or missed, and the lessons of its after-action review. The closing report once the
// incident is closed, an interim one before. Every part is the reader's own scoped read (the same
// services as the JSON routes): an incident hidden from them is 404, assets they may not see are
// counted, never named. In the reader's language (issue 15); each print is audited.
import type { FileAnswer, Incident, IncidentRecovery, IncidentReview, Obligation } from "@bulwark/contracts";
import { type Actor, TLP_BANNERS } from "@bulwark/core";
import { appendAudit } from "@bulwark/db";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { type Language, type MessageKey, say } from "../i18n/messages.ts";
import { PdfReport } from "../pdf/report.ts";
import { recoveryTargetsSection } from "./closing-report-targets.ts";
import { incidentDetail } from "./incidents.service.ts";
import { incidentObligations } from "./obligations.service.ts";
import { incidentRecovery } from "./projection.service.ts";
import { reviewOf } from "./review.service.ts";

const moment = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const HOUR = 3_600_000;

/** The recovery's figures: the worst moment, and when full service came back (null: not yet). */
export function recoveryFigures(incident: Incident, recovery: IncidentRecovery) {
  const peakAssets = Math.max(0, ...recovery.curve.map((point) => point.assetsDown));
  const peakPopulation = Math.max(0, ...recovery.curve.map((point) => point.populationWithoutService));
  const last = recovery.curve.at(-1);
  const restored = last && last.assetsDown === 0 && recovery.curve.length > 1 ? last.at : null;
  const hoursToFullService =
    restored === null
      ? null
      : Math.round(((Date.parse(restored) - Date.parse(incident.startedAt)) / HOUR) * 10) / 10;
  return { peakAssets, peakPopulation, hoursToFullService, stillDown: last?.assetsDown ?? 0 };
}

export async function incidentReportPdf(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    say(language, values ? { key, values } : { key });
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  // The incident first: hidden from the reader, it is 404 before anything else is read.
  const incident = await incidentDetail(context, caller, incidentId);
  const [obligations, recovery, review] = await Promise.all([
    incidentObligations(context, caller, incidentId),
    incidentRecovery(context, analysis, caller, incidentId),
    reviewOf(context, caller, incidentId),
  ]);
  const now = context.clock();
  const closed = incident.state === "closed";
  const title = t(closed ? "pdf.incident.closingTitle" : "pdf.incident.interimTitle");
  // An incident filed in exercise mode says so on every page (title and footer), as the AAR does.
  const drill = incident.exercise ? `${incident.exercise.mark} ` : "";
  const pdf = new PdfReport({
    title: `${drill}${title}: ${incident.title}`,
    marking: incident.tlp,
    language,
    createdAt: now,
    footer: `${drill}${t("pdf.incident.footer", { title: incident.title, moment: moment(now.toISOString()) })}`,
  });
  if (incident.exercise) pdf.heading(incident.exercise.mark, 1, true);
  pdf.heading(title, 1, true);
  pdf.paragraph(incident.title);
  pdf.facts([
    [t("pdf.incident.type"), t(`pdf.incident.type.${incident.type}`)],
    [t("pdf.incident.state"), t(`pdf.incident.state.${incident.state}`)],
    [t("pdf.incident.filedBy"), incident.organisation.name],
    [t("pdf.incident.started"), moment(incident.startedAt)],
    [t("pdf.incident.aware"), moment(incident.awareAt)],
    [t("pdf.incident.closed"), incident.closedAt ? moment(incident.closedAt) : ""],
    [t("pdf.incident.marking"), `${TLP_BANNERS[incident.tlp].label}: ${TLP_BANNERS[incident.tlp].text}`],
  ]);
  if (incident.description) pdf.paragraph(incident.description);

  timeline(pdf, t, incident, obligations);
  figures(pdf, t, number, incident, recovery);
  recoveryTargetsSection(pdf, t, number, incident, recovery);
  obligationsMet(pdf, t, obligations);
  lessons(pdf, t, review.review);

  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "incidents.report.pdf",
        targetType: "incident",
        targetId: incidentId,
        details: { state: incident.state, tlp: incident.tlp },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-incident-report-${now.toISOString().slice(0, 10)}.pdf` };
}

type Say = (key: MessageKey, values?: Record<string, string | number>) => string;

function timeline(pdf: PdfReport, t: Say, incident: Incident, obligations: readonly Obligation[]): void {
  const titles = new Map(obligations.map((obligation) => [obligation.report, obligation.title]));
  const events: { at: string; what: string }[] = [
    ...incident.states.map((change) => ({
      at: change.at,
      what: t("pdf.incident.event.state", { state: t(`pdf.incident.state.${change.state}`) }),
    })),
    ...incident.assets.flatMap((asset) =>
      asset.history.map((change) => ({
        at: change.at,
        what: `${asset.name} (${asset.ref}): ${t(`pdf.incident.asset.${change.status}`)}`,
      })),
    ),
    ...incident.notices.map((notice) => ({
      at: notice.filedAt,
      what: t("pdf.incident.event.notice", { organisation: notice.organisation.name }),
    })),
    ...incident.reports.map((report) => ({
      at: report.filedAt,
      what: t("pdf.incident.event.report", {
        report: titles.get(report.report) ?? report.report,
        organisation: report.organisation.name,
      }),
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  pdf.heading(t("pdf.incident.timeline"), 2, true);
  pdf.table(
    [t("pdf.incident.at"), t("pdf.incident.what")],
    events.map((event) => [moment(event.at), event.what]),
    [0.28, 0.72],
  );
  if (incident.hiddenAssets > 0) pdf.note(t("pdf.incident.hiddenAssets", { count: incident.hiddenAssets }));
}

function figures(
  pdf: PdfReport,
  t: Say,
  number: (value: number) => string,
  incident: Incident,
  recovery: IncidentRecovery,
): void {
  const { peakAssets, peakPopulation, hoursToFullService, stillDown } = recoveryFigures(incident, recovery);
  pdf.heading(t("pdf.incident.recovery"), 2, true);
  pdf.note(t("pdf.incident.recoveryNote"));
  pdf.facts([
    [t("pdf.incident.assetsAffected"), number(incident.assets.length)],
    [t("pdf.incident.peakAssets"), number(peakAssets)],
    [t("pdf.incident.peakPopulation"), number(peakPopulation)],
    [
      t("pdf.incident.fullService"),
      hoursToFullService === null
        ? t("pdf.incident.notYet", { count: number(stillDown) })
        : t("pdf.incident.hours", { hours: number(hoursToFullService) }),
    ],
  ]);
  if (recovery.curve.length > 0)
    pdf.table(
      [t("pdf.incident.at"), t("pdf.incident.assetsDown"), t("pdf.incident.withoutService")],
      recovery.curve.map((point) => [
        moment(point.at),
        number(point.assetsDown),
        number(point.populationWithoutService),
      ]),
      [0.34, 0.3, 0.36],
    );
}

function obligationsMet(pdf: PdfReport, t: Say, obligations: readonly Obligation[]): void {
  pdf.heading(t("pdf.incident.obligations"), 2, true);
  if (obligations.length === 0) {
    pdf.paragraph("—");
    return;
  }
  pdf.table(
    [t("pdf.incident.report"), t("pdf.incident.due"), t("pdf.incident.filed"), t("pdf.incident.status")],
    obligations.map((obligation) => [
      obligation.title,
      moment(obligation.dueAt),
      obligation.submittedAt ? moment(obligation.submittedAt) : "—",
      t(`pdf.incident.obligation.${obligation.status}`),
    ]),
    [0.34, 0.22, 0.22, 0.22],
  );
}

function lessons(pdf: PdfReport, t: Say, review: IncidentReview | null): void {
  pdf.heading(t("pdf.incident.lessons"), 2, true);
  if (!review) {
    pdf.paragraph(t("pdf.incident.noReview"));
    return;
  }
  pdf.heading(t("pdf.incident.wentWell"), 3);
  pdf.paragraph(review.wentWell || "—");
  pdf.heading(t("pdf.incident.toImprove"), 3);
  pdf.paragraph(review.toImprove || "—");
  if (review.actions.length === 0) return;
  pdf.heading(t("pdf.incident.actions"), 3);
  pdf.table(
    [t("pdf.incident.action"), t("pdf.incident.owner"), t("pdf.incident.due"), t("pdf.incident.status")],
    review.actions.map((action) => [
      action.title,
      action.ownerOrganisation.name,
      action.dueOn,
      t(`pdf.incident.actionStatus.${action.status}`),
    ]),
    [0.4, 0.26, 0.16, 0.18],
  );
}
