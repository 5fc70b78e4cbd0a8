// Pick a compendium entry for a measure by typing words of its title: the compendium's own search
// answers (so only entries the reader may see are offered); the stored value is the entry's slug.
import { type OptionsFilter, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { client } from "../app/api.ts";

const serverFiltered: OptionsFilter = ({ options }) => options;

export function CompendiumEntrySelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  onChange: (slug: string | null) => void;
}) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ["compendium", "pick", q],
    queryFn: () => client.call("searchCompendium", { query: { q: q || undefined, limit: 20 } }),
    placeholderData: keepPreviousData,
  });
  const options = (results.data?.items ?? []).map((entry) => ({ value: entry.slug, label: entry.title }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      label={label}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={serverFiltered}
      clearable
      nothingFoundMessage="—"
    />
  );
}
