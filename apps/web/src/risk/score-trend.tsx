// A small line chart of risk scores over time, drawn as SVG (0-125 upwards, time to the right).
import { useFormat } from "../app/format.ts";

const WIDTH = 420;
const HEIGHT = 150;
const PAD = { left: 34, right: 10, top: 10, bottom: 24 };

export function ScoreTrend({
  points,
  label,
}: {
  points: readonly { at: string; score: number }[];
  label: string;
}) {
  const format = useFormat();
  if (points.length === 0) return null;
  const times = points.map((point) => Date.parse(point.at));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = Math.max(1, last - first);
  const top = Math.ceil(Math.max(25, ...points.map((point) => point.score)));
  const x = (time: number) => PAD.left + ((time - first) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - score / top) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points
    .map(
      (point, index) =>
        `${index === 0 ? "M" : "L"}${x(Date.parse(point.at)).toFixed(1)},${y(point.score).toFixed(1)}`,
    )
    .join(" ");
  const firstPoint = points[0];
  const lastPoint = points.at(-1);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      style={{ width: "100%", maxWidth: 560, height: "auto", display: "block" }}
    >
      {[0, Math.round(top / 2), top].map((tick) => (
        <g key={tick}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke="var(--mantine-color-gray-4)"
            strokeDasharray="3 3"
          />
          <text x={PAD.left - 6} y={y(tick) + 4} fontSize={10} textAnchor="end" fill="currentColor">
            {tick}
          </text>
        </g>
      ))}
      <path d={path} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={2.5} />
      {points.map((point) => (
        <circle
          key={`${point.at}-${point.score}`}
          cx={x(Date.parse(point.at))}
          cy={y(point.score)}
          r={3.5}
          fill="var(--mantine-color-blue-6)"
        >
          <title>{`${format.dateTime(point.at)}: ${point.score}`}</title>
        </circle>
      ))}
      {firstPoint && (
        <text x={PAD.left} y={HEIGHT - 6} fontSize={10} fill="currentColor">
          {format.date(firstPoint.at)}
        </text>
      )}
      {lastPoint && points.length > 1 && (
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} fontSize={10} textAnchor="end" fill="currentColor">
          {format.date(lastPoint.at)}
        </text>
      )}
    </svg>
  );
}
