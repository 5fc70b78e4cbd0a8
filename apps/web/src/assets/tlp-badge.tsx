// A TLP 2.0 marking as a badge in the FIRST colours: CLEAR white with a grey outline, GREEN green,
// AMBER amber (with +STRICT), RED red, always labelled in full ("TLP:AMBER+STRICT").
import { TLP_MARKINGS, type TlpMarking } from "@bulwark/core";
import { Badge, Group, Radio, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
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

/** Choose a marking, each option shown as its badge. */
export function TlpPicker({
  value,
  onChange,
  error,
}: {
  value: TlpMarking;
  onChange: (value: TlpMarking) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t("assets.marking")}
      description={t("assets.markingHint")}
      value={value}
      onChange={(next) => {
        const found = TLP_MARKINGS.find((marking) => marking === next);
        if (found) onChange(found);
      }}
      error={error}
    >
      <Group gap="md" mt={6}>
        {TLP_MARKINGS.map((marking) => (
          <Radio
            key={marking}
            value={marking}
            aria-label={t(`markings.${marking}`)}
            label={
              <Text span size="sm">
                <TlpBadge marking={marking} />
              </Text>
            }
          />
        ))}
      </Group>
    </Radio.Group>
  );
}

/**
 * Choose the marking of something shared, each option its badge and the sharing rule it carries
 * (sharing's compose page, the incident notice). `disabled` greys out markings the author may not use.
 */
export function TlpRulePicker({
  label,
  description,
  value,
  onChange,
  disabled,
}: {
  label: ReactNode;
  description?: ReactNode;
  value: TlpMarking;
  onChange: (value: TlpMarking) => void;
  disabled?: (marking: TlpMarking) => boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={label}
      description={description}
      value={value}
      onChange={(next) => {
        const found = TLP_MARKINGS.find((marking) => marking === next);
        if (found) onChange(found);
      }}
    >
      <Stack gap={6} mt={6}>
        {TLP_MARKINGS.map((marking) => (
          <Radio
            key={marking}
            value={marking}
            disabled={disabled?.(marking) ?? false}
            aria-label={t(`markings.${marking}`)}
            label={
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <TlpBadge marking={marking} size="xs" />
                <Text span size="xs" c="dimmed">
                  {t(`sharing.rules.${marking}`)}
                </Text>
              </Group>
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
