// A situation report as a PDF (issue 18): the ICS 209 sections, the figures and the resource
// requests as the reader sees them (sitrepDetail: the same scoped read as the JSON, so what the
// reader may not see is not printed and a report hidden from them is 404), the TLP marking at the
// top of every page (PdfReport), and an audit entry for each print.
import type { FileAnswer } from "@bulwark/contracts";
import { type Actor, TLP_BANNERS } from "@bulwark/core";
import { appendAudit } from "@bulwark/db";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { PdfReport } from "../pdf/report.ts";
import { sitrepDetail } from "./sitreps.service.ts";

const STATUS = { draft: "Draft", approved: "Approved, not sent yet", sent: "Sent" } as const;
const number = (value: number) => new Intl.NumberFormat("en").format(value);
const moment = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export async function sitrepPdf(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  n: number,
): Promise<FileAnswer> {
  const sitrep = await sitrepDetail(context, analysis, caller, incidentId, n);
  const { figures } = sitrep;
  const now = context.clock();
  const title = `Situation report ${sitrep.number}`;
  const pdf = new PdfReport({
    title,
    marking: sitrep.tlp,
    language: "en",
    createdAt: now,
    footer: `${title} · ${sitrep.organisation.name} · Bulwark, as of ${moment(sitrep.asOf)}`,
  });
  pdf.heading(title, 1, true);
  pdf.facts([
    ["Status", STATUS[sitrep.status]],
    ["As of", moment(sitrep.asOf)],
    ["Prepared by", `${sitrep.author.name} (${sitrep.organisation.name})`],
    [
      "Approved by",
      sitrep.approver ? `${sitrep.approver.name}, ${moment(sitrep.approvedAt ?? sitrep.asOf)}` : "",
    ],
    ["Sent", sitrep.sentAt ? moment(sitrep.sentAt) : ""],
    ["Marking", `${TLP_BANNERS[sitrep.tlp].label}: ${TLP_BANNERS[sitrep.tlp].text}`],
  ]);
  pdf.heading("Situation", 2, true);
  pdf.paragraph(sitrep.situation || "—");

  pdf.heading("Assets down and projected", 2, true);
  pdf.note(
    `Over the part of the registry the reader may see, as of the report; projected over the next ${figures.horizonHours} hours by the cascade.`,
  );
  pdf.facts([
    ["People without service", number(figures.peopleWithoutService)],
    [
      `People without service within ${figures.horizonHours} h`,
      number(figures.projectedPeopleWithoutService),
    ],
  ]);
  if (figures.assetsDown.length > 0)
    pdf.table(
      ["Asset", "Sector", "Status", "Since"],
      figures.assetsDown.map((asset) => [
        `${asset.name} (${asset.ref})`,
        asset.sector,
        asset.status,
        moment(asset.since),
      ]),
      [0.4, 0.25, 0.12, 0.23],
    );
  const failures = [
    ...figures.failed.map((asset) => ({ ...asset, when: "failed" })),
    ...figures.projected.map((asset) => ({ ...asset, when: "projected" })),
  ];
  if (failures.length > 0)
    pdf.table(
      ["Asset", "Sector", "Fails", "At", "People served"],
      failures.map((asset) => [
        `${asset.name} (${asset.ref})`,
        asset.sector,
        asset.when,
        moment(asset.at),
        number(asset.populationServed),
      ]),
      [0.34, 0.2, 0.12, 0.2, 0.14],
    );

  pdf.heading("Actions", 2, true);
  pdf.paragraph(sitrep.actions || "—");
  pdf.heading("Resources", 2, true);
  if (sitrep.resources) pdf.paragraph(sitrep.resources);
  if (sitrep.requests.length > 0)
    pdf.table(
      ["Requested", "From", "To", "Needed by", "State"],
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
  pdf.heading("Next steps", 2, true);
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
