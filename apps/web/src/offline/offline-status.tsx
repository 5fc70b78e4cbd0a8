// What the compendium's screens say about the copy on this device: a quiet note while online, a
// clear banner when the answers come from it.
import { Alert, Group, Text } from "@mantine/core";
import { IconCloudCheck, IconWifiOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";
import type { SavedMeta } from "./offline-database.ts";
import { useSavedCopy } from "./saved-copy.ts";

/** How many entries this device keeps for offline reading (data-count for tests). */
export function SavedCopyNote() {
  const { t } = useTranslation();
  const format = useFormat();
  const saved = useSavedCopy();
  if (saved.status !== "ready" || !saved.saved) return null;
  const { count, savedAt } = saved.saved.meta;
  return (
    <Group gap={6} c="dimmed" data-testid="offline-copy" data-count={count}>
      <IconCloudCheck size={16} aria-hidden="true" />
      <Text size="xs">{t("compendium.offline.saved", { count, date: format.dateTime(savedAt) })}</Text>
    </Group>
  );
}

/** Says that the search runs over the saved entries, how many and from when. */
/** `waiting`: the browser says it is online, but the server has not answered yet. */
export function OfflineSearchBanner({ meta, waiting = false }: { meta: SavedMeta; waiting?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const values = { count: meta.count, date: format.dateTime(meta.savedAt) };
  return (
    <Alert color="orange" icon={<IconWifiOff size={18} />} data-testid="offline-banner" role="status">
      {waiting ? t("compendium.offline.waitingBanner", values) : t("compendium.offline.banner", values)}
    </Alert>
  );
}

export function OfflineEntryBanner({ meta }: { meta: SavedMeta }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert color="orange" icon={<IconWifiOff size={18} />} data-testid="offline-banner" role="status">
      {t("compendium.offline.entryBanner", { date: format.dateTime(meta.savedAt) })}
    </Alert>
  );
}
