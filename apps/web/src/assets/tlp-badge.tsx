// A TLP 2.0 marking as a badge in the FIRST colours: CLEAR white with a grey outline, GREEN green,
// AMBER amber (with +STRICT), RED red, always labelled in full ("TLP:AMBER+STRICT").
import type { TlpMarking } from "@bulwark/core";
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const STYLES: Record<TlpMarking, { bg: string; fg: string; border: string }> = {
  clear: { bg: "#FFFFFF", fg: "#000000", border: "#868E96" },
  green: { bg: "#33FF00", fg: "#000000", border: "#33FF00" },
  amber: { bg: "#FFC000", fg: "#000000", border: "#FFC000" },
  "amber+strict": { bg: "#FFC000", fg: "#000000", border: "#FFC000" },
  red: { bg: "#FF2B2B", fg: "#000000", border: "#FF2B2B" },
};

export function TlpBadge({ marking, size = "sm" }: { marking: TlpMarking; size?: "xs" | "sm" | "md" }) {
  const { t } = useTranslation();
  const style = STYLES[marking];
  return (
    <Badge
      size={size}
      radius="sm"
      tt="none"
      ff="monospace"
      style={{
        background: style.bg,
        color: style.fg,
        border: `1px solid ${style.border}`,
        minWidth: "max-content",
      }}
    >
      {t(`markings.${marking}`)}
    </Badge>
  );
}
