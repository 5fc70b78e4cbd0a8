// Create an account: organisation, roles (only those you may assign), optional password. When no
// password is given the server generates one and returns it this once.
import type { UserCreate } from "@bulwark/contracts";
import { ROLES } from "@bulwark/core";
import { Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { SecretOnce } from "../app/secret-once.tsx";
import { onlyOf, useLabels } from "../app/vocabulary.ts";
import { useOrganisationOptions } from "../organisations/organisation-options.ts";

const FIELDS = ["email", "name", "organisationId", "roles", "password"];

export function UserCreateForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("people.new")} size="lg" centered>
      {opened && <FormBody onClose={onClose} />}
    </Modal>
  );
}

function FormBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const organisations = useOrganisationOptions();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [organisationId, setOrganisationId] = useState<string | null>(me.organisation.id);
  const [roles, setRoles] = useState<string[]>(me.assignableRoles.includes("member") ? ["member"] : []);
  const [password, setPassword] = useState("");

  const create = useMutation({
    mutationFn: (body: UserCreate) => client.call("createUser", { body }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ["users"] });
      void queryClient.invalidateQueries({ queryKey: ["organisations"] });
      notifications.show({ color: "teal", message: t("people.created", { name: user.name }) });
      if (!user.initialPassword) onClose();
    },
  });
  const errors = fieldErrorsOf(create.error);

  if (create.data?.initialPassword)
    return (
      <Stack>
        <SecretOnce
          title={t("people.initialPassword", { name: create.data.name })}
          value={create.data.initialPassword}
        />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("common.done")}</Button>
        </Group>
      </Stack>
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      email: email.trim(),
      name,
      organisationId: organisationId ?? "",
      roles: onlyOf(ROLES, roles),
      ...(password ? { password } : {}),
    });
  };

  const roleOptions = labels.roleOptions.filter((option) =>
    me.assignableRoles.some((role) => role === option.value),
  );
  // Your own organisation is always offered, even before the directory has loaded.
  const organisationOptions = organisations.options.some((option) => option.value === me.organisation.id)
    ? organisations.options
    : [{ value: me.organisation.id, label: me.organisation.name }, ...organisations.options];

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput
          label={t("people.name")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          required
          data-autofocus
        />
        <TextInput
          label={t("people.email")}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
          required
        />
        <Select
          label={t("people.organisation")}
          data={organisationOptions}
          value={organisationId}
          onChange={setOrganisationId}
          error={errors.organisationId}
          searchable
          required
          allowDeselect={false}
        />
        <MultiSelect
          label={t("people.roles")}
          data={roleOptions}
          value={roles}
          onChange={setRoles}
          error={errors.roles}
          required
        />
        <PasswordInput
          label={t("people.password")}
          description={t("people.passwordHint")}
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
        />
        <ProblemAlert error={create.error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
