// A cumulative step chart drawn as plain SVG (no chart library): x in hours after the attack, y the
// running total. Each point holds from its hour until the next one; the last runs to the edge.
import { Stack, Text } from "@mantine/core";

const WIDTH = 420;
const HEIGHT = 170;
const PAD = { left: 64, right: 14, top: 12, bottom: 30 };

export interface StepPoint {
  x: number;
  y: number;
}

export function StepChart({
  title,
  points,
  colour,
  formatX,
  formatY,
  xLabel,
}: {
  title: string;
  points: readonly StepPoint[];
  colour: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  xLabel: string;
}) {
  const lastX = points.at(-1)?.x ?? 0;
  const maxX = lastX > 0 ? lastX * 1.08 : 1;
  const maxY = Math.max(1, ...points.map((point) => point.y));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + (x / maxX) * plotW;
  const sy = (y: number) => PAD.top + plotH - (y / maxY) * plotH;

  let path = `M ${sx(0)} ${sy(0)}`;
  for (const point of points) path += ` H ${sx(point.x)} V ${sy(point.y)}`;
  path += ` H ${sx(maxX)}`;
  const area = `${path} V ${sy(0)} Z`;
  const yTicks = [0, maxY / 2, maxY];
  const xTicks = lastX > 0 ? [0, lastX / 2, lastX] : [0];
  const summary = points.map((point) => `${formatX(point.x)}: ${formatY(point.y)}`).join("; ");

  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`${title}. ${summary}`}
        style={{ maxWidth: WIDTH * 1.5, direction: "ltr" }}
      >
        {yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={sy(tick)} y2={sy(tick)} stroke="#dee2e6" />
            <text x={PAD.left - 6} y={sy(tick) + 4} textAnchor="end" fontSize={11} fill="#868e96">
              {formatY(Math.round(tick))}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text
            key={`x${tick}`}
            x={sx(tick)}
            y={HEIGHT - PAD.bottom + 14}
            textAnchor="middle"
            fontSize={11}
            fill="#868e96"
          >
            {formatX(tick)}
          </text>
        ))}
        <text x={PAD.left + plotW / 2} y={HEIGHT - 2} textAnchor="middle" fontSize={11} fill="#495057">
          {xLabel}
        </text>
        <path d={area} fill={colour} fillOpacity={0.12} />
        <path d={path} fill="none" stroke={colour} strokeWidth={2} />
        {points.map((point) => (
          <circle key={`p${point.x}`} cx={sx(point.x)} cy={sy(point.y)} r={3} fill={colour} />
        ))}
      </svg>
    </Stack>
  );
}
