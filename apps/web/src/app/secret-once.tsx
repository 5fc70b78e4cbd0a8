// A secret the server returns only once (generated password, API token): shown with a copy button.
import { ActionIcon, Alert, Code, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconKey } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

export function SecretOnce({ title, value }: { title: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" icon={<IconKey size={18} />} title={title}>
      <Text size="sm" mb="xs">
        {t("common.showOnce")}
      </Text>
      <CopyableCode value={value} />
    </Alert>
  );
}

export function CopyableCode({ value, label }: { value: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code
        block
        style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap" }}
        aria-label={label}
        data-testid="secret-value"
      >
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("common.copied") : t("common.copy")} withArrow>
            <ActionIcon
              variant="light"
              color={copied ? "teal" : "bulwark"}
              onClick={copy}
              aria-label={copied ? t("common.copied") : t("common.copy")}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
