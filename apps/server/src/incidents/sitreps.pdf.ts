// A situation report as a PDF (issue 18): the ICS 209 sections, the figures and the resource
// requests as the reader sees them (sitrepDetail: the same scoped read as the JSON, so what the
// reader may not see is not printed and a report hidden from them is 404), the TLP marking at the
// top of every page (PdfReport), and an audit entry for each print.
import type { FileAnswer } from "@bulwark/contracts";
import { type Actor, EXERCISE_MARK, TLP_BANNERS } from "@bulwark/core";
import { appendAudit, exercisesOfIncidents } from "@bulwark/db";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { en } from "../i18n/en.ts";
import { type Language, type MessageKey, say } from "../i18n/messages.ts";
import { PdfReport } from "../pdf/report.ts";
import { sitrepDetail } from "./sitreps.service.ts";

const moment = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export async function sitrepPdf(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  n: number,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    say(language, values ? { key, values } : { key });
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const sitrep = await sitrepDetail(context, analysis, caller, incidentId, n);
  const { figures } = sitrep;
  const now = context.clock();
  const title = t("pdf.sitrep.title", { number: sitrep.number });
  // The situation of an incident filed in exercise mode says so on every page.
  const drill = (await exercisesOfIncidents(context.db, [incidentId])).has(incidentId)
    ? `${EXERCISE_MARK} `
    : "";
  const pdf = new PdfReport({
    title: `${drill}${title}`,
    marking: sitrep.tlp,
    language,
    createdAt: now,
    footer: `${drill}${t("pdf.sitrep.footer", {
      title,
      organisation: sitrep.organisation.name,
      moment: moment(sitrep.asOf),
    })}`,
  });
  if (drill) pdf.heading(EXERCISE_MARK, 1, true);
  pdf.heading(title, 1, true);
  pdf.facts([
    [t("pdf.sitrep.status"), t(`pdf.sitrep.status.${sitrep.status}`)],
    [t("pdf.sitrep.asOf"), moment(sitrep.asOf)],
    [t("pdf.sitrep.preparedBy"), `${sitrep.author.name} (${sitrep.organisation.name})`],
    [
      t("pdf.sitrep.approvedBy"),
      sitrep.approver ? `${sitrep.approver.name}, ${moment(sitrep.approvedAt ?? sitrep.asOf)}` : "",
    ],
    [t("pdf.sitrep.sent"), sitrep.sentAt ? moment(sitrep.sentAt) : ""],
    [t("pdf.sitrep.marking"), `${TLP_BANNERS[sitrep.tlp].label}: ${TLP_BANNERS[sitrep.tlp].text}`],
  ]);
  pdf.heading(t("pdf.sitrep.situation"), 2, true);
  pdf.paragraph(sitrep.situation || "—");

  pdf.heading(t("pdf.sitrep.assets"), 2, true);
  pdf.note(t("pdf.sitrep.assetsNote", { hours: figures.horizonHours }));
  pdf.facts([
    [t("pdf.sitrep.people"), number(figures.peopleWithoutService)],
    [
      t("pdf.sitrep.peopleWithin", { hours: figures.horizonHours }),
      number(figures.projectedPeopleWithoutService),
    ],
  ]);
  // Codes by name in the reader's language; a code no catalogue names is printed as it is.
  const word = (prefix: string, code: string) =>
    `${prefix}${code}` in en ? t(`${prefix}${code}` as MessageKey) : code;
  if (figures.assetsDown.length > 0)
    pdf.table(
      [t("pdf.sitrep.asset"), t("pdf.sitrep.sector"), t("pdf.sitrep.status"), t("pdf.sitrep.since")],
      figures.assetsDown.map((asset) => [
        `${asset.name} (${asset.ref})`,
        word("pdf.sector.", asset.sector),
        word("pdf.incident.asset.", asset.status),
        moment(asset.since),
      ]),
      [0.4, 0.25, 0.12, 0.23],
    );
  const failures = [
    ...figures.failed.map((asset) => ({ ...asset, when: t("pdf.sitrep.failed") })),
    ...figures.projected.map((asset) => ({ ...asset, when: t("pdf.sitrep.projected") })),
  ];
  if (failures.length > 0)
    pdf.table(
      [
        t("pdf.sitrep.asset"),
        t("pdf.sitrep.sector"),
        t("pdf.sitrep.fails"),
        t("pdf.sitrep.at"),
        t("pdf.sitrep.served"),
      ],
      failures.map((asset) => [
        `${asset.name} (${asset.ref})`,
        word("pdf.sector.", asset.sector),
        asset.when,
        moment(asset.at),
        number(asset.populationServed),
      ]),
      [0.34, 0.2, 0.12, 0.2, 0.14],
    );

  pdf.heading(t("pdf.sitrep.actions"), 2, true);
  pdf.paragraph(sitrep.actions || "—");
  pdf.heading(t("pdf.sitrep.resources"), 2, true);
  if (sitrep.resources) pdf.paragraph(sitrep.resources);
  if (sitrep.requests.length > 0)
    pdf.table(
      [
        t("pdf.sitrep.requested"),
        t("pdf.sitrep.from"),
        t("pdf.sitrep.to"),
        t("pdf.sitrep.neededBy"),
        t("pdf.sitrep.state"),
      ],
      sitrep.requests.map((request) => [
        `${request.quantity} ${request.unit}: ${request.what}`,
        request.from.name,
        request.to.name,
        moment(request.neededBy),
        request.state,
      ]),
      [0.34, 0.18, 0.18, 0.18, 0.12],
    );
  else if (!sitrep.resources) pdf.paragraph("—");
  pdf.heading(t("pdf.sitrep.nextSteps"), 2, true);
  pdf.paragraph(sitrep.nextSteps || "—");

  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "incidents.sitrep.pdf",
        targetType: "incident",
        targetId: incidentId,
        details: { number: sitrep.number, tlp: sitrep.tlp },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-sitrep-${sitrep.number}-${now.toISOString().slice(0, 10)}.pdf` };
}
