// Create or edit an organisation in a modal. The server decides who may; its answer is shown.
import type { Organisation, OrganisationCreate } from "@bulwark/contracts";
import { ORGANISATION_KINDS, type OrganisationKind, SECTORS } from "@bulwark/core";
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, onlyOf, useLabels } from "../app/vocabulary.ts";

interface Draft {
  name: string;
  shortName: string;
  kind: string | null;
  country: string;
  sectors: string[];
  website: string;
  verified: boolean;
}

function draftOf(organisation: Organisation | null): Draft {
  return {
    name: organisation?.name ?? "",
    shortName: organisation?.shortName ?? "",
    kind: organisation?.kind ?? null,
    country: organisation?.country ?? "",
    sectors: organisation?.sectors ?? [],
    website: organisation?.website ?? "",
    verified: organisation?.verified ?? false,
  };
}

/** The policy fields go as they are (the server refuses only a change); verified only from admins. */
function bodyOf(draft: Draft, kind: OrganisationKind, admin: boolean): OrganisationCreate {
  return {
    ...(admin ? { verified: draft.verified } : {}),
    name: draft.name,
    shortName: draft.shortName.trim() || null,
    kind,
    country: draft.country.trim().toUpperCase(),
    sectors: onlyOf(SECTORS, draft.sectors),
    website: draft.website.trim() || null,
  };
}

const FIELDS = ["name", "shortName", "kind", "country", "sectors", "website", "verified"];

export function OrganisationForm({
  organisation,
  opened,
  onClose,
}: {
  /** null: a new organisation. */
  organisation: Organisation | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<FormTitle editing={organisation !== null} />}
      size="lg"
      centered
    >
      {/* Keyed so that opening it for another organisation starts from that one's values. */}
      {opened && <FormBody key={organisation?.id ?? "new"} organisation={organisation} onClose={onClose} />}
    </Modal>
  );
}

function FormTitle({ editing }: { editing: boolean }) {
  const { t } = useTranslation();
  return <>{editing ? t("organisations.editTitle") : t("organisations.new")}</>;
}

function FormBody({ organisation, onClose }: { organisation: Organisation | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  // Kind, country, sectors and verified feed the access policy: only platform admins change them.
  const admin = useMe().roles.includes("platform-admin");
  const [draft, setDraft] = useState<Draft>(() => draftOf(organisation));
  const [kindMissing, setKindMissing] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: (body: OrganisationCreate) =>
      organisation
        ? client.call("updateOrganisation", { params: { id: organisation.id }, body })
        : client.call("createOrganisation", { body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["organisations"] });
      notifications.show({
        color: "teal",
        message: organisation
          ? t("organisations.updated", { name: saved.name })
          : t("organisations.created", { name: saved.name }),
      });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const kind = draft.kind;
    setKindMissing(!isOneOf(ORGANISATION_KINDS, kind));
    if (isOneOf(ORGANISATION_KINDS, kind)) save.mutate(bodyOf(draft, kind, admin));
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput
          label={t("organisations.name")}
          value={draft.name}
          onChange={(event) => set("name", event.currentTarget.value)}
          error={errors.name}
          required
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("organisations.shortName")}
            value={draft.shortName}
            onChange={(event) => set("shortName", event.currentTarget.value)}
            error={errors.shortName}
          />
          <Select
            label={t("organisations.kind")}
            data={labels.kindOptions}
            value={draft.kind}
            onChange={(value) => set("kind", value)}
            error={kindMissing ? t("common.required") : errors.kind}
            disabled={!admin}
            required
            allowDeselect={false}
          />
          <TextInput
            label={t("organisations.country")}
            description={t("organisations.countryHint")}
            value={draft.country}
            onChange={(event) => set("country", event.currentTarget.value.toUpperCase())}
            maxLength={2}
            error={errors.country}
            disabled={!admin}
            required
          />
          <TextInput
            label={t("organisations.website")}
            type="url"
            placeholder="https://"
            value={draft.website}
            onChange={(event) => set("website", event.currentTarget.value)}
            error={errors.website}
          />
        </SimpleGrid>
        <MultiSelect
          label={t("organisations.sectors")}
          data={labels.sectorOptions}
          value={draft.sectors}
          onChange={(value) => set("sectors", value)}
          error={errors.sectors}
          disabled={!admin}
          searchable
          clearable
        />
        {admin ? (
          <Switch
            label={t("organisations.verified")}
            description={t("organisations.verifiedHint")}
            checked={draft.verified}
            onChange={(event) => set("verified", event.currentTarget.checked)}
            data-testid="organisation-verified"
          />
        ) : (
          <Text size="xs" c="dimmed">
            {t("organisations.policyFieldsHint")}
          </Text>
        )}
        <ProblemAlert error={save.error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {organisation ? t("common.save") : t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
