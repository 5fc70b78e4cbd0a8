// Add a threat scenario to the catalogue (national authorities, regulators, platform
// administrators; the server decides): family, title, summary, description, sectors, and targets
// and attack paths one per line.
import { SECTORS, THREAT_FAMILIES, type ThreatFamily } from "@bulwark/core";
import { Button, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, onlyOf, useLabels } from "../app/vocabulary.ts";

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

export function ScenarioForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState("");
  const [family, setFamily] = useState<ThreatFamily>("uas");
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [description, setDescription] = useState("");
  const [sectors, setSectors] = useState<string[]>([]);
  const [targets, setTargets] = useState("");
  const [attackPaths, setAttackPaths] = useState("");
  const save = useMutation({
    mutationFn: () =>
      client.call("createRiskScenario", {
        body: {
          slug,
          content: {
            family,
            title,
            summary,
            description,
            sectors: onlyOf(SECTORS, sectors),
            targets: lines(targets),
            attackPaths: lines(attackPaths),
          },
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["risk", "scenarios"] });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("risk.scenarios.add")} size="lg">
      <Stack gap="sm">
        <TextInput
          label={t("risk.scenarios.slug")}
          description="drone-swarm-port"
          value={slug}
          onChange={(event) => setSlug(event.currentTarget.value.trim())}
          required
        />
        <Select
          label={t("risk.scenarios.family")}
          data={THREAT_FAMILIES.map((id) => ({ value: id, label: t(`compendium.threats.${id}`) }))}
          value={family}
          onChange={(value) => {
            if (isOneOf(THREAT_FAMILIES, value)) setFamily(value);
          }}
          allowDeselect={false}
        />
        <TextInput
          label={t("risk.form.title")}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          required
        />
        <Textarea
          label={t("risk.scenarios.summary")}
          value={summary}
          onChange={(event) => setSummary(event.currentTarget.value)}
          required
          autosize
          minRows={2}
        />
        <Textarea
          label={t("risk.scenarios.description")}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          required
          autosize
          minRows={3}
        />
        <MultiSelect
          label={t("risk.columns.sector")}
          placeholder={t("risk.scenarios.sectorsAll")}
          data={labels.sectorOptions}
          value={sectors}
          onChange={setSectors}
          searchable
        />
        <Textarea
          label={t("risk.scenarios.targets")}
          description={t("risk.scenarios.onePerLine")}
          value={targets}
          onChange={(event) => setTargets(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Textarea
          label={t("risk.scenarios.attackPaths")}
          description={t("risk.scenarios.onePerLine")}
          value={attackPaths}
          onChange={(event) => setAttackPaths(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ProblemAlert error={save.error} />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t("risk.scenarios.add")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
