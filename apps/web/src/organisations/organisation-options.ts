// The organisations you can see, as options for a select (people, communities).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { client } from "../app/api.ts";
import type { Option } from "../app/vocabulary.ts";

/** The directory's first 500 entries: the options' query, shared by the pages that list countries too. */
export const organisationOptionsQuery = queryOptions({
  queryKey: ["organisations", "options"],
  queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
});

export function useOrganisationOptions(enabled = true): { options: Option[]; loading: boolean } {
  const list = useQuery({ ...organisationOptionsQuery, enabled });
  const options = useMemo(
    () =>
      (list.data?.items ?? [])
        .map((organisation): Option => ({ value: organisation.id, label: organisation.name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [list.data],
  );
  return { options, loading: list.isPending && enabled };
}
