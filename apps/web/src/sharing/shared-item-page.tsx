// One shared item: the TLP banner in FIRST's colours with what the reader may do, the text, its
// audience as far as the reader may know it, the actions the server allows (acknowledge, send,
// approve, withdraw, reshare), its files and, once published, who has acknowledged it and who has not.
import type { SharedItem } from "@bulwark/contracts";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  MultiSelect,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconChecks } from "@tabler/icons-react";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";
import { LoadFailure } from "../compendium/entry-parts.tsx";
import { Glossed } from "../search/glossary.tsx";
import { AttachmentsPanel } from "./attachments-panel.tsx";
import { ReviseWarning } from "./revise-warning.tsx";
import { ItemStixDownload } from "./stix-export.tsx";
import { TlpBanner } from "./tlp-banner.tsx";

export function SharedItemPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const item = useQuery({
    queryKey: ["sharing", "item", id],
    queryFn: () => client.call("getSharedItem", { params: { id } }),
  });
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/sharing" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("sharing.title")}
        </Group>
      </Anchor>
      {item.error && <LoadFailure error={item.error} notFound={t("sharing.item.notFound")} />}
      {item.data && <ItemView item={item.data} />}
    </Stack>
  );
}

function ItemView({ item }: { item: SharedItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const refresh = (next: SharedItem) => {
    queryClient.setQueryData(["sharing", "item", item.id], next);
    void queryClient.invalidateQueries({ queryKey: ["sharing", "feed"] });
    void queryClient.invalidateQueries({ queryKey: ["sharing", "acknowledgements", item.id] });
  };
  const act = useMutation({
    mutationFn: (action: "submit" | "approve" | "withdraw" | "received" | "acted") => {
      const params = { id: item.id };
      if (action === "submit") return client.call("submitSharedItem", { params });
      if (action === "approve") return client.call("approveSharedItem", { params });
      if (action === "withdraw") return client.call("withdrawSharedItem", { params });
      return client.call("acknowledgeSharedItem", { params, body: { state: action } });
    },
    onSuccess: refresh,
  });

  return (
    <Stack gap="md">
      <TlpBanner tlp={item.tlp} label={item.banner.label} text={item.banner.text} />
      {item.status === "withdrawn" && <Alert color="gray">{t("sharing.item.withdrawn")}</Alert>}
      {item.status === "awaiting-approval" && (
        <Alert color="yellow">{t("sharing.item.awaiting", { organisation: item.organisation.name })}</Alert>
      )}
      {item.status === "draft" && <Alert color="blue">{t("sharing.item.draft")}</Alert>}
      <Stack gap={4}>
        <Group gap="xs">
          <Badge variant="light">{t(`sharing.types.${item.type}`)}</Badge>
          <TlpBadge marking={item.tlp} />
          {item.sectors.map((sector) => (
            <Badge key={sector} variant="outline" color="gray" tt="none">
              {labels.sector(sector)}
            </Badge>
          ))}
        </Group>
        <Title order={2}>{item.title}</Title>
        <Text size="sm" c="dimmed">
          {t("sharing.item.from", { organisation: item.organisation.name, author: item.author.name })}
          {item.publishedAt ? ` · ${format.dateTime(item.publishedAt)}` : ""}
          {item.approver ? ` · ${t("sharing.item.approvedBy", { name: item.approver.name })}` : ""}
        </Text>
        {item.warning && <WarningLine item={item} />}
      </Stack>
      <ProblemAlert error={act.error} />
      <Group gap="sm">
        {item.abilities.acknowledge && (
          <>
            <Button
              leftSection={<IconCheck size={16} />}
              variant={item.acknowledgement === "received" ? "filled" : "default"}
              onClick={() => act.mutate("received")}
              loading={act.isPending && act.variables === "received"}
            >
              {t("sharing.item.received")}
            </Button>
            <Button
              leftSection={<IconChecks size={16} />}
              variant={item.acknowledgement === "acted" ? "filled" : "default"}
              color="teal"
              onClick={() => act.mutate("acted")}
              loading={act.isPending && act.variables === "acted"}
            >
              {t("sharing.item.acted")}
            </Button>
          </>
        )}
        {item.abilities.submit && (
          <Button onClick={() => act.mutate("submit")}>{t("sharing.item.submit")}</Button>
        )}
        {item.abilities.approve && (
          <Button color="teal" onClick={() => act.mutate("approve")}>
            {t("sharing.item.approve")}
          </Button>
        )}
        {item.cap && item.status === "published" && item.abilities.withdraw && (
          <ReviseWarning key={item.updatedAt} item={item} onDone={refresh} />
        )}
        {item.abilities.withdraw && (
          <Button color="red" variant="light" onClick={() => act.mutate("withdraw")}>
            {t("sharing.item.withdraw")}
          </Button>
        )}
        {item.publishedAt && (item.status === "published" || item.status === "withdrawn") && (
          <ItemStixDownload id={item.id} />
        )}
      </Group>
      {item.acknowledgement && (
        <Text size="sm" c="teal" data-testid="my-acknowledgement">
          {t("sharing.item.yourAck", { state: t(`sharing.acknowledgements.${item.acknowledgement}`) })}
        </Text>
      )}
      <Paper withBorder p="md" radius="md">
        <EntryMarkdown>{item.body}</EntryMarkdown>
      </Paper>
      {item.pattern && (
        <Stack gap={4}>
          <Title order={4}>{t("sharing.item.pattern")}</Title>
          <Code block data-testid="stix-pattern">
            {item.pattern}
          </Code>
        </Stack>
      )}
      <PersonalDataNote personalData={item.personalData} />
      <AttachmentsPanel itemId={item.id} />
      {item.assetIds.length > 0 && <AssetsConcerned ids={item.assetIds} />}
      <Audience item={item} />
      {item.abilities.reshare && <Reshare item={item} onDone={refresh} />}
      {item.abilities.seeAcknowledgements && <AcknowledgementTable id={item.id} />}
    </Stack>
  );
}

function Audience({ item }: { item: SharedItem }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={4}>{t("sharing.item.audience")}</Title>
      <Group gap="xs">
        {item.audience.members.map((member) => (
          <Badge
            key={`${member.kind}-${member.id}`}
            variant="light"
            color={member.kind === "user" ? "red" : "blue"}
            tt="none"
          >
            {member.name}
            {member.reshared ? ` (${t("sharing.item.reshared")})` : ""}
          </Badge>
        ))}
        {item.tlp === "clear" && item.audience.members.length === 0 && (
          <Text size="sm">{t("sharing.composePage.everyone")}</Text>
        )}
      </Group>
      {item.audience.hidden > 0 && (
        <Text size="sm" c="dimmed">
          {t("sharing.item.hidden", { count: item.audience.hidden })}
        </Text>
      )}
    </Stack>
  );
}

