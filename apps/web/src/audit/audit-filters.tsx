// Filters of the audit trail: action (exact or prefix), actor, target type, date range.
import type { AuditQuery } from "@bulwark/contracts";
import { Group, Select, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useUserOptions } from "../people/user-options.ts";

export type AuditFilter = Pick<AuditQuery, "action" | "actorId" | "targetType" | "from" | "to">;

/** A date picked in the browser's time zone, as the start or the end of that day in UTC. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${end ? "23:59:59.999" : "00:00:00"}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditFilters({ onChange }: { onChange: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const users = useUserOptions();
  const [action, setAction] = useState("");
  const [targetType, setTargetType] = useState("");
  const [actorId, setActorId] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [typedAction] = useDebouncedValue(action.trim(), 400);
  const [typedTarget] = useDebouncedValue(targetType.trim(), 400);

  useEffect(() => {
    onChange({
      action: typedAction || undefined,
      targetType: typedTarget || undefined,
      actorId: actorId ?? undefined,
      from: dayBound(from, false),
      to: dayBound(to, true),
    });
  }, [typedAction, typedTarget, actorId, from, to, onChange]);

  return (
    <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={t("audit.action")}
        placeholder="auth."
        title={t("audit.actionHint")}
        leftSection={<IconSearch size={16} />}
        value={action}
        onChange={(event) => setAction(event.currentTarget.value)}
        w={{ base: "100%", sm: 200 }}
      />
      <Select
        label={t("audit.actor")}
        placeholder={t("audit.anyActor")}
        data={users.options}
        value={actorId}
        onChange={setActorId}
        searchable
        clearable
        w={{ base: "100%", sm: 260 }}
      />
      <TextInput
        label={t("audit.targetType")}
        placeholder="user"
        value={targetType}
        onChange={(event) => setTargetType(event.currentTarget.value)}
        w={{ base: "100%", sm: 160 }}
      />
      <TextInput
        label={t("audit.from")}
        type="date"
        value={from}
        onChange={(event) => setFrom(event.currentTarget.value)}
        w={{ base: "100%", sm: 170 }}
      />
      <TextInput
        label={t("audit.to")}
        type="date"
        value={to}
        onChange={(event) => setTo(event.currentTarget.value)}
        w={{ base: "100%", sm: 170 }}
      />
    </Group>
  );
}
