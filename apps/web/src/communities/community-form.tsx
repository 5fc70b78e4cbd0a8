// Create or edit a community: name, description, member organisations and moderators.
import type { Community, CommunityCreate } from "@bulwark/contracts";
import { Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import type { Option } from "../app/vocabulary.ts";
import { useOrganisationOptions } from "../organisations/organisation-options.ts";
import { useUserOptions } from "../people/user-options.ts";

const FIELDS = ["name", "description", "organisationIds", "moderatorIds"];

/** Options from the directory, plus current members you might not see there (so they keep a name). */
function withMembers(options: Option[], members: readonly { id: string; name: string }[]): Option[] {
  const missing = members
    .filter((member) => !options.some((option) => option.value === member.id))
    .map((member): Option => ({ value: member.id, label: member.name }));
  return [...missing, ...options];
}

export function CommunityForm({
  community,
  opened,
  onClose,
}: {
  /** null: a new community. */
  community: Community | null;
  opened: boolean;
  onClose: (saved?: Community) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={() => onClose()}
      title={community ? t("communities.editTitle") : t("communities.new")}
      size="lg"
      centered
    >
      {opened && <FormBody key={community?.id ?? "new"} community={community} onClose={onClose} />}
    </Modal>
  );
}

function FormBody({
  community,
  onClose,
}: {
  community: Community | null;
  onClose: (saved?: Community) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const organisations = useOrganisationOptions();
  const users = useUserOptions();
  const [name, setName] = useState(community?.name ?? "");
  const [description, setDescription] = useState(community?.description ?? "");
  const [organisationIds, setOrganisationIds] = useState<string[]>(
    community?.organisations.map((organisation) => organisation.id) ?? [],
  );
  const [moderatorIds, setModeratorIds] = useState<string[]>(
    community?.moderators.map((moderator) => moderator.id) ?? [],
  );

  const save = useMutation({
    mutationFn: (body: CommunityCreate) =>
      community
        ? client.call("updateCommunity", { params: { id: community.id }, body })
        : client.call("createCommunity", { body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["communities"] });
      notifications.show({
        color: "teal",
        message: community
          ? t("communities.updated", { name: saved.name })
          : t("communities.created", { name: saved.name }),
      });
      onClose(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ name, description, organisationIds, moderatorIds });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput
          label={t("communities.name")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          required
          data-autofocus
        />
        <Textarea
          label={t("communities.description")}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={3}
          maxRows={8}
        />
        <MultiSelect
          label={t("communities.organisations")}
          description={me.roles.includes("platform-admin") ? undefined : t("communities.invitedHint")}
          data={withMembers(organisations.options, community?.organisations ?? [])}
          value={organisationIds}
          onChange={setOrganisationIds}
          error={errors.organisationIds}
          searchable
          clearable
        />
        <MultiSelect
          label={t("communities.moderators")}
          data={withMembers(users.options, community?.moderators ?? [])}
          value={moderatorIds}
          onChange={setModeratorIds}
          error={errors.moderatorIds}
          searchable
          clearable
        />
        <ProblemAlert error={save.error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose()}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {community ? t("common.save") : t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
