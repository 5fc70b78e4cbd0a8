// Pick assets by typing: a searchable select (one asset) or multi-select (several) over listAssets.
// The registry may be large, so the server filters by the typed text; options already picked stay
// known so that their labels show even when they are not among the current matches. The label sits
// on a wrapper pointing at the input, so that only the input (not the hidden option list, which
// Mantine would otherwise label too) carries the field's name.
import type { Asset } from "@bulwark/contracts";
import { Input, MultiSelect, type OptionsFilter, Select } from "@mantine/core";
import { useDebouncedValue, useId } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo, useState } from "react";
import { client } from "../app/api.ts";
import type { Option } from "../app/vocabulary.ts";

export const assetLabel = (asset: Pick<Asset, "ref" | "name">) => `${asset.name} (${asset.ref})`;

function useAssetMatches(search: string, exclude: readonly string[]) {
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useQuery({
    queryKey: ["assets", "search", q],
    queryFn: () => client.call("listAssets", { query: { q: q || undefined, limit: 50 } }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(
    () =>
      (list.data?.items ?? [])
        .filter((asset) => !exclude.includes(asset.id))
        .map((asset): Option => ({ value: asset.id, label: assetLabel(asset) })),
    [list.data, exclude],
  );
  return { options, loading: list.isFetching };
}

/** The server already filtered by the text typed; keep its answer as is. */
const serverFiltered: OptionsFilter = ({ options }) => options;

function merge(known: readonly Option[], matches: readonly Option[]): Option[] {
  const seen = new Set(matches.map((option) => option.value));
  return [...matches, ...known.filter((option) => !seen.has(option.value))];
}

/** Label, description and error around the input, naming the input alone. */
function Wrapper({ id, children, ...props }: CommonProps & { id: string; children: ReactNode }) {
  return (
    <Input.Wrapper
      id={id}
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
    >
      {children}
    </Input.Wrapper>
  );
}

interface CommonProps {
  label: string;
  description?: string;
  error?: ReactNode;
  required?: boolean;
  /** Asset ids never offered (e.g. the asset itself). */
  exclude?: readonly string[];
}

const NONE: readonly string[] = [];

export function AssetSelect({
  value,
  onChange,
  exclude = NONE,
  ...props
}: CommonProps & { value: Option | null; onChange: (value: Option | null) => void }) {
  const [search, setSearch] = useState("");
  const matches = useAssetMatches(value && search === value.label ? "" : search, exclude);
  const data = merge(value ? [value] : [], matches.options);
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <Select
        id={id}
        required={props.required}
        error={Boolean(props.error)}
        data={data}
        value={value?.value ?? null}
        onChange={(_id, option) => onChange(option ? { value: option.value, label: option.label } : null)}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={serverFiltered}
        nothingFoundMessage={matches.loading ? "…" : "—"}
        clearable
      />
    </Wrapper>
  );
}

export function AssetMultiSelect({
  value,
  onChange,
  exclude = NONE,
  ...props
}: CommonProps & { value: Option[]; onChange: (value: Option[]) => void }) {
  const [search, setSearch] = useState("");
  const matches = useAssetMatches(search, exclude);
  const data = merge(value, matches.options);
  const byId = new Map(data.map((option) => [option.value, option]));
  const id = useId();
  // Closed after each pick (the search starts afresh), so the list never hides what follows.
  const [opened, setOpened] = useState(false);
  return (
    <Wrapper id={id} {...props}>
      <MultiSelect
        id={id}
        required={props.required}
        error={Boolean(props.error)}
        data={data}
        value={value.map((option) => option.value)}
        dropdownOpened={opened}
        onDropdownOpen={() => setOpened(true)}
        onDropdownClose={() => setOpened(false)}
        onChange={(ids) => {
          setOpened(false);
          onChange(
            ids.flatMap((id) => {
              const option = byId.get(id);
              return option ? [option] : [];
            }),
          );
        }}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={serverFiltered}
        nothingFoundMessage={matches.loading ? "…" : "—"}
        clearable
        hidePickedOptions
      />
    </Wrapper>
  );
}
