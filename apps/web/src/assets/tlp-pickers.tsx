// Choosing a TLP 2.0 marking, each option shown as its badge (tlp-badge.tsx). Apart from the badge,
// which the first screen shows, so that its radio buttons load only with the forms that use them.
import { TLP_MARKINGS, type TlpMarking } from "@bulwark/core";
import { Group, Radio, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TlpBadge } from "./tlp-badge.tsx";

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
