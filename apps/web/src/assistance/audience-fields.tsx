// Who sees a need or an offer: its TLP marking (markings wider than the author's roles allow are
// disabled, as on sharing's compose page) and its audience: communities of the author's
// organisation and organisations, or named people for TLP:RED.
import { TLP_MARKINGS, type TlpMarking } from "@bulwark/core";
import { MultiSelect, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { TlpRulePicker } from "../assets/tlp-pickers.tsx";

export interface AudienceValue {
  tlp: TlpMarking;
  communityIds: string[];
  organisationIds: string[];
  userIds: string[];
}

/** The audience as the API takes it: only what the marking uses. */
export const audienceOf = (value: AudienceValue) =>
  value.tlp === "red"
    ? { communityIds: [], organisationIds: [], userIds: value.userIds }
    : value.tlp === "clear"
      ? { communityIds: [], organisationIds: [], userIds: [] }
      : { communityIds: value.communityIds, organisationIds: value.organisationIds, userIds: [] };

const rank = (marking: TlpMarking) => TLP_MARKINGS.indexOf(marking);

export function AudienceFields({
  value,
  onChange,
}: {
  value: AudienceValue;
  onChange: (value: AudienceValue) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const settings = useQuery({
    queryKey: ["sharing", "settings"],
    queryFn: () => client.call("getSharingSettings", {}),
  });
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 500 } }),
  });
  const organisations = useQuery({
    queryKey: ["organisations", "all"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const people = useQuery({
    queryKey: ["sharing", "people"],
    queryFn: () => client.call("listAddressablePeople", {}),
    enabled: value.tlp === "red",
  });
  const widest = settings.data?.widestMarking ?? null;
  const mine = (communities.data?.items ?? []).filter((community) =>
    community.organisations.some((organisation) => organisation.id === me.organisation.id),
  );
  return (
    <Stack gap="sm">
      <TlpRulePicker
        label={t("assistance.fields.marking")}
        value={value.tlp}
        onChange={(tlp) => onChange({ ...value, tlp })}
        disabled={(marking) => widest === null || rank(marking) < rank(widest)}
      />
      {value.tlp === "red" ? (
        <MultiSelect
          label={t("sharing.composePage.people")}
          data={(people.data ?? []).map((person) => ({
            value: person.id,
            label: `${person.name} (${person.organisation.name})`,
          }))}
          value={value.userIds}
          onChange={(userIds) => onChange({ ...value, userIds })}
          searchable
        />
      ) : (
        value.tlp !== "clear" && (
          <>
            <MultiSelect
              label={t("assistance.fields.organisations")}
              data={(organisations.data?.items ?? [])
                .filter((organisation) => organisation.id !== me.organisation.id)
                .map((organisation) => ({
                  value: organisation.id,
                  label: `${organisation.name} (${labels.kind(organisation.kind)})`,
                }))}
              value={value.organisationIds}
              onChange={(organisationIds) => onChange({ ...value, organisationIds })}
              searchable
            />
            <MultiSelect
              label={t("assistance.fields.communities")}
              data={mine.map((community) => ({ value: community.id, label: community.name }))}
              value={value.communityIds}
              onChange={(communityIds) => onChange({ ...value, communityIds })}
              searchable
            />
          </>
        )
      )}
    </Stack>
  );
}
