// STIX 2.1 downloads: one item, the feed as filtered, the asset registry. GET exports are plain
// links the browser downloads (the server names the file); the feed's export is a POST, so its
// bytes come back through the typed client and are saved from a Blob URL.
import type { StixExportRequest } from "@bulwark/contracts";
import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { DownloadButton } from "../app/download-button.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";

function save(file: { bytes: Uint8Array; filename: string }) {
  const url = URL.createObjectURL(new Blob([new Uint8Array(file.bytes)], { type: "application/stix+json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** "Download STIX 2.1" on a published or withdrawn item's page. */
export function ItemStixDownload({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <DownloadButton href={client.url(`/api/sharing/items/${encodeURIComponent(id)}/stix`)} testId="item-stix">
      {t("sharing.stix.item")}
    </DownloadButton>
  );
}

/** "Export STIX" on the feed: the items matching its current filters, as one bundle. */
export function FeedStixExport({ filter }: { filter: NonNullable<StixExportRequest["filter"]> }) {
  const { t } = useTranslation();
  const run = useMutation({
    mutationFn: () => client.call("exportSharingStix", { body: { filter } }),
    onSuccess: save,
  });
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        loading={run.isPending}
        onClick={() => run.mutate()}
        data-testid="feed-stix"
      >
        {t("sharing.stix.feed")}
      </Button>
      <ProblemAlert error={run.error} />
    </>
  );
}

/** "Export STIX" on the asset registry: the assets you may read, as one bundle. */
export function RegistryStixExport() {
  const { t } = useTranslation();
  return (
    <DownloadButton href={client.url("/api/registry/stix")} testId="registry-stix">
      {t("sharing.stix.registry")}
    </DownloadButton>
  );
}
