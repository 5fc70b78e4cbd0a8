// Who is signed in: the `me` query (null when nobody is), and the context that pages inside the
// shell read it from.
import { ApiError, type Me } from "@bulwark/contracts";
import type { Ability } from "@bulwark/core";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { client, meKey, queryClient } from "./api.ts";

async function fetchMe(): Promise<Me | null> {
  try {
    return await client.call("me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

const meQuery = { queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 };

export function useMeQuery() {
  return useQuery(meQuery);
}

/** Asks who is signed in now, before the app is drawn (start.ts); useMeQuery then finds the answer. */
export function prefetchMe(): void {
  void queryClient.prefetchQuery(meQuery);
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user; only for components rendered inside the shell. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() is only available inside the signed-in shell.");
  return me;
}

export function useCan(ability: Ability): boolean {
  return useMe().abilities.includes(ability);
}
