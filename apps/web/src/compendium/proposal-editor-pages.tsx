// The three ways into the proposal editor: a new entry, an edit of a published entry (from its
// current version), and the author's revision of an open proposal. Each ends on the proposal.
import type { EntryDetail, Proposal } from "@bulwark/contracts";
import { Alert, Anchor, Group, Loader, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { BackToSearch } from "./entry-page.tsx";
import { LoadFailure } from "./entry-parts.tsx";
import { contentOf, type Draft, draftOf } from "./proposal-draft.ts";
import { ProposalForm } from "./proposal-form.tsx";

function useOpenProposal() {
  const navigate = useNavigate();
  return (proposal: Proposal, message: string) => {
    void queryClient.invalidateQueries({ queryKey: ["compendium", "proposals"] });
    queryClient.setQueryData(["compendium", "proposal", proposal.id], proposal);
    notifications.show({ color: "teal", message });
    void navigate(`/compendium/proposals/${proposal.id}`);
  };
}

const noteOf = (draft: Draft) => draft.note.trim() || undefined;

export function NewProposalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenProposal();
  const send = useMutation({
    mutationFn: (draft: Draft) =>
      client.call("createProposal", {
        body: { content: contentOf(draft), slug: draft.slug.trim() || undefined, note: noteOf(draft) },
      }),
    onSuccess: (proposal) => open(proposal, t("compendium.editor.sent")),
  });
  return (
    <Stack gap="lg" maw={980}>
      <BackToSearch />
      <PageHeader title={t("compendium.editor.newTitle")} subtitle={t("compendium.editor.newIntro")} />
      <ProposalForm
        initial={draftOf(null)}
        isNew
        submitLabel={t("compendium.editor.submit")}
        pending={send.isPending}
        error={send.error}
        onSubmit={(draft) => send.mutate(draft)}
        onCancel={() => void navigate("/compendium")}
      />
    </Stack>
  );
}

export function EntryProposalPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const entry = useQuery({
    queryKey: ["compendium", "entry", slug],
    queryFn: () => client.call("getEntry", { params: { slug } }),
  });
  return (
    <Stack gap="lg" maw={980}>
      <Anchor component={Link} to={`/compendium/${slug}`} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {entry.data?.title ?? slug}
        </Group>
      </Anchor>
      {entry.isPending ? (
        <Loader />
      ) : entry.data ? (
        <EditEntry entry={entry.data} />
      ) : (
        <LoadFailure error={entry.error} notFound={t("compendium.notFound")} />
      )}
    </Stack>
  );
}

function EditEntry({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenProposal();
  const send = useMutation({
    mutationFn: (draft: Draft) =>
      client.call("createProposal", {
        body: {
          entrySlug: entry.slug,
          baseVersion: entry.version,
          content: contentOf(draft),
          note: noteOf(draft),
        },
      }),
    onSuccess: (proposal) => open(proposal, t("compendium.editor.sent")),
  });
  return (
    <>
      <PageHeader
        title={t("compendium.editor.editTitle", { title: entry.title })}
        subtitle={t("compendium.editor.editIntro", { version: entry.version })}
      />
      <ProposalForm
        initial={draftOf(entry)}
        isNew={false}
        submitLabel={t("compendium.editor.submit")}
        pending={send.isPending}
        error={send.error}
        onSubmit={(draft) => send.mutate(draft)}
        onCancel={() => void navigate(`/compendium/${entry.slug}`)}
      />
    </>
  );
}

export function ReviseProposalPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const proposal = useQuery({
    queryKey: ["compendium", "proposal", id],
    queryFn: () => client.call("getProposal", { params: { id } }),
  });
  return (
    <Stack gap="lg" maw={980}>
      <Anchor component={Link} to={`/compendium/proposals/${id}`} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {proposal.data?.title ?? t("compendium.proposals.back")}
        </Group>
      </Anchor>
      {proposal.isPending ? (
        <Loader />
      ) : proposal.data ? (
        proposal.data.abilities.edit ? (
          <Revise proposal={proposal.data} />
        ) : (
          <Alert color="yellow">{t("compendium.editor.notYours")}</Alert>
        )
      ) : (
        <LoadFailure error={proposal.error} notFound={t("compendium.proposals.notFound")} />
      )}
    </Stack>
  );
}

function Revise({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenProposal();
  const send = useMutation({
    mutationFn: (draft: Draft) =>
      client.call("updateProposal", {
        params: { id: proposal.id },
        body: { content: contentOf(draft), note: draft.note.trim() },
      }),
    onSuccess: (revised) => open(revised, t("compendium.editor.revised")),
  });
  return (
    <>
      <PageHeader
        title={t("compendium.editor.reviseTitle", { title: proposal.title })}
        subtitle={t("compendium.editor.reviseIntro")}
      />
      <ProposalForm
        initial={draftOf(proposal.content, proposal.note ?? "")}
        isNew={false}
        submitLabel={t("compendium.editor.saveRevision")}
        pending={send.isPending}
        error={send.error}
        onSubmit={(draft) => send.mutate(draft)}
        onCancel={() => void navigate(`/compendium/proposals/${proposal.id}`)}
      />
    </>
  );
}
