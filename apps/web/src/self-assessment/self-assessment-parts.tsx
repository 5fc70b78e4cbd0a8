// Pieces the self-assessment's pages share: score and state badges, percentages, and an answer
// written out in words (for the report's annex).
import type { AnswerValue, Framework, RunSummary } from "@bulwark/contracts";
import { Badge, Progress } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { DownloadButton } from "../app/download-button.tsx";
import { useFormat } from "../app/format.ts";

/** Red below 40 %, yellow below 70 %, green from there: how the eye reads a maturity score. */
export const scoreColour = (score: number | null | undefined): string =>
  score === null || score === undefined ? "gray" : score < 0.4 ? "red" : score < 0.7 ? "yellow" : "teal";

export function ScoreBadge({
  score,
  size = "md",
}: {
  score: number | null | undefined;
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  const { percent } = useFormat();
  return (
    <Badge color={scoreColour(score)} variant="light" size={size} miw="max-content" tt="none">
      {score === null || score === undefined ? t("selfAssessment.noScore") : percent(score)}
    </Badge>
  );
}

export function StateBadge({ state }: { state: RunSummary["state"] }) {
  const { t } = useTranslation();
  return (
    <Badge color={state === "submitted" ? "teal" : "blue"} variant="light" tt="none" miw="max-content">
      {t(`selfAssessment.states.${state}`)}
    </Badge>
  );
}

export function CompletenessBar({ value }: { value: number }) {
  const { percent } = useFormat();
  return <Progress value={value * 100} size="sm" radius="xl" aria-label={percent(value)} />;
}

type Question = Framework["sections"][number]["questions"][number];

/** An answer in words: "3 – An adopted strategy covers some sectors", "Partly", "2 exercises". */
export function useAnswerText(): (question: Question, value: AnswerValue | null) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (question, value) => {
    if (!value) return t("selfAssessment.noAnswer");
    switch (value.type) {
      case "maturity":
        return question.answer.type === "maturity"
          ? `${value.level} – ${question.answer.levels[value.level] ?? ""}`
          : String(value.level);
      case "choice":
        return t(`selfAssessment.choices.${value.choice}`);
      case "number":
        return question.answer.type === "number" && question.answer.unit
          ? `${format.number(value.value)} ${question.answer.unit}`
          : format.number(value.value);
      case "text":
        return value.text;
    }
  };
}

/** Downloads the run's PDF report (cover, summary, chart, gaps, recommendations, annex). */
export function ReportPdfButton({ runId }: { runId: string }) {
  const { t } = useTranslation();
  return (
    <DownloadButton
      href={client.url(`/api/self-assessment/runs/${encodeURIComponent(runId)}/report.pdf`)}
      testId="report-pdf"
    >
      {t("selfAssessment.downloadPdf")}
    </DownloadButton>
  );
}
