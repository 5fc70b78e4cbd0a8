// Merging notices (issue 17), for the authority: pick another open incident it sees, confirm, and
// its notices, assets and reports join this one (POST /merge). A merged incident says which one it
// was merged into, by title when the reader may see that one.
import type { Incident } from "@bulwark/contracts";
import { Alert, Anchor, Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { Section } from "./incident-panels.tsx";
import { incidentKey, incidentsKey } from "./incident-parts.tsx";

const OPEN_STATES = "reported,acknowledged,responding,recovering";

export function MergePanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const candidates = useQuery({
    queryKey: [...incidentsKey, "list", "merge-candidates"],
    queryFn: () => client.call("listIncidents", { query: { state: OPEN_STATES, limit: 500 } }),
  });
  const options = (candidates.data?.items ?? [])
    .filter((other) => other.id !== incident.id && other.mergedIntoId === null)
    .map((other) => ({ value: other.id, label: `${other.title} (${other.organisation.name})` }));
  const chosenLabel = options.find((option) => option.value === chosen)?.label ?? "";
  const merge = useMutation({
    mutationFn: (incidentId: string) =>
      client.call("mergeIncident", { params: { id: incident.id }, body: { incidentId } }),
    onSuccess: (next) => {
      setConfirming(false);
      setChosen(null);
      queryClient.setQueryData(incidentKey(incident.id), next);
      void queryClient.invalidateQueries({ queryKey: incidentsKey });
    },
  });
  return (
    <Section title={t("incidents.merge.title")} testId="incident-merge">
      <Text size="sm" c="dimmed">
        {t("incidents.merge.hint")}
      </Text>
      <ProblemAlert error={candidates.error} />
      {candidates.data && options.length === 0 ? (
        <Text size="sm">{t("incidents.merge.none")}</Text>
      ) : (
        <Group gap="xs" align="flex-end">
          <Select
            label={t("incidents.merge.pick")}
            data={options}
            value={chosen}
            onChange={setChosen}
            searchable
            clearable
            style={{ flex: 1 }}
          />
          <Button disabled={!chosen} onClick={() => setConfirming(true)}>
            {t("incidents.merge.submit")}
          </Button>
        </Group>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("incidents.merge.confirmTitle")}
        centered
      >
        <Stack gap="sm">
          <Text size="sm">
            {t("incidents.merge.confirmText", { merged: chosenLabel, target: incident.title })}
          </Text>
          <ProblemAlert error={merge.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("incidents.merge.cancel")}
            </Button>
            <Button color="red" loading={merge.isPending} onClick={() => chosen && merge.mutate(chosen)}>
              {t("incidents.merge.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

/** "Merged into …": the other incident's title when the reader sees it, else the general sentence. */
export function MergedIntoNotice({ mergedIntoId }: { mergedIntoId: string }) {
  const { t } = useTranslation();
  const target = useQuery({
    queryKey: incidentKey(mergedIntoId),
    queryFn: () => client.call("getIncident", { params: { id: mergedIntoId } }),
    retry: false,
  });
  return (
    <Alert color="gray" data-testid="incident-merged-into">
      <Group gap="xs">
        <Text size="sm">
          {target.data
            ? t("incidents.merge.mergedInto", { title: target.data.title })
            : t("incidents.page.mergedInto")}
        </Text>
        <Anchor component={Link} to={`/incidents/${mergedIntoId}`} size="sm">
          {t("incidents.page.openMerged")}
        </Anchor>
      </Group>
    </Alert>
  );
}
