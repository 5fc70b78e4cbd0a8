// A radar chart of section scores, drawn as SVG by hand: one axis per section (numbered, the
// legend beside it names them), rings at 25 % steps, this run filled, the previous run dashed.
import { useTranslation } from "react-i18next";

export interface RadarSeries {
  readonly scores: readonly (number | null)[];
}

const SIZE = 320;
const CENTRE = SIZE / 2;
const RADIUS = 120;

const point = (index: number, count: number, value: number): [number, number] => {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return [CENTRE + Math.cos(angle) * RADIUS * value, CENTRE + Math.sin(angle) * RADIUS * value];
};

const path = (scores: readonly (number | null)[]) =>
  scores.map((score, index) => point(index, scores.length, score ?? 0).join(",")).join(" ");

export function RadarChart({
  labels,
  current,
  previous,
}: {
  labels: readonly string[];
  current: RadarSeries;
  previous?: RadarSeries | undefined;
}) {
  const { t } = useTranslation();
  const count = labels.length;
  if (count < 3) return null;
  return (
    <svg
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={t("selfAssessment.chartLabel")}
      style={{ width: "100%", maxWidth: 360, height: "auto", display: "block" }}
    >
      {[0.25, 0.5, 0.75, 1].map((ring) => (
        <polygon
          key={ring}
          points={path(labels.map(() => ring))}
          fill="none"
          stroke="var(--mantine-color-gray-4)"
          strokeWidth={ring === 1 ? 1.2 : 0.6}
        />
      ))}
      {labels.map((label, index) => {
        const [x, y] = point(index, count, 1);
        const [lx, ly] = point(index, count, 1.16);
        return (
          <g key={label}>
            <line
              x1={CENTRE}
              y1={CENTRE}
              x2={x}
              y2={y}
              stroke="var(--mantine-color-gray-4)"
              strokeWidth={0.6}
            />
            <text
              x={lx}
              y={ly}
              textAnchor="middle"
              dominantBaseline="middle"
              fontSize={12}
              fill="currentColor"
            >
              <title>{label}</title>
              {index + 1}
            </text>
          </g>
        );
      })}
      {previous && (
        <polygon
          points={path(previous.scores)}
          fill="none"
          stroke="var(--mantine-color-gray-6)"
          strokeWidth={1.5}
          strokeDasharray="4 3"
        >
          <title>{t("selfAssessment.chartPrevious")}</title>
        </polygon>
      )}
      <polygon
        points={path(current.scores)}
        fill="var(--mantine-color-blue-5)"
        fillOpacity={0.25}
        stroke="var(--mantine-color-blue-7)"
        strokeWidth={2}
      >
        <title>{t("selfAssessment.chartCurrent")}</title>
      </polygon>
      {current.scores.map((score, index) => {
        const [x, y] = point(index, count, score ?? 0);
        return <circle key={labels[index]} cx={x} cy={y} r={3} fill="var(--mantine-color-blue-7)" />;
      })}
    </svg>
  );
}
