// Record that an asset depends on another for a service: the supplier picked by searching the
// registry, the service, its kind, how many suppliers it needs (k) and its buffer in hours.
import type { Asset, DependencyCreate } from "@bulwark/contracts";
import { DEPENDENCY_KINDS } from "@bulwark/core";
import { Autocomplete, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, type Option } from "../app/vocabulary.ts";
import { AssetSelect } from "./asset-search.tsx";
import { useAssetLabels } from "./asset-vocabulary.ts";

const COMMON_SERVICES = ["electricity", "water", "gas", "telecom", "fuel", "cooling", "transport", "data"];
const FIELDS = ["supplierId", "service", "kind", "k", "bufferHours"];

export function DependencyForm({
  asset,
  services,
  opened,
  onClose,
}: {
  asset: Asset;
  /** Services it already depends on, offered first. */
  services: string[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("assets.dependencyTitle", { name: asset.name })}
      centered
    >
      {opened && <FormBody asset={asset} services={services} onClose={onClose} />}
    </Modal>
  );
}

function FormBody({ asset, services, onClose }: { asset: Asset; services: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useAssetLabels();
  const [supplier, setSupplier] = useState<Option | null>(null);
  const [service, setService] = useState("");
  const [kind, setKind] = useState<string | null>("physical");
  const [k, setK] = useState<number | string>(1);
  const [bufferHours, setBufferHours] = useState<number | string>(0);
  const [missing, setMissing] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (body: DependencyCreate) => client.call("createDependency", { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["assets", "dependencies"] });
      void queryClient.invalidateQueries({ queryKey: ["analysis"] });
      notifications.show({ color: "teal", message: t("assets.dependencyAdded") });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const errorOf = (field: string) => (missing.includes(field) ? t("common.required") : errors[field]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = [...(supplier ? [] : ["supplierId"]), ...(service.trim() ? [] : ["service"])];
    setMissing(gaps);
    if (!supplier || gaps.length > 0) return;
    save.mutate({
      dependentId: asset.id,
      supplierId: supplier.value,
      service: service.trim(),
      kind: isOneOf(DEPENDENCY_KINDS, kind) ? kind : "physical",
      k: typeof k === "number" ? k : 1,
      bufferHours: typeof bufferHours === "number" ? bufferHours : 0,
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <AssetSelect
          label={t("assets.supplier")}
          description={t("assets.supplierHint")}
          value={supplier}
          onChange={setSupplier}
          exclude={[asset.id]}
          error={errorOf("supplierId")}
          required
        />
        <Autocomplete
          label={t("assets.service")}
          description={t("assets.serviceHint")}
          data={[...new Set([...services, ...COMMON_SERVICES])]}
          value={service}
          onChange={setService}
          error={errorOf("service")}
          required
        />
        <Select
          label={t("assets.kind")}
          data={labels.dependencyKindOptions}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
          error={errors.kind}
        />
        <SimpleGrid cols={2}>
          <NumberInput
            label={t("assets.k")}
            description={t("assets.kHint")}
            value={k}
            onChange={setK}
            min={1}
            allowDecimal={false}
            error={errors.k}
          />
          <NumberInput
            label={t("assets.bufferHours")}
            description={t("assets.bufferHint")}
            value={bufferHours}
            onChange={setBufferHours}
            min={0}
            error={errors.bufferHours}
          />
        </SimpleGrid>
        <ProblemAlert error={save.error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
