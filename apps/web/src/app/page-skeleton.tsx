// A page whose code is still on its way (each capability loads on first visit): header and list,
// busy. Apart from page-parts.tsx and drawn without a table, so that the router, which shows it,
// brings neither to the first screen (ADR 0042).
import { Paper, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";

const ROWS = ["r0", "r1", "r2", "r3", "r4"];
const CELLS = ["c0", "c1", "c2", "c3"];

export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap={0} aria-busy="true" data-testid="page-skeleton">
      <VisuallyHidden role="status">{t("app.loading")}</VisuallyHidden>
      <Stack gap={8} mb="lg">
        <Skeleton height={30} width={260} radius="sm" />
        <Skeleton height={14} width={420} maw="100%" radius="sm" />
      </Stack>
      <Paper withBorder>
        {ROWS.map((row, index) => (
          <div
            key={row}
            style={{
              display: "grid",
              gridTemplateColumns: `repeat(${CELLS.length}, 1fr)`,
              gap: "var(--mantine-spacing-xs)",
              padding: "10px var(--mantine-spacing-xs)",
              borderTop: index === 0 ? undefined : "1px solid var(--mantine-color-default-border)",
            }}
          >
            {CELLS.map((cell) => (
              <Skeleton key={cell} height={14} radius="sm" />
            ))}
          </div>
        ))}
      </Paper>
    </Stack>
  );
}
