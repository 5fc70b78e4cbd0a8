// The organisations you can see, as options for a select (people, communities).
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { client } from "../app/api.ts";
import type { Option } from "../app/vocabulary.ts";

export function useOrganisationOptions(enabled = true): { options: Option[]; loading: boolean } {
  const list = useQuery({
    queryKey: ["organisations", "options"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
    enabled,
  });
  const options = useMemo(
    () =>
      (list.data?.items ?? [])
        .map((organisation): Option => ({ value: organisation.id, label: organisation.name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [list.data],
  );
  return { options, loading: list.isPending && enabled };
}
