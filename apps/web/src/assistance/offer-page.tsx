// One offer of assistance: what is offered (with its TLP banner), the open needs it answers ranked
// with their reasons, and for the provider's organisation, editing the offer and closing (or
// reopening) it. A closed offer leaves the suggestions.
import type { Offer } from "@bulwark/contracts";
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { TlpBanner } from "../sharing/tlp-banner.tsx";
import { AssistanceMatchList, assistanceKey, Fact, useAssistanceLabels } from "./assistance-parts.tsx";
import { BackToAssistance } from "./need-page.tsx";
import { OfferForm } from "./offer-form-page.tsx";

export const offerKey = (id: string) => ["assistance", "offer", id] as const;

export function OfferPage() {
  const { id = "" } = useParams();
  const offer = useQuery({
    queryKey: offerKey(id),
    queryFn: () => client.call("getAssistanceOffer", { params: { id } }),
    retry: false,
  });
  return (
    <Stack gap="md">
      <BackToAssistance />
      {offer.isPending ? (
        <Skeleton height={300} />
      ) : offer.isError ? (
        <ProblemAlert error={offer.error} />
      ) : (
        <OfferView offer={offer.data} />
      )}
    </Stack>
  );
}

function OfferView({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  const closed = offer.status === "closed";
  const status = useMutation({
    mutationFn: () =>
      client.call("updateAssistanceOffer", {
        params: { id: offer.id },
        body: { status: closed ? "open" : "closed" },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(offerKey(offer.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
    },
  });
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Group gap="xs">
          <TlpBadge marking={offer.tlp} />
          <Badge color={closed ? "gray" : "blue"} variant="light" tt="none">
            {t(`assistance.offerStatuses.${offer.status}`)}
          </Badge>
        </Group>
        <Title order={2}>{offer.title}</Title>
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Text c="dimmed" size="sm">
            {t("assistance.offeredBy", { organisation: offer.organisation.name })}
          </Text>
          {offer.abilities.edit && (
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing((value) => !value)}
                aria-expanded={editing}
              >
                {t("assistance.offer.edit")}
              </Button>
              <Button size="xs" variant="default" loading={status.isPending} onClick={() => status.mutate()}>
                {closed ? t("assistance.offer.reopen") : t("assistance.offer.close")}
              </Button>
            </Group>
          )}
        </Group>
        <ProblemAlert error={status.error} />
      </Stack>
      <TlpBanner tlp={offer.tlp} label={offer.banner.label} text={offer.banner.text} />
      {closed && (
        <Text size="sm" c="dimmed">
          {t("assistance.offer.closedNote")}
        </Text>
      )}
      {editing ? (
        <Paper withBorder radius="md" p="md">
          <OfferForm
            offer={offer}
            onSaved={(saved) => {
              queryClient.setQueryData(offerKey(offer.id), saved);
              setEditing(false);
            }}
          />
        </Paper>
      ) : (
        <>
          <Paper withBorder radius="md" p="md">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
              <Fact label={t("assistance.fields.themes")}>
                {offer.themes.map((theme) => labels.theme(theme)).join(", ")}
              </Fact>
              <Fact label={t("assistance.fields.modalities")}>
                {offer.modalities.map((modality) => t(`assistance.modalities.${modality}`)).join(", ")}
              </Fact>
              <Fact label={t("assistance.fields.regions")}>
                {offer.regions.map((region) => labels.region(region)).join(", ")}
              </Fact>
              <Fact label={t("assistance.fields.languages")}>
                {offer.languages.map((code) => labels.language(code)).join(", ")}
              </Fact>
              <Fact label={t("assistance.fields.sectors")}>
                {offer.sectors.map((sector) => labels.sector(sector)).join(", ") || "—"}
              </Fact>
              <Fact label={t("assistance.fields.capacity")}>
                {offer.capacity === null
                  ? t("assistance.capacityUnlimited")
                  : t("assistance.capacity", {
                      active: format.number(offer.active),
                      capacity: format.number(offer.capacity),
                    })}
              </Fact>
            </SimpleGrid>
            <Text size="sm" c="dimmed" mt="sm">
              {t("assistance.window", {
                from: offer.availableFrom ? day(offer.availableFrom) : "…",
                until: offer.availableUntil ? day(offer.availableUntil) : t("assistance.openEnded"),
              })}
            </Text>
          </Paper>
          {offer.description && (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {offer.description}
            </Text>
          )}
        </>
      )}
      <OfferMatches offer={offer} />
    </Stack>
  );
}

/** The open needs this offer answers, best first, each with its reasons (only needs the reader may see). */
function OfferMatches({ offer }: { offer: Offer }) {
  const matches = useQuery({
    queryKey: [...assistanceKey, "matches", "offer", offer.id, offer.updatedAt],
    queryFn: () => client.call("listAssistanceMatches", { query: { offer: offer.id } }),
  });
  return <AssistanceMatchList of="offer" matches={matches} />;
}
