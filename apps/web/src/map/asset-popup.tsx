// What a click on an asset shows: its name, reference, sector and status, and a link to its page
// (the export names assets by reference; the link waits for the id one search returns).
import { Anchor, Badge, Group, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../app/format.ts";
import { useLabels } from "../app/vocabulary.ts";
import { STATUS_COLOURS, useAssetLabels } from "../assets/asset-vocabulary.ts";
import type { GeoAsset } from "./geo-assets.ts";
import { useAssetByRef } from "./geo-assets.ts";
import { SECTOR_COLOURS } from "./map-colours.ts";

export function AssetPopup({
  asset,
  id,
  children,
}: {
  asset: GeoAsset;
  /** The asset's id when the screen knows it already (no search then). */
  id?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const assetLabels = useAssetLabels();
  const format = useFormat();
  const found = useAssetByRef(id ? null : asset.ref);
  const assetId = id ?? found.data?.id;
  return (
    <Stack gap={6} miw={200} data-testid="map-popup">
      <Stack gap={0}>
        <Text fw={600} size="sm" lh={1.3}>
          {asset.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {asset.ref}
        </Text>
      </Stack>
      <Group gap={6}>
        <Badge
          variant="dot"
          color={SECTOR_COLOURS[asset.sector]}
          size="sm"
          tt="none"
          styles={{ root: { maxWidth: "100%" } }}
        >
          {labels.sector(asset.sector)}
        </Badge>
        <Badge variant="light" color={STATUS_COLOURS[asset.status]} size="sm" tt="none">
          {assetLabels.status(asset.status)}
        </Badge>
      </Group>
      {asset.operator && (
        <Text size="xs" c="dimmed">
          {t("pattern.labelValue", { label: t("assets.operator"), value: asset.operator })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t("pattern.labelValue", { label: t("assets.population"), value: format.number(asset.population) })}
      </Text>
      {children}
      {assetId ? (
        <Anchor component={Link} to={`/assets/${assetId}`} size="sm" fw={500}>
          {t("assets.map.open")}
        </Anchor>
      ) : found.isPending ? (
        <Loader size="xs" />
      ) : (
        <Text size="xs" c="dimmed">
          {t("analysis.map.notVisible")}
        </Text>
      )}
    </Stack>
  );
}
