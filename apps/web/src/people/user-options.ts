// The people you can see, as options for a select (community moderators, audit actor filter).
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { client } from "../app/api.ts";
import type { Option } from "../app/vocabulary.ts";

export function useUserOptions(enabled = true): { options: Option[]; loading: boolean } {
  const list = useQuery({
    queryKey: ["users", "options"],
    queryFn: () => client.call("listUsers", { query: { limit: 500 } }),
    enabled,
  });
  const options = useMemo(
    () =>
      (list.data?.items ?? [])
        .map((user): Option => ({ value: user.id, label: `${user.name} (${user.organisationName})` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [list.data],
  );
  return { options, loading: list.isPending && enabled };
}
