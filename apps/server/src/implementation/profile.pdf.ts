// The implementation profile as a PDF, built from the very answer the page shows (so it holds only
// what the reader may see). Marked with the profile's share (AMBER+STRICT when not shared); when it
// lists actions, engagements or exercises, which are read by their parties, never wider than
// AMBER+STRICT.
import type { FileAnswer, ImplementationProfile } from "@bulwark/contracts";
import { type Actor, isWider, type TlpMarking } from "@bulwark/core";
import { appendAudit } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { formatPercent, PdfReport } from "../pdf/report.ts";
import { implementationProfile } from "./profile.service.ts";

const TREND_WORDS = { up: "rising", down: "falling", steady: "steady", new: "first run" } as const;

const narrower = (a: TlpMarking, b: TlpMarking): TlpMarking => (isWider(a, b) ? b : a);

/** The marking of the document: the share's, narrowed to AMBER+STRICT when it lists items seen by their parties. */
export function profileMarking(profile: ImplementationProfile): TlpMarking {
  const base: TlpMarking = profile.share?.tlp ?? "amber+strict";
  const listsItems =
    profile.actions.items.length > 0 || profile.engagements.length > 0 || profile.exercises.length > 0;
  return listsItems ? narrower(base, "amber+strict") : base;
}

const countryName = (code: string) => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
};

export async function profileReport(
  context: ServerContext,
  caller: Actor,
  country: string,
): Promise<FileAnswer> {
  const profile = await implementationProfile(context, caller, country);
  const now = context.clock();
  const day = now.toISOString().slice(0, 10);
  const name = countryName(country);
  const marking = profileMarking(profile);
  const pdf = new PdfReport({
    title: `Implementation of resolution 2341: ${name}`,
    marking,
    language: "en",
    createdAt: now,
    footer: `${name} · Implementation profile · Bulwark`,
  });
  const latest = profile.runs.at(-1);
  pdf.cover("Implementation of resolution 2341", name, [
    `Framework: ${profile.framework.title} (version ${profile.framework.version})`,
    `Source: ${profile.framework.citation}`,
    latest
      ? `Latest self-assessment: “${latest.title}” by ${latest.organisation}, submitted ${latest.submittedAt.slice(0, 10)}; ${profile.runs.length} submitted ${profile.runs.length === 1 ? "run" : "runs"} in all.`
      : "No self-assessment has been submitted yet.",
    `Overall score: ${formatPercent(profile.overall.score)} (${TREND_WORDS[profile.overall.trend]}).`,
    `Printed on ${day}. Counts hold only what the reader may see.`,
    profile.share
      ? `Shared by ${profile.share.organisation} under TLP:${profile.share.tlp.toUpperCase()}.`
      : "Not shared: read by the state's national authorities only.",
  ]);

  pdf.newPage();
  pdf.heading("Section by section", 1, true);
  pdf.paragraph(
    "A measure is in place when its latest answer reaches 60 % (an adopted measure, a yes, a figure near its target). Actions are open follow-up actions; overdue ones are past their due date.",
  );
  pdf.table(
    ["Section", "Score", "Trend", "Measures", "Actions (overdue)", "Engagements", "Exercises"],
    profile.sections.map((section) => [
      section.title,
      section.score === null ? "—" : formatPercent(section.score),
      TREND_WORDS[section.trend],
      String(section.measures.length),
      `${section.actions.open} (${section.actions.overdue})`,
      String(section.engagements.length),
      String(section.exercises.length),
    ]),
    [0.3, 0.1, 0.11, 0.11, 0.14, 0.13, 0.11],
  );
  pdf.note(
    `Open actions of the country: ${profile.actions.open}, of which ${profile.actions.overdue} overdue; ${profile.actions.unattributed} not tied to a section.`,
  );

  for (const section of profile.sections) {
    pdf.heading(section.title, 2, true);
    pdf.facts([
      ["Reference", section.reference ?? ""],
      [
        "Score",
        `${section.score === null ? "not answered" : formatPercent(section.score)} (${TREND_WORDS[section.trend]})`,
      ],
      [
        "Over the runs",
        section.history.map((entry) => (entry.score === null ? "—" : formatPercent(entry.score))).join(" → "),
      ],
    ]);
    if (section.measures.length > 0)
      pdf.facts([["Measures in place", section.measures.map((measure) => `• ${measure.text}`).join("\n")]]);
    if (section.actions.items.length > 0)
      pdf.facts([
        [
          "Open actions",
          section.actions.items
            .map((action) => `• ${action.title} (due ${action.dueOn}${action.overdue ? ", overdue" : ""})`)
            .join("\n"),
        ],
      ]);
    if (section.engagements.length > 0)
      pdf.facts([
        [
          "Engagements",
          section.engagements
            .map((engagement) => `• ${engagement.title}, ${engagement.provider} (${engagement.status})`)
            .join("\n"),
        ],
      ]);
    if (section.exercises.length > 0)
      pdf.facts([
        [
          "Exercises",
          section.exercises
            .map((exercise) => `• ${exercise.title} (${exercise.type}, ${exercise.status})`)
            .join("\n"),
        ],
      ]);
  }
  const tied = new Set(
    profile.sections.flatMap((section) => section.actions.items.map((action) => action.id)),
  );
  const others = profile.actions.items.filter((action) => !tied.has(action.id));
  if (others.length > 0) {
    pdf.heading("Other open actions of the country", 2, true);
    pdf.table(
      ["Action", "Event", "Due"],
      others.map((action) => [
        action.title,
        action.event.title,
        `${action.dueOn}${action.overdue ? " (overdue)" : ""}`,
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
