// One proposal: what it changes against the version it started from, the entry as it would read,
// and its review (proposal-review.tsx). Its author revises it while it is open.
import type { Proposal } from "@bulwark/contracts";
import { Alert, Anchor, Button, Grid, Group, Loader, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconCheck, IconFileDiff, IconFileText, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { EntrySource, EntryTags, EntryText } from "./entry-content.tsx";
import { DiffView } from "./entry-diff.tsx";
import { LoadFailure, TlpBanner, TypeBadge } from "./entry-parts.tsx";
import { Reviews, WithdrawButton } from "./proposal-review.tsx";
import { StateBadge } from "./proposals-page.tsx";

export function ProposalPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const proposal = useQuery({
    queryKey: ["compendium", "proposal", id],
    queryFn: () => client.call("getProposal", { params: { id } }),
  });
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/compendium/proposals" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("compendium.proposals.back")}
        </Group>
      </Anchor>
      {proposal.isPending ? (
        <Loader />
      ) : proposal.data ? (
        <ProposalView proposal={proposal.data} />
      ) : (
        <LoadFailure error={proposal.error} notFound={t("compendium.proposals.notFound")} />
      )}
    </Stack>
  );
}

function ProposalView({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const format = useFormat();
  // A new entry has nothing to compare with: show it as it would read.
  const [tab, setTab] = useState<string | null>(proposal.entry ? "changes" : "proposed");
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={8} maw={860}>
          <Group gap={6}>
            <StateBadge state={proposal.state} />
            <TypeBadge type={proposal.content.type} />
            <TlpBadge marking={proposal.content.marking} />
          </Group>
          <Title order={2} lh={1.25}>
            {proposal.title}
          </Title>
          <Text size="sm">
            {proposal.entry ? (
              <Trans
                i18nKey="compendium.proposal.editOf"
                values={{ title: proposal.entry.title, version: proposal.baseVersion ?? 1 }}
                components={[
                  <Anchor key="entry" component={Link} to={`/compendium/${proposal.entry.slug}`} />,
                ]}
              />
            ) : (
              t("compendium.proposal.newEntry", { slug: proposal.slug })
            )}
          </Text>
          <Text size="sm" c="dimmed">
            {t("compendium.proposal.by", {
              name: proposal.author.name,
              organisation: proposal.organisation.name,
              date: format.dateTime(proposal.createdAt),
            })}
          </Text>
        </Stack>
        {proposal.abilities.edit && (
          <Group gap="xs">
            <Button
              component={Link}
              to={`/compendium/proposals/${proposal.id}/revise`}
              variant="default"
              leftSection={<IconPencil size={16} />}
            >
              {t("compendium.proposal.revise")}
            </Button>
            <WithdrawButton proposal={proposal} />
          </Group>
        )}
      </Group>
      <TlpBanner marking={proposal.content.marking} />
      {proposal.state === "approved" && proposal.publishedVersion !== null && (
        <Alert color="teal" icon={<IconCheck size={18} />}>
          <Group justify="space-between" gap="sm">
            <Text size="sm" fw={600}>
              {t("compendium.proposal.published", { version: proposal.publishedVersion })}
            </Text>
            <Button component={Link} to={`/compendium/${proposal.slug}`} size="xs" color="teal">
              {t("compendium.proposal.openEntry")}
            </Button>
          </Group>
        </Alert>
      )}
      {proposal.note && (
        <Paper withBorder radius="md" p="md" bg="gray.0">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
            {t("compendium.proposal.note")}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {proposal.note}
          </Text>
        </Paper>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="changes" leftSection={<IconFileDiff size={16} />}>
            {t("compendium.proposal.changes")}
          </Tabs.Tab>
          <Tabs.Tab value="proposed" leftSection={<IconFileText size={16} />}>
            {t("compendium.proposal.proposed")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="changes">
          <DiffView diff={proposal.diff} />
        </Tabs.Panel>
        <Tabs.Panel value="proposed">
          <Grid gutter="xl">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Paper withBorder radius="md" p={{ base: "md", sm: "xl" }}>
                <EntryText content={proposal.content} />
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="md">
                <EntrySource source={proposal.content.source} />
                <EntryTags content={proposal.content} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
      </Tabs>
      <Reviews proposal={proposal} />
    </>
  );
}
