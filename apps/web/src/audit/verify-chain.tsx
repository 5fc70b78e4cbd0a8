// Checks the audit trail's hash chain on demand and says plainly whether it is intact.
import { Alert, Button, Stack, Text } from "@mantine/core";
import { IconCircleCheck, IconLinkOff, IconShieldCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";

export function useVerifyChain() {
  return useMutation({ mutationFn: () => client.call("verifyAudit") });
}

export function VerifyButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const { t } = useTranslation();
  return (
    <Button
      variant="light"
      leftSection={<IconShieldCheck size={16} />}
      loading={verify.isPending}
      onClick={() => verify.mutate()}
    >
      {t("audit.verify")}
    </Button>
  );
}

export function VerifyResult({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const result = verify.data;
  if (verify.error) return <ProblemAlert error={verify.error} />;
  if (!result) return null;
  const number = format.number(result.checked);
  if (result.ok)
    return (
      <Alert
        color="teal"
        icon={<IconCircleCheck size={18} />}
        title={t("audit.intact", { number })}
        role="status"
      />
    );
  return (
    <Alert
      color="red"
      icon={<IconLinkOff size={18} />}
      role="alert"
      title={result.firstBroken ? t("audit.broken", { seq: result.firstBroken.seq }) : t("errors.generic")}
    >
      <Stack gap={4}>
        {result.firstBroken && (
          <Text size="sm">{t("audit.brokenReason", { reason: result.firstBroken.reason, number })}</Text>
        )}
      </Stack>
    </Alert>
  );
}
