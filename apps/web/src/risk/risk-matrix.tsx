// The 5x5 risk matrix drawn as SVG: cells coloured by the methodology's bands, consequence rising
// upwards and exposure (likelihood x vulnerability) to the right, the appetite line along the edge
// between accepted cells and the rest, and either counts per cell (heat map) or the points of one
// assessment (current and residual).
import type { Methodology } from "@bulwark/contracts";
import { bandAboveAppetite, bandAt } from "@bulwark/core";
import { useTranslation } from "react-i18next";

const CELL = 52;
const LEFT = 34;
const BOTTOM = 30;
const SIZE = CELL * 5;

export interface MatrixPoint {
  readonly exposure: number;
  readonly consequence: number;
  readonly label: string;
  readonly hollow?: boolean;
}

/** x of the cell's left edge for exposure e (1-5); y of the top edge for consequence c (1-5). */
const xOf = (exposure: number) => LEFT + (exposure - 1) * CELL;
const yOf = (consequence: number) => (5 - consequence) * CELL;

/** Segments between cells within appetite and cells above it. */
function appetiteEdges(methodology: Methodology): [number, number, number, number][] {
  const above = (e: number, c: number) =>
    e >= 1 && e <= 5 && c >= 1 && c <= 5 && bandAboveAppetite(methodology, bandAt(methodology, e, c).id);
  const edges: [number, number, number, number][] = [];
  for (let e = 1; e <= 5; e++)
    for (let c = 1; c <= 5; c++) {
      if (!above(e, c)) continue;
      const x = xOf(e);
      const y = yOf(c);
      if (e > 1 && !above(e - 1, c)) edges.push([x, y, x, y + CELL]);
      if (c > 1 && !above(e, c - 1)) edges.push([x, y + CELL, x + CELL, y + CELL]);
    }
  return edges;
}

export function RiskMatrix({
  methodology,
  counts,
  points = [],
  title,
}: {
  methodology: Methodology;
  /** Rows consequence 1-5, columns exposure 1-5. */
  counts?: readonly (readonly number[])[];
  points?: readonly MatrixPoint[];
  title: string;
}) {
  const { t } = useTranslation();
  const cells = [];
  for (let c = 5; c >= 1; c--)
    for (let e = 1; e <= 5; e++) {
      const band = bandAt(methodology, e, c);
      const count = counts?.[c - 1]?.[e - 1] ?? 0;
      cells.push(
        <g key={`${e}-${c}`} data-testid={`cell-${e}-${c}`} data-count={count}>
          <rect
            x={xOf(e)}
            y={yOf(c)}
            width={CELL}
            height={CELL}
            fill={band.colour}
            fillOpacity={counts && count === 0 ? 0.25 : 0.75}
            stroke="var(--mantine-color-body)"
            strokeWidth={2}
          >
            <title>{`${band.label}: ${t("risk.dimensions.consequence")} ${c}, ${t("risk.matrix.exposure")} ${e}${counts ? ` (${count})` : ""}`}</title>
          </rect>
          {counts && count > 0 && (
            <text
              x={xOf(e) + CELL / 2}
              y={yOf(c) + CELL / 2 + 6}
              textAnchor="middle"
              fontSize={17}
              fontWeight={700}
              fill="#000"
            >
              {count}
            </text>
          )}
        </g>,
      );
    }
  const drawing = (
    <svg
      viewBox={`0 0 ${LEFT + SIZE + 4} ${SIZE + BOTTOM}`}
      role="img"
      aria-label={title}
      style={{ width: "100%", maxWidth: 360, height: "auto", display: "block" }}
    >
      {cells}
      {appetiteEdges(methodology).map(([x1, y1, x2, y2]) => (
        <line
          key={`${x1}-${y1}-${x2}-${y2}`}
          x1={x1}
          y1={y1}
          x2={x2}
          y2={y2}
          stroke="#1a1b1e"
          strokeWidth={4}
          strokeLinecap="round"
        />
      ))}
      {[1, 2, 3, 4, 5].map((n) => (
        <g key={n} fontSize={12} fill="currentColor">
          <text x={xOf(n) + CELL / 2} y={SIZE + 14} textAnchor="middle">
            {n}
          </text>
          <text x={LEFT - 8} y={yOf(n) + CELL / 2 + 4} textAnchor="end">
            {n}
          </text>
        </g>
      ))}
      <text x={LEFT + SIZE / 2} y={SIZE + 28} textAnchor="middle" fontSize={11} fill="currentColor">
        {t("risk.matrix.exposure")}
      </text>
      <text
        x={10}
        y={SIZE / 2}
        textAnchor="middle"
        fontSize={11}
        fill="currentColor"
        transform={`rotate(-90 10 ${SIZE / 2})`}
      >
        {t("risk.matrix.consequence")}
      </text>
      {points.map((point) => (
        <g
          key={point.label}
          data-testid={`point-${point.label}`}
          data-exposure={point.exposure}
          data-consequence={point.consequence}
        >
          <circle
            cx={xOf(point.exposure) + CELL / 2}
            cy={yOf(point.consequence) + CELL / 2}
            r={point.hollow ? 11 : 13}
            fill={point.hollow ? "none" : "#1a1b1e"}
            stroke="#1a1b1e"
            strokeWidth={3}
            strokeDasharray={point.hollow ? "4 3" : undefined}
          >
            <title>{point.label}</title>
          </circle>
        </g>
      ))}
    </svg>
  );
  if (points.length === 0) return drawing;
  // The points named beside the drawing (a filled dot, a dashed ring), not only in a tooltip.
  return (
    <div>
      {drawing}
      <ul
        data-testid="matrix-legend"
        style={{ display: "flex", gap: 16, listStyle: "none", padding: 0, margin: "6px 0 0", fontSize: 12 }}
      >
        {points.map((point) => (
          <li key={point.label} style={{ display: "flex", alignItems: "center", gap: 6 }}>
            <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true">
              <circle
                cx={8}
                cy={8}
                r={point.hollow ? 5.5 : 6}
                fill={point.hollow ? "none" : "#1a1b1e"}
                stroke="#1a1b1e"
                strokeWidth={2}
                strokeDasharray={point.hollow ? "3 2" : undefined}
              />
            </svg>
            {t("risk.matrix.pointAt", {
              label: point.label,
              exposure: point.exposure,
              consequence: point.consequence,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
