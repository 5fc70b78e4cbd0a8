// Edit an account: name, roles and whether it is active. Roles you may not assign stay as they
// are (shown, but locked).
import type { User, UserUpdate } from "@bulwark/contracts";
import { ROLES } from "@bulwark/core";
import { Button, Group, Modal, MultiSelect, Stack, Switch, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { onlyOf, useLabels } from "../app/vocabulary.ts";

const FIELDS = ["name", "roles", "active"];

export function UserEditForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t("people.editTitle", { name: user.name }) : ""}
      size="lg"
      centered
    >
      {user && <FormBody key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}

function FormBody({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const [name, setName] = useState(user.name);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [active, setActive] = useState(user.active);

  const save = useMutation({
    mutationFn: (body: UserUpdate) => client.call("updateUser", { params: { id: user.id }, body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["users"] });
      notifications.show({ color: "teal", message: t("people.updated", { name: saved.name }) });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);

  const assignable = (role: string) => me.assignableRoles.some((item) => item === role);
  const roleOptions = labels.roleOptions
    .filter((option) => assignable(option.value) || user.roles.some((role) => role === option.value))
    .map((option) => ({ ...option, disabled: !assignable(option.value) }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: UserUpdate = {};
    if (name !== user.name) body.name = name;
    const nextRoles = onlyOf(ROLES, roles);
    if ([...nextRoles].sort().join() !== [...user.roles].sort().join()) body.roles = nextRoles;
    if (active !== user.active) body.active = active;
    if (Object.keys(body).length === 0) return onClose();
    save.mutate(body);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label={t("people.email")} value={user.email} readOnly variant="filled" />
        <TextInput
          label={t("people.name")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          required
          data-autofocus
        />
        <MultiSelect
          label={t("people.roles")}
          data={roleOptions}
          value={roles}
          onChange={(next) =>
            // A locked role cannot be taken away here either.
            setRoles([...new Set([...user.roles.filter((role) => !assignable(role)), ...next])])
          }
          error={errors.roles}
          required
        />
        <Switch
          label={t("people.active")}
          description={t("people.activeHint")}
          checked={active}
          onChange={(event) => setActive(event.currentTarget.checked)}
          error={errors.active}
        />
        <ProblemAlert error={save.error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
