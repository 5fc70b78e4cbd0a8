// Register or edit an asset in a modal. The server decides who may; its answer (403 included) is shown.
import type { Asset, AssetCreate } from "@bulwark/contracts";
import { ASSET_STATUSES, SECTORS, type Sector, type TlpMarking } from "@bulwark/core";
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, useLabels } from "../app/vocabulary.ts";
import { useOrganisationOptions } from "../organisations/organisation-options.ts";
import { useAssetLabels } from "./asset-vocabulary.ts";
import { TlpPicker } from "./tlp-pickers.tsx";

interface Draft {
  ref: string;
  name: string;
  sector: string | null;
  subsector: string;
  operatorId: string | null;
  lat: number | string;
  lon: number | string;
  populationServed: number | string;
  capacity: number | string;
  capacityUnit: string;
  recoveryTargetHours: number | string;
  status: string | null;
  marking: TlpMarking;
}

function draftOf(asset: Asset | null, operatorId: string): Draft {
  return {
    ref: asset?.ref ?? "",
    name: asset?.name ?? "",
    sector: asset?.sector ?? null,
    subsector: asset?.subsector ?? "",
    operatorId: asset?.operator.id ?? operatorId,
    lat: asset?.lat ?? "",
    lon: asset?.lon ?? "",
    populationServed: asset?.populationServed ?? 0,
    capacity: asset?.capacity ?? "",
    capacityUnit: asset?.capacityUnit ?? "",
    recoveryTargetHours: asset?.recoveryTargetHours ?? "",
    status: asset?.status ?? "operational",
    marking: asset?.marking ?? "amber",
  };
}

const numberOrNull = (value: number | string) => (typeof value === "number" ? value : null);

function bodyOf(draft: Draft, sector: Sector, operatorId: string): AssetCreate {
  return {
    ref: draft.ref.trim(),
    name: draft.name,
    sector,
    subsector: draft.subsector.trim() || null,
    operatorId,
    lat: numberOrNull(draft.lat),
    lon: numberOrNull(draft.lon),
    populationServed: numberOrNull(draft.populationServed) ?? 0,
    capacity: numberOrNull(draft.capacity),
    capacityUnit: draft.capacityUnit.trim() || null,
    recoveryTargetHours: numberOrNull(draft.recoveryTargetHours),
    status: isOneOf(ASSET_STATUSES, draft.status) ? draft.status : "operational",
    marking: draft.marking,
  };
}

const FIELDS = [
  "ref",
  "name",
  "sector",
  "subsector",
  "operatorId",
  "lat",
  "lon",
  "populationServed",
  "recoveryTargetHours",
];

export function AssetForm({
  asset,
  opened,
  onClose,
}: {
  /** null: a new asset. */
  asset: Asset | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={asset ? t("assets.editTitle") : t("assets.new")}
      size="lg"
      centered
    >
      {opened && <FormBody key={asset?.id ?? "new"} asset={asset} onClose={onClose} />}
    </Modal>
  );
}

function FormBody({ asset, onClose }: { asset: Asset | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const assetLabels = useAssetLabels();
  const operators = useOrganisationOptions();
  const [draft, setDraft] = useState<Draft>(() => draftOf(asset, me.organisation.id));
  const [missing, setMissing] = useState<string[]>([]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: (body: AssetCreate) =>
      asset
        ? client.call("updateAsset", { params: { id: asset.id }, body })
        : client.call("createAsset", { body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["assets"] });
      void queryClient.invalidateQueries({ queryKey: ["analysis"] });
      notifications.show({
        color: "teal",
        message: asset
          ? t("assets.updated", { name: saved.name })
          : t("assets.created", { name: saved.name }),
      });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const errorOf = (field: string) => (missing.includes(field) ? t("common.required") : errors[field]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { sector, operatorId } = draft;
    setMissing([...(isOneOf(SECTORS, sector) ? [] : ["sector"]), ...(operatorId ? [] : ["operatorId"])]);
    if (isOneOf(SECTORS, sector) && operatorId) save.mutate(bodyOf(draft, sector, operatorId));
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("assets.ref")}
            description={t("assets.refHint")}
            value={draft.ref}
            onChange={(event) => set("ref", event.currentTarget.value)}
            error={errors.ref}
            required
            data-autofocus
          />
          <TextInput
            label={t("assets.name")}
            value={draft.name}
            onChange={(event) => set("name", event.currentTarget.value)}
            error={errors.name}
            required
          />
          <Select
            label={t("assets.sector")}
            data={labels.sectorOptions}
            value={draft.sector}
            onChange={(value) => set("sector", value)}
            error={errorOf("sector")}
            required
            searchable
            allowDeselect={false}
          />
          <TextInput
            label={t("assets.subsector")}
            value={draft.subsector}
            onChange={(event) => set("subsector", event.currentTarget.value)}
            error={errors.subsector}
          />
          <Select
            label={t("assets.operator")}
            data={operators.options}
            value={draft.operatorId}
            onChange={(value) => set("operatorId", value)}
            error={errorOf("operatorId")}
            required
            searchable
            allowDeselect={false}
          />
          <Select
            label={t("assets.status")}
            data={assetLabels.statusOptions}
            value={draft.status}
            onChange={(value) => set("status", value)}
            error={errors.status}
            allowDeselect={false}
          />
          <NumberInput
            label={t("assets.lat")}
            value={draft.lat}
            onChange={(value) => set("lat", value)}
            min={-90}
            max={90}
            decimalScale={6}
            error={errors.lat}
          />
          <NumberInput
            label={t("assets.lon")}
            value={draft.lon}
            onChange={(value) => set("lon", value)}
            min={-180}
            max={180}
            decimalScale={6}
            error={errors.lon}
          />
          <NumberInput
            label={t("assets.population")}
            value={draft.populationServed}
            onChange={(value) => set("populationServed", value)}
            min={0}
            allowDecimal={false}
            thousandSeparator
            error={errors.populationServed}
          />
          <Group gap="xs" grow align="flex-start">
            <NumberInput
              label={t("assets.capacity")}
              value={draft.capacity}
              onChange={(value) => set("capacity", value)}
              min={0}
              error={errors.capacity}
            />
            <TextInput
              label={t("assets.capacityUnit")}
              placeholder="MW"
              value={draft.capacityUnit}
              onChange={(event) => set("capacityUnit", event.currentTarget.value)}
              error={errors.capacityUnit}
            />
          </Group>
          <NumberInput
            label={t("assets.recoveryTarget")}
            description={t("assets.recoveryTargetHint")}
            value={draft.recoveryTargetHours}
            onChange={(value) => set("recoveryTargetHours", value)}
            min={0}
            max={8760}
            error={errors.recoveryTargetHours}
          />
        </SimpleGrid>
        <TlpPicker value={draft.marking} onChange={(value) => set("marking", value)} error={errors.marking} />
        <ProblemAlert error={save.error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {asset ? t("common.save") : t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
