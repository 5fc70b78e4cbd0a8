// Technical assistance at a glance: the needs the reader may see (its own state's, or those
// addressed to its organisation as a provider), the offers it may see, and the engagements its
// organisation is a party to.
import type { Offer } from "@bulwark/contracts";
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconPlus, IconWorld } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ListTable, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { useFederationAbilities } from "../federation/abilities.ts";
import {
  assistanceKey,
  EngagementStatusBadge,
  NeedStatusBadge,
  UrgencyBadge,
  useAssistanceAbilities,
  useAssistanceLabels,
} from "./assistance-parts.tsx";

export function AssistancePage() {
  const { t } = useTranslation();
  const abilities = useAssistanceAbilities();
  const federation = useFederationAbilities();
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("assistance.title")}
        subtitle={t("assistance.subtitle")}
        actions={
          <>
            {abilities.recordNeed && (
              <Button component={Link} to="/assistance/needs/new" leftSection={<IconPlus size={16} />}>
                {t("assistance.newNeed")}
              </Button>
            )}
            {abilities.publishOffer && (
              <Button
                component={Link}
                to="/assistance/offers/new"
                variant="light"
                leftSection={<IconPlus size={16} />}
              >
                {t("assistance.newOffer")}
              </Button>
            )}
            {federation.any && (
              <Button
                component={Link}
                to="/federation"
                variant="default"
                leftSection={<IconWorld size={16} />}
              >
                {t("federation.nav")}
              </Button>
            )}
          </>
        }
      />
      <Engagements />
      <Needs />
      <Offers />
    </Stack>
  );
}

function Needs() {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const format = useFormat();
  const needs = useQuery({
    queryKey: [...assistanceKey, "needs"],
    queryFn: () => client.call("listAssistanceNeeds", { query: {} }),
  });
  const items = needs.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="assistance-needs">
      <Title order={3} id="assistance-needs">
        {t("assistance.needs")}
      </Title>
      <ProblemAlert error={needs.error} />
      <ListTable
        loading={needs.isPending}
        failed={needs.isError}
        isEmpty={items.length === 0}
        empty={t("assistance.noNeeds")}
        skeletonColumns={5}
        minWidth={760}
        headers={
          <>
            <Table.Th>{t("assistance.fields.title")}</Table.Th>
            <Table.Th>{t("assistance.fields.theme")}</Table.Th>
            <Table.Th>{t("assistance.fields.modality")}</Table.Th>
            <Table.Th>{t("assistance.fields.urgency")}</Table.Th>
            <Table.Th>{t("assistance.fields.status")}</Table.Th>
          </>
        }
      >
        {items.map((need) => (
          <Table.Tr key={need.id}>
            <Table.Td>
              <Anchor component={Link} to={`/assistance/needs/${need.id}`} fw={500} size="sm">
                {need.title}
              </Anchor>
              <Group gap={6} mt={2}>
                <TlpBadge marking={need.tlp} size="xs" />
                <Text size="xs" c="dimmed">
                  {need.organisation.name} · {format.country(need.organisation.country)}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td fz="sm">{labels.theme(need.theme)}</Table.Td>
            <Table.Td fz="sm">{t(`assistance.modalities.${need.modality}`)}</Table.Td>
            <Table.Td>
              <UrgencyBadge urgency={need.urgency} />
            </Table.Td>
            <Table.Td>
              <NeedStatusBadge status={need.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}

export function OfferCard({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const format = useFormat();
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  return (
    <Card
      component="article"
      withBorder
      radius="md"
      padding="md"
      data-offer={offer.id}
      aria-label={offer.title}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Anchor component={Link} to={`/assistance/offers/${offer.id}`} fw={600} size="sm">
            {offer.title}
          </Anchor>
          <TlpBadge marking={offer.tlp} size="xs" />
        </Group>
        <Text size="xs" c="dimmed">
          {t("assistance.offeredBy", { organisation: offer.organisation.name })}
        </Text>
        {offer.description && <Text size="sm">{offer.description}</Text>}
        <Group gap={4}>
          {offer.themes.map((theme) => (
            <Badge key={theme} variant="light" tt="none">
              {labels.theme(theme)}
            </Badge>
          ))}
        </Group>
        <Group gap={4}>
          {offer.modalities.map((modality) => (
            <Badge key={modality} variant="outline" color="grape" tt="none">
              {t(`assistance.modalities.${modality}`)}
            </Badge>
          ))}
        </Group>
        <Text size="xs">
          {offer.regions.map((region) => labels.region(region)).join(", ")} ·{" "}
          {offer.languages.map((language) => labels.language(language)).join(", ")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("assistance.window", {
            from: offer.availableFrom ? day(offer.availableFrom) : "…",
            until: offer.availableUntil ? day(offer.availableUntil) : t("assistance.openEnded"),
          })}
          {" · "}
          {offer.capacity === null
            ? t("assistance.capacityUnlimited")
            : t("assistance.capacity", {
                active: format.number(offer.active),
                capacity: format.number(offer.capacity),
              })}
        </Text>
      </Stack>
    </Card>
  );
}

function Offers() {
  const { t } = useTranslation();
  const offers = useQuery({
    queryKey: [...assistanceKey, "offers"],
    queryFn: () => client.call("listAssistanceOffers", { query: {} }),
  });
  const items = offers.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="assistance-offers">
      <Title order={3} id="assistance-offers">
        {t("assistance.offers")}
      </Title>
      <ProblemAlert error={offers.error} />
      {!offers.isPending && items.length === 0 && !offers.isError && (
        <Text c="dimmed" size="sm">
          {t("assistance.noOffers")}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {items.map((offer) => (
          <OfferCard key={offer.id} offer={offer} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function Engagements() {
  const { t } = useTranslation();
  const engagements = useQuery({
    queryKey: [...assistanceKey, "engagements"],
    queryFn: () => client.call("listAssistanceEngagements", { query: {} }),
  });
  const items = engagements.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="assistance-engagements">
      <Title order={3} id="assistance-engagements">
        {t("assistance.engagements")}
      </Title>
      <ProblemAlert error={engagements.error} />
      <ListTable
        loading={engagements.isPending}
        failed={engagements.isError}
        isEmpty={items.length === 0}
        empty={t("assistance.noEngagements")}
        skeletonColumns={4}
        minWidth={640}
        headers={
          <>
            <Table.Th>{t("assistance.engagement.title")}</Table.Th>
            <Table.Th>{t("assistance.engagement.state")}</Table.Th>
            <Table.Th>{t("assistance.engagement.provider")}</Table.Th>
            <Table.Th>{t("assistance.fields.status")}</Table.Th>
          </>
        }
      >
        {items.map((engagement) => (
          <Table.Tr key={engagement.id}>
            <Table.Td>
              <Anchor component={Link} to={`/assistance/engagements/${engagement.id}`} fw={500} size="sm">
                {engagement.need.title}
              </Anchor>
            </Table.Td>
            <Table.Td fz="sm">{engagement.state.name}</Table.Td>
            <Table.Td fz="sm">{engagement.provider.name}</Table.Td>
            <Table.Td>
              <EngagementStatusBadge status={engagement.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}
