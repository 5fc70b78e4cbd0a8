// One asset: its fields and marking, what it depends on and what depends on it; edit, remove, and
// "what if it is attacked?" (the what-if analysis with this asset selected).
import type { Asset } from "@bulwark/contracts";
import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconBolt, IconPencil, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { AssetDependencies } from "./asset-dependencies.tsx";
import { AssetForm } from "./asset-form.tsx";
import { STATUS_COLOURS, useAssetLabels, useCanEditAssets } from "./asset-vocabulary.ts";
import { TlpBadge } from "./tlp-badge.tsx";

// sigma.js and graphology load only when an asset page is opened, not with the first page.
const AssetGraph = lazy(() => import("./asset-graph.tsx").then((module) => ({ default: module.AssetGraph })));

export function AssetPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const asset = useQuery({
    queryKey: ["assets", "one", id],
    queryFn: () => client.call("getAsset", { params: { id } }),
  });
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/assets" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("assets.back")}
        </Group>
      </Anchor>
      {asset.isPending ? (
        <Loader />
      ) : asset.data ? (
        <AssetView asset={asset.data} />
      ) : (
        <ProblemAlert error={asset.error} />
      )}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function AssetView({ asset }: { asset: Asset }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const assetLabels = useAssetLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const canEdit = useCanEditAssets();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useMutation({
    mutationFn: () => client.call("deleteAsset", { params: { id: asset.id } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ["assets", "one", asset.id] });
      void queryClient.invalidateQueries({ queryKey: ["assets"] });
      void queryClient.invalidateQueries({ queryKey: ["analysis"] });
      notifications.show({ color: "teal", message: t("assets.deleted", { name: asset.name }) });
      void navigate("/assets");
    },
  });
  const dash = "—";

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={2}>
              <bdi>{asset.name}</bdi>
            </Title>
            <TlpBadge marking={asset.marking} size="md" />
          </Group>
          <Text c="dimmed" size="sm" ff="monospace">
            {asset.ref}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button
            color="red"
            variant="light"
            leftSection={<IconBolt size={16} />}
            onClick={() => void navigate(`/analysis?attack=${encodeURIComponent(asset.id)}`)}
          >
            {t("assets.whatIf")}
          </Button>
          {canEdit && (
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              {t("common.edit")}
            </Button>
          )}
          {canEdit && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => {
                remove.reset();
                setRemoving(true);
              }}
            >
              {t("common.remove")}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t("assets.details")}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Field label={t("assets.sector")}>{labels.sector(asset.sector)}</Field>
          <Field label={t("assets.subsector")}>{asset.subsector ?? dash}</Field>
          <Field label={t("assets.operator")}>{asset.operator.name}</Field>
          <Field label={t("assets.status")}>
            <Badge variant="light" color={STATUS_COLOURS[asset.status]} size="sm" tt="none" miw="max-content">
              {assetLabels.status(asset.status)}
            </Badge>
          </Field>
          <Field label={t("assets.population")}>{format.number(asset.populationServed)}</Field>
          <Field label={t("assets.capacity")}>
            {asset.capacity === null ? dash : `${format.number(asset.capacity)} ${asset.capacityUnit ?? ""}`}
          </Field>
          <Field label={t("assets.recoveryTarget")}>
            {asset.recoveryTargetHours === null
              ? dash
              : t("assets.recoveryTargetValue", { hours: format.number(asset.recoveryTargetHours) })}
          </Field>
          <Field label={t("assets.location")}>
            {asset.lat === null || asset.lon === null ? dash : `${asset.lat}, ${asset.lon}`}
          </Field>
          <Field label={t("assets.updatedAt")}>{format.dateTime(asset.updatedAt)}</Field>
        </SimpleGrid>
      </Paper>
      <AssetDependencies asset={asset} canEdit={canEdit} />
      <Suspense
        fallback={<Skeleton height={300} radius="md" role="status" aria-label={t("assets.graph.loading")} />}
      >
        <AssetGraph asset={asset} />
      </Suspense>
      <AssetForm asset={asset} opened={editing} onClose={() => setEditing(false)} />
      <ConfirmDialog
        opened={removing}
        title={t("assets.deleteTitle")}
        message={t("assets.deleteText", { name: asset.name })}
        confirmLabel={t("common.remove")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setRemoving(false)}
      />
    </>
  );
}
