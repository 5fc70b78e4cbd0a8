// The implementation profile as a PDF, built from the very answer the page shows (so it holds only
// what the reader may see). Marked with the profile's share (AMBER+STRICT when not shared); when it
// lists actions, engagements or exercises, which are read by their parties, never wider than
// AMBER+STRICT.
import type { FileAnswer, ImplementationProfile } from "@bulwark/contracts";
import { type Actor, isWider, type TlpMarking } from "@bulwark/core";
import { appendAudit } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { type Language, type MessageKey, say } from "../i18n/messages.ts";
import { formatPercent, PdfReport } from "../pdf/report.ts";
import { implementationProfile } from "./profile.service.ts";

const narrower = (a: TlpMarking, b: TlpMarking): TlpMarking => (isWider(a, b) ? b : a);

/** The marking of the document: the share's, narrowed to AMBER+STRICT when it lists items seen by their parties. */
export function profileMarking(profile: ImplementationProfile): TlpMarking {
  const base: TlpMarking = profile.share?.tlp ?? "amber+strict";
  const listsItems =
    profile.actions.items.length > 0 || profile.engagements.length > 0 || profile.exercises.length > 0;
  return listsItems ? narrower(base, "amber+strict") : base;
}

const countryName = (code: string, language: Language) => {
  try {
    return new Intl.DisplayNames([language], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
};

export async function profileReport(
  context: ServerContext,
  caller: Actor,
  country: string,
  language: Language = "en",
): Promise<FileAnswer> {
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    say(language, values ? { key, values } : { key });
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const trend = (value: ImplementationProfile["overall"]["trend"]) => t(`pdf.implementation.trend.${value}`);
  const profile = await implementationProfile(context, caller, country, language);
  const now = context.clock();
  const day = now.toISOString().slice(0, 10);
  const name = countryName(country, language);
  const marking = profileMarking(profile);
  const pdf = new PdfReport({
    title: `${t("pdf.implementation.title")}: ${name}`,
    marking,
    language,
    createdAt: now,
    footer: `${name} · ${t("pdf.implementation.profile")} · Bulwark`,
  });
  const latest = profile.runs.at(-1);
  pdf.cover(t("pdf.implementation.title"), name, [
    t("pdf.implementation.framework", {
      title: profile.framework.title,
      version: profile.framework.version,
    }),
    t("pdf.implementation.source", { citation: profile.framework.citation }),
    latest
      ? t("pdf.implementation.latest", {
          title: latest.title,
          organisation: latest.organisation,
          date: latest.submittedAt.slice(0, 10),
          count: number(profile.runs.length),
        })
      : t("pdf.implementation.noRuns"),
    t("pdf.implementation.overall", {
      score: formatPercent(profile.overall.score),
      trend: trend(profile.overall.trend),
    }),
    t("pdf.implementation.printed", { date: day }),
    profile.share
      ? t("pdf.implementation.sharedBy", {
          organisation: profile.share.organisation,
          tlp: profile.share.tlp.toUpperCase(),
        })
      : t("pdf.implementation.notShared"),
  ]);

  pdf.newPage();
  pdf.heading(t("pdf.implementation.bySection"), 1, true);
  pdf.paragraph(t("pdf.implementation.bySectionNote"));
  pdf.table(
    [
      t("pdf.implementation.section"),
      t("pdf.implementation.score"),
      t("pdf.implementation.trend"),
      t("pdf.implementation.measures"),
      t("pdf.implementation.actionsOverdue"),
      t("pdf.implementation.engagements"),
      t("pdf.implementation.exercises"),
    ],
    profile.sections.map((section) => [
      section.title,
      section.score === null ? "—" : formatPercent(section.score),
      trend(section.trend),
      number(section.measures.length),
      `${number(section.actions.open)} (${number(section.actions.overdue)})`,
      number(section.engagements.length),
      number(section.exercises.length),
    ]),
    [0.3, 0.1, 0.11, 0.11, 0.14, 0.13, 0.11],
  );
  pdf.note(
    t("pdf.implementation.countryActions", {
      open: number(profile.actions.open),
      overdue: number(profile.actions.overdue),
      unattributed: number(profile.actions.unattributed),
    }),
  );

  for (const section of profile.sections) {
    pdf.heading(section.title, 2, true);
    pdf.facts([
      [t("pdf.implementation.reference"), section.reference ?? ""],
      [
        t("pdf.implementation.score"),
        `${section.score === null ? t("pdf.implementation.notAnswered") : formatPercent(section.score)} (${trend(section.trend)})`,
      ],
      [
        t("pdf.implementation.overRuns"),
        section.history.map((entry) => (entry.score === null ? "—" : formatPercent(entry.score))).join(" → "),
      ],
    ]);
    if (section.measures.length > 0)
      pdf.facts([
        [
          t("pdf.implementation.measuresInPlace"),
          section.measures.map((measure) => `• ${measure.text}`).join("\n"),
        ],
      ]);
    if (section.actions.items.length > 0)
      pdf.facts([
        [
          t("pdf.implementation.openActions"),
          section.actions.items
            .map(
              (action) =>
                `• ${action.title} (${t("pdf.implementation.due", { date: action.dueOn })}${action.overdue ? `, ${t("pdf.implementation.overdue")}` : ""})`,
            )
            .join("\n"),
        ],
      ]);
    if (section.engagements.length > 0)
      pdf.facts([
        [
          t("pdf.implementation.engagements"),
          section.engagements
            .map(
              (engagement) =>
                `• ${engagement.title}, ${engagement.provider} (${t(`pdf.engagement.status.${engagement.status}`)})`,
            )
            .join("\n"),
        ],
      ]);
    if (section.exercises.length > 0)
      pdf.facts([
        [
          t("pdf.implementation.exercises"),
          section.exercises
            .map(
              (exercise) =>
                `• ${exercise.title} (${t(`pdf.exercise.type.${exercise.type}`)}, ${t(`pdf.exercise.status.${exercise.status}`)})`,
            )
            .join("\n"),
        ],
      ]);
  }
  const tied = new Set(
    profile.sections.flatMap((section) => section.actions.items.map((action) => action.id)),
  );
  const others = profile.actions.items.filter((action) => !tied.has(action.id));
  if (others.length > 0) {
    pdf.heading(t("pdf.implementation.otherActions"), 2, true);
    pdf.table(
      [t("pdf.implementation.action"), t("pdf.implementation.event"), t("pdf.implementation.dueColumn")],
      others.map((action) => [
        action.title,
        action.event.title,
        `${action.dueOn}${action.overdue ? ` (${t("pdf.implementation.overdue")})` : ""}`,
      ]),
      [0.5, 0.3, 0.2],
    );
  }
  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "implementation.pdf",
        targetType: "implementation-profile",
        targetId: null,
        details: { country, marking, sections: profile.sections.length },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-implementation-${country.toLowerCase()}-${day}.pdf` };
}
