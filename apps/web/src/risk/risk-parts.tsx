// Small pieces the risk pages share: a band badge, a review-date badge and a score.
import type { AssessmentSummary } from "@bulwark/contracts";
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";
import { contrast } from "../app/readable-colours.ts";

/** Black or white, whichever reads better on the band's colour (the methodology picks the colour). */
export function textOn(colour: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(colour)) return "#fff";
  return contrast(colour, "#000000") >= contrast(colour, "#ffffff") ? "#000" : "#fff";
}

export function BandBadge({
  band,
  score,
}: {
  band: { id: string; label: string; colour: string };
  score?: number;
}) {
  return (
    <Badge
      radius="sm"
      tt="none"
      style={{ background: band.colour, color: textOn(band.colour), minWidth: "max-content" }}
      data-band={band.id}
    >
      {score === undefined ? band.label : `${score} · ${band.label}`}
    </Badge>
  );
}

const REVIEW_COLOURS = { overdue: "red", "due-soon": "orange", scheduled: "gray" } as const;

export function ReviewBadge({ item }: { item: Pick<AssessmentSummary, "reviewDate" | "reviewState"> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Badge
      variant="light"
      color={REVIEW_COLOURS[item.reviewState]}
      tt="none"
      radius="sm"
      style={{ minWidth: "max-content" }}
    >
      {format.date(`${item.reviewDate}T12:00:00Z`)}
      {item.reviewState !== "scheduled" && ` · ${t(`risk.reviewStates.${item.reviewState}`)}`}
    </Badge>
  );
}
