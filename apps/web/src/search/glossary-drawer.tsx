// The glossary's drawer (glossary.tsx): every term and its explanation, the one asked for
// highlighted. A chunk of its own, loaded when the glossary first opens.
import { Drawer, Stack, Text, Title, useDirection } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { TERMS, type TermId } from "./glossary.tsx";

export function GlossaryDrawer({
  opened,
  focus,
  onClose,
}: {
  opened: boolean;
  focus: TermId | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  useEffect(() => {
    if (!opened || !focus) return;
    // After the drawer (loaded, then opened)'s transition has laid it out.
    const timer = window.setTimeout(
      () => document.getElementById(`glossary-${focus}`)?.scrollIntoView({ block: "start" }),
      250,
    );
    return () => window.clearTimeout(timer);
  }, [opened, focus]);
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position={dir === "rtl" ? "left" : "right"}
      title={
        <Title order={2} size="h3">
          {t("search.glossary.title")}
        </Title>
      }
      size="md"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="md">
        <Text size="sm" c="gray.7">
          {t("search.glossary.intro")}
        </Text>
        <dl style={{ margin: 0 }}>
          {TERMS.map((term) => (
            <div
              key={term}
              id={`glossary-${term}`}
              data-testid={`glossary-${term}`}
              style={{
                padding: "var(--mantine-spacing-xs)",
                borderRadius: "var(--mantine-radius-sm)",
                background: term === focus ? "var(--mantine-color-yellow-0)" : undefined,
              }}
            >
              <Text component="dt" fw={700}>
                {t(`search.glossary.terms.${term}.name`)}
              </Text>
              <Text component="dd" size="sm" m={0}>
                {t(`search.glossary.terms.${term}.text`)}
              </Text>
            </div>
          ))}
        </dl>
        <Text size="xs" c="gray.7">
          {t("search.glossary.source")}
        </Text>
      </Stack>
    </Drawer>
  );
}
