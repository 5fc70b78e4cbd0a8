// Publish an offer of assistance (a provider): themes, sectors, regions, languages, modalities,
// capacity, the window it is offered in, and who sees it (CLEAR by default: every state). The same
// form edits a published offer on its page (everything but who sees it).
import type { Offer, OfferCreateInput } from "@bulwark/contracts";
import { ASSISTANCE_MODALITIES, LANGUAGES, REGIONS, SECTORS, THEMES } from "@bulwark/core";
import { Alert, Button, Group, MultiSelect, NumberInput, Stack, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { onlyOf } from "../app/vocabulary.ts";
import { assistanceKey, useAssistanceAbilities, useAssistanceLabels } from "./assistance-parts.tsx";
import { AudienceFields, type AudienceValue, audienceOf } from "./audience-fields.tsx";

export function NewOfferPage() {
  const { t } = useTranslation();
  const abilities = useAssistanceAbilities();
  return (
    <Stack gap="md">
      <PageHeader title={t("assistance.form.offerTitle")} subtitle={t("assistance.form.offerSubtitle")} />
      {abilities.publishOffer ? (
        <OfferForm />
      ) : (
        <Alert color="yellow">{t("assistance.form.cannotOffer")}</Alert>
      )}
    </Stack>
  );
}

export function OfferForm({ offer, onSaved }: { offer?: Offer; onSaved?: (offer: Offer) => void }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(offer?.title ?? "");
  const [description, setDescription] = useState(offer?.description ?? "");
  const [themes, setThemes] = useState<string[]>(offer?.themes ?? []);
  const [sectors, setSectors] = useState<string[]>(offer?.sectors ?? []);
  const [regions, setRegions] = useState<string[]>(offer?.regions ?? ["global"]);
  const [languages, setLanguages] = useState<string[]>(offer?.languages ?? []);
  const [modalities, setModalities] = useState<string[]>(offer?.modalities ?? []);
  const [capacity, setCapacity] = useState<number | string>(offer?.capacity ?? "");
  const [availableFrom, setAvailableFrom] = useState(offer?.availableFrom ?? "");
  const [availableUntil, setAvailableUntil] = useState(offer?.availableUntil ?? "");
  const [audience, setAudience] = useState<AudienceValue>({
    tlp: "clear",
    communityIds: [],
    organisationIds: [],
    userIds: [],
  });
  const save = useMutation({
    mutationFn: () => {
      const fields = {
        title,
        description,
        themes: onlyOf(THEMES, themes),
        sectors: onlyOf(SECTORS, sectors),
        regions: onlyOf(REGIONS, regions),
        languages: onlyOf(LANGUAGES, languages),
        modalities: onlyOf(ASSISTANCE_MODALITIES, modalities),
        capacity: typeof capacity === "number" ? capacity : null,
        availableFrom: availableFrom || null,
        availableUntil: availableUntil || null,
      };
      if (offer) return client.call("updateAssistanceOffer", { params: { id: offer.id }, body: fields });
      const body: OfferCreateInput = {
        title,
        description,
        themes: onlyOf(THEMES, themes),
        sectors: onlyOf(SECTORS, sectors),
        regions: onlyOf(REGIONS, regions),
        languages: onlyOf(LANGUAGES, languages),
        modalities: onlyOf(ASSISTANCE_MODALITIES, modalities),
        capacity: typeof capacity === "number" ? capacity : null,
        availableFrom: availableFrom || null,
        availableUntil: availableUntil || null,
        tlp: audience.tlp,
        audience: audienceOf(audience),
      };
      return client.call("createAssistanceOffer", { body });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
      if (onSaved) onSaved(saved);
      else navigate(`/assistance/offers/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Stack
      gap="sm"
      component="form"
      onSubmit={submit}
      maw={760}
      aria-label={offer ? t("assistance.offer.edit") : t("assistance.form.offerTitle")}
    >
      <TextInput
        label={t("assistance.fields.title")}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        required
        error={errors.title}
      />
      <Textarea
        label={t("assistance.fields.offerDescription")}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        autosize
        minRows={3}
        error={errors.description}
      />
      <MultiSelect
        label={t("assistance.fields.themes")}
        data={labels.themeOptions}
        value={themes}
        onChange={setThemes}
        searchable
        required
        error={errors.themes}
      />
      <MultiSelect
        label={t("assistance.fields.modalities")}
        data={labels.modalityOptions}
        value={modalities}
        onChange={setModalities}
        required
        error={errors.modalities}
      />
      <Group grow align="flex-start">
        <MultiSelect
          label={t("assistance.fields.regions")}
          data={labels.regionOptions}
          value={regions}
          onChange={setRegions}
          required
          error={errors.regions}
        />
        <MultiSelect
          label={t("assistance.fields.languages")}
          data={labels.languageOptions}
          value={languages}
          onChange={setLanguages}
          required
          error={errors.languages}
        />
      </Group>
      <MultiSelect
        label={t("assistance.fields.sectors")}
        data={labels.sectorOptions}
        value={sectors}
        onChange={setSectors}
        searchable
      />
      <Group grow align="flex-start">
        <NumberInput
          label={t("assistance.fields.capacity")}
          description={t("assistance.fields.capacityHint")}
          value={capacity}
          onChange={setCapacity}
          min={1}
          max={10_000}
          allowDecimal={false}
          error={errors.capacity}
        />
        <TextInput
          type="date"
          label={t("assistance.fields.availableFrom")}
          value={availableFrom}
          onChange={(event) => setAvailableFrom(event.currentTarget.value)}
          error={errors.availableFrom}
        />
        <TextInput
          type="date"
          label={t("assistance.fields.availableUntil")}
          value={availableUntil}
          onChange={(event) => setAvailableUntil(event.currentTarget.value)}
          error={errors.availableUntil}
        />
      </Group>
      {!offer && <AudienceFields value={audience} onChange={setAudience} />}
      <ProblemAlert
        error={save.error}
        fields={[
          "body.title",
          "body.description",
          "body.themes",
          "body.modalities",
          "body.regions",
          "body.languages",
          "body.capacity",
          "body.availableFrom",
          "body.availableUntil",
        ]}
      />
      <Group>
        <Button type="submit" loading={save.isPending}>
          {offer ? t("assistance.offer.save") : t("assistance.form.submitOffer")}
        </Button>
      </Group>
    </Stack>
  );
}
