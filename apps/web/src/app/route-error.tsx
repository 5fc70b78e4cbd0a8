// Shown instead of a blank page when rendering fails: says so, and offers a way back.
import { Alert, Button, Center, Code, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Center mih="100vh" p="md">
      <Alert color="red" title={t("errors.generic")} maw={560} w="100%">
        <Stack>
          <Text size="sm">{t("errors.crash")}</Text>
          <Code block>{message}</Code>
          <Group>
            <Button component="a" href="/">
              {t("nav.overview")}
            </Button>
            <Button variant="default" onClick={() => window.location.reload()}>
              {t("common.retry")}
            </Button>
          </Group>
        </Stack>
      </Alert>
    </Center>
  );
}
