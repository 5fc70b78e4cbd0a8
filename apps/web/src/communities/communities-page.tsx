// Communities as cards: who belongs, who moderates; open one for its detail.
import type { Community } from "@bulwark/contracts";
import { Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus, IconSearch, IconUsersGroup } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useCan } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { CommunityDetail } from "./community-detail.tsx";
import { CommunityForm } from "./community-form.tsx";
import { InvitationsPanel } from "./invitations-panel.tsx";

const PAGE_SIZE = 24;

function CommunityCard({ community, onOpen }: { community: Community; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm" h="100%">
        <Group gap="xs" wrap="nowrap">
          <IconUsersGroup size={20} color="var(--mantine-color-bulwark-8)" />
          <Text fw={600} lineClamp={1}>
            {community.name}
          </Text>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={3} style={{ flex: 1 }}>
          {community.description || t("communities.noDescription")}
        </Text>
        <Text size="sm">
          {t("communities.organisationCount", { number: format.number(community.organisations.length) })}
        </Text>
        <Group gap={4}>
          {community.moderators.slice(0, 4).map((moderator) => (
            <Badge key={moderator.id} variant="light" size="sm" tt="none">
              {moderator.name}
            </Badge>
          ))}
          {community.moderators.length > 4 && (
            <Badge variant="light" size="sm" color="gray">
              +{format.number(community.moderators.length - 4)}
            </Badge>
          )}
        </Group>
        <Button variant="light" onClick={onOpen} aria-label={`${t("common.open")} ${community.name}`}>
          {t("common.open")}
        </Button>
      </Stack>
    </Card>
  );
}

export function CommunitiesPage() {
  const { t } = useTranslation();
  const canCreate = useCan("community:create");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const query = { q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({
    queryKey: ["communities", "list", query],
    queryFn: () => client.call("listCommunities", { query }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t("communities.title")}
        subtitle={t("communities.subtitle")}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("communities.new")}
            </Button>
          )
        }
      />
      <InvitationsPanel />
      <TextInput
        mb="md"
        mt="md"
        aria-label={t("common.search")}
        placeholder={t("communities.searchPlaceholder")}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          setPage(1);
        }}
        w={{ base: "100%", sm: 320 }}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {["a", "b", "c"].map((key) => (
            <Skeleton key={key} height={200} radius="md" />
          ))}
        </SimpleGrid>
      ) : items.length === 0 ? (
        !list.isError && <EmptyState>{t("communities.empty")}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {items.map((community) => (
            <CommunityCard key={community.id} community={community} onOpen={() => setOpenId(community.id)} />
          ))}
        </SimpleGrid>
      )}
      <PageControls page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={setPage} />
      <CommunityForm
        community={null}
        opened={creating}
        onClose={(saved) => {
          setCreating(false);
          if (saved) setOpenId(saved.id);
        }}
      />
      <CommunityDetail id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