function Reshare({ item, onDone }: { item: SharedItem; onDone: (next: SharedItem) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [communityIds, setCommunityIds] = useState<string[]>([]);
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 500 } }),
  });
  const reshare = useMutation({
    mutationFn: () => client.call("reshareSharedItem", { params: { id: item.id }, body: { communityIds } }),
    onSuccess: (next) => {
      setCommunityIds([]);
      onDone(next);
    },
  });
  const mine = (communities.data?.items ?? []).filter((community) =>
    community.organisations.some((organisation) => organisation.id === me.organisation.id),
  );
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={4}>{t("sharing.item.reshare")}</Title>
        <Text size="sm" c="dimmed">
          {t("sharing.item.reshareHint")}
        </Text>
        <MultiSelect
          aria-label={t("sharing.composePage.communities")}
          data={mine.map((community) => ({ value: community.id, label: community.name }))}
          value={communityIds}
          onChange={setCommunityIds}
        />
        <ProblemAlert error={reshare.error} />
        <Group>
          <Button
            disabled={communityIds.length === 0}
            onClick={() => reshare.mutate()}
            loading={reshare.isPending}
          >
            {t("sharing.item.reshare")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AcknowledgementTable({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const view = useQuery({
    queryKey: ["sharing", "acknowledgements", id],
    queryFn: () => client.call("listAcknowledgements", { params: { id } }),
  });
  if (!view.data) return <ProblemAlert error={view.error} />;
  const { recipients, received, acted, pending, rows, hidden } = view.data;
  const share = (n: number) => (recipients ? (100 * n) / recipients : 0);
  return (
    <Stack gap="xs" data-testid="acknowledgements">
      <Title order={4}>{t("sharing.item.acknowledgementsTitle")}</Title>
      <Text size="sm">{t("sharing.item.summary", { received, acted, pending, recipients })}</Text>
      <Progress.Root size="lg" aria-hidden="true">
        <Progress.Section value={share(acted)} color="teal" />
        <Progress.Section value={share(received)} color="blue" />
      </Progress.Root>
      {rows.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("sharing.item.person")}</Table.Th>
                  <Table.Th>{t("sharing.item.organisation")}</Table.Th>
                  <Table.Th>{t("sharing.item.state")}</Table.Th>
                  <Table.Th>{t("sharing.item.at")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.person.id}>
                    <Table.Td>{row.person.name}</Table.Td>
                    <Table.Td>{row.organisation.name}</Table.Td>
                    <Table.Td>
                      {row.state ? (
                        <Badge variant="light" color={row.state === "acted" ? "teal" : "blue"}>
                          {t(`sharing.acknowledgements.${row.state}`)}
                        </Badge>
                      ) : (
                        <Badge variant="outline" color="gray">
                          {t("sharing.item.notYet")}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{row.at ? format.dateTime(row.at) : "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {hidden > 0 && (
        <Text size="sm" c="dimmed">
          {t("sharing.item.hiddenPeople", { count: hidden })}
        </Text>
      )}
    </Stack>
  );
}

function PersonalDataNote({ personalData }: { personalData: SharedItem["personalData"] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (personalData.purgedAt)
    return (
      <Text size="xs" c="dimmed">
        {t("sharing.item.personalPurged", { date: format.date(personalData.purgedAt) })}
      </Text>
    );
  if (personalData.found === 0) return null;
  return (
    <Text size="xs" c={personalData.asWritten ? "orange" : "dimmed"}>
      {personalData.asWritten
        ? t("sharing.item.personalAsWritten", { count: personalData.found })
        : t("sharing.item.personalPseudonymised", { count: personalData.found })}
    </Text>
  );
}

/** The assets an item concerns, each as far as the reader's own access to the registry shows it. */
function AssetsConcerned({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const assets = useQueries({
    queries: ids.map((id) => ({
      queryKey: ["assets", id],
      queryFn: () => client.call("getAsset", { params: { id } }),
      retry: false,
    })),
  });
  const visible = assets.flatMap((query) => (query.data ? [query.data] : []));
  const hidden = assets.filter((query) => query.isError).length;
  return (
    <Stack gap="xs">
      <Title order={4}>{t("sharing.item.assets")}</Title>
      <Group gap="xs">
        {visible.map((asset) => (
          <Anchor key={asset.id} component={Link} to={`/assets/${asset.id}`} size="sm">
            {asset.ref} – {asset.name}
          </Anchor>
        ))}
      </Group>
      {hidden > 0 && (
        <Text size="sm" c="dimmed">
          {t("sharing.item.assetsHidden", { count: hidden })}
        </Text>
      )}
    </Stack>
  );
}

/** An alert's CAP warning in one line, with the link to its CAP 1.2 message once it went out. */
function WarningLine({ item }: { item: SharedItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { warning, cap } = item;
  if (!warning) return null;
  return (
    <Stack gap={2} data-testid="alert-warning-line">
      <Text size="sm">
        {[
          warning.categories.map((category) => t(`sharing.warning.capCategories.${category}`)).join(", "),
          warning.event,
          t("pattern.labelValue", {
            label: t("sharing.warning.severity"),
            value: t(`sharing.warning.capSeverities.${warning.severity}`),
          }),
          t("pattern.labelValue", {
            label: t("sharing.warning.urgency"),
            value: t(`sharing.warning.capUrgencies.${warning.urgency}`),
          }),
          t("pattern.labelValue", {
            label: t("sharing.warning.certainty"),
            value: t(`sharing.warning.capCertainties.${warning.certainty}`),
          }),
          warning.expires
            ? t("pattern.labelValue", {
                label: t("sharing.warning.expires"),
                value: format.dateTime(warning.expires),
              })
            : null,
          t("pattern.labelValue", { label: t("sharing.warning.areaLabel"), value: warning.area.description }),
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {warning.instruction && <Text size="sm">{warning.instruction}</Text>}
      {cap && (
        <Group gap="xs">
          <Anchor href={cap.url} target="_blank" rel="noopener" size="sm">
            {t("sharing.warning.cap")}
          </Anchor>
          <Text size="xs" c="dimmed">
            <Glossed text={t("sharing.warning.capMessages", { count: cap.messages })} />
            {cap.withheldAssets > 0
              ? ` · ${t("sharing.warning.capWithheld", { count: cap.withheldAssets })}`
              : ""}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
