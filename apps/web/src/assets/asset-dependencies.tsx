// What an asset depends on (suppliers grouped by service: "needs 1 of 2 · 6 h buffer") and what
// depends on it, among the assets you may see; add and remove dependencies where the roles allow.
import type { Asset, Dependency } from "@bulwark/contracts";
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { TableSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { Term } from "../search/glossary.tsx";
import { useAssetLabels } from "./asset-vocabulary.ts";
import { DependencyForm } from "./dependency-form.tsx";

function byService(dependencies: readonly Dependency[]): [string, Dependency[]][] {
  const groups = new Map<string, Dependency[]>();
  for (const dependency of dependencies)
    groups.set(dependency.service, [...(groups.get(dependency.service) ?? []), dependency]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

const assetLink = (ref: Dependency["supplier"]) => (
  <Anchor component={Link} to={`/assets/${ref.id}`} size="sm">
    {ref.name}
  </Anchor>
);

export function AssetDependencies({ asset, canEdit }: { asset: Asset; canEdit: boolean }) {
  const { t } = useTranslation();
  const labels = useAssetLabels();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Dependency | null>(null);
  const key = ["assets", "dependencies", asset.id];
  const dependencies = useQuery({
    queryKey: key,
    queryFn: () => client.call("getAssetDependencies", { params: { id: asset.id } }),
  });
  const remove = useMutation({
    mutationFn: (dependency: Dependency) =>
      client.call("deleteDependency", { params: { id: dependency.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["assets", "dependencies"] });
      void queryClient.invalidateQueries({ queryKey: ["analysis"] });
      notifications.show({ color: "teal", message: t("assets.dependencyRemoved") });
      setRemoving(null);
    },
  });
  const removeButton = (dependency: Dependency, name: string) =>
    canEdit && (
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={`${t("common.remove")} ${name}`}
        onClick={() => {
          remove.reset();
          setRemoving(dependency);
        }}
      >
        <IconTrash size={16} />
      </ActionIcon>
    );
  const actionsHeader = (
    <Table.Th>
      <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
    </Table.Th>
  );
  const suppliers = byService(dependencies.data?.suppliers ?? []);
  const dependents = dependencies.data?.dependents ?? [];

  return (
    <>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h5">
            {t("assets.suppliers")}
          </Title>
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setAdding(true)}
            >
              {t("assets.addDependency")}
            </Button>
          )}
        </Group>
        <ProblemAlert error={dependencies.error} />
        {dependencies.isPending ? (
          <TableSkeleton columns={4} rows={2} />
        ) : suppliers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("assets.noSuppliers")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs" withRowBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("assets.service")}</Table.Th>
                  <Table.Th>{t("assets.supplier")}</Table.Th>
                  <Table.Th>{t("assets.kind")}</Table.Th>
                  {actionsHeader}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {suppliers.flatMap(([service, group]) =>
                  group.map((dependency, index) => (
                    <Table.Tr key={dependency.id}>
                      {index === 0 && (
                        <Table.Td rowSpan={group.length} style={{ verticalAlign: "top" }}>
                          <Stack gap={0}>
                            <Text size="sm" fw={600}>
                              {service}
                            </Text>
                            <Text size="xs" c="dimmed">
                              <Term id="kOfN">
                                {t("assets.needs", {
                                  k: format.number(dependency.k),
                                  n: format.number(group.length),
                                  hours: format.number(Math.min(...group.map((item) => item.bufferHours))),
                                })}
                              </Term>
                            </Text>
                          </Stack>
                        </Table.Td>
                      )}
                      <Table.Td>{assetLink(dependency.supplier)}</Table.Td>
                      <Table.Td>{labels.dependencyKind(dependency.kind)}</Table.Td>
                      <Table.Td ta="end">{removeButton(dependency, dependency.supplier.name)}</Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t("assets.dependents")}
        </Title>
        {dependencies.isPending ? (
          <TableSkeleton columns={5} rows={2} />
        ) : dependents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("assets.noDependents")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("assets.dependent")}</Table.Th>
                  <Table.Th>{t("assets.service")}</Table.Th>
                  <Table.Th>{t("assets.kind")}</Table.Th>
                  <Table.Th ta="end">{t("assets.k")}</Table.Th>
                  <Table.Th ta="end">{t("assets.bufferHours")}</Table.Th>
                  {actionsHeader}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dependents.map((dependency) => (
                  <Table.Tr key={dependency.id}>
                    <Table.Td>{assetLink(dependency.dependent)}</Table.Td>
                    <Table.Td>{dependency.service}</Table.Td>
                    <Table.Td>{labels.dependencyKind(dependency.kind)}</Table.Td>
                    <Table.Td ta="end">{format.number(dependency.k)}</Table.Td>
                    <Table.Td ta="end">{format.number(dependency.bufferHours)}</Table.Td>
                    <Table.Td ta="end">{removeButton(dependency, dependency.dependent.name)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <DependencyForm
        asset={asset}
        services={suppliers.map(([service]) => service)}
        opened={adding}
        onClose={() => setAdding(false)}
      />
      <ConfirmDialog
        opened={removing !== null}
        title={t("assets.removeDependencyTitle")}
        message={t("assets.removeDependencyText", {
          dependent: removing?.dependent.name ?? "",
          supplier: removing?.supplier.name ?? "",
          service: removing?.service ?? "",
        })}
        confirmLabel={t("common.remove")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
