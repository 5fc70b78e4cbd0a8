// Shows an error from the server (RFC 9457 problem details) or a network failure in plain words.
// The title is rendered inside the alert rather than as its label, so that an error such as
// "Wrong email or password" never becomes a second element labelled "Password" next to the field.
import { Alert, List, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { problemOf } from "./api.ts";

function ErrorBox({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
      <Text fw={700} size="sm">
        {title}
      </Text>
      {children}
    </Alert>
  );
}

export function ProblemAlert({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = problemOf(error);
  if (!problem)
    return (
      <ErrorBox title={t("errors.generic")}>
        <Text size="sm">{t("errors.network")}</Text>
      </ErrorBox>
    );
  // Field errors shown next to their field are not repeated here.
  const others = (problem.errors ?? []).filter((item) => !fields.some((field) => item.path.includes(field)));
  // The database is down, silent or full (503): the server's English words name it for operators;
  // a user is told, in their language, to wait (or that nothing can be saved).
  const unavailable =
    problem.status === 503
      ? t(
          problem.type === "urn:bulwark:problem:database-disk-full"
            ? "errors.storageFull"
            : "errors.unavailable",
        )
      : null;
  const detail = unavailable ?? problem.detail ?? (problem.status === 403 ? t("errors.notAllowed") : null);
  return (
    <ErrorBox title={unavailable ? t("errors.generic") : problem.title}>
      {detail && <Text size="sm">{detail}</Text>}
      {others.length > 0 && (
        <List size="sm" mt="xs">
          {others.map((item) => (
            <List.Item key={`${item.path}:${item.message}`}>
              {item.path ? `${item.path}: ` : ""}
              {item.message}
            </List.Item>
          ))}
        </List>
      )}
    </ErrorBox>
  );
}
