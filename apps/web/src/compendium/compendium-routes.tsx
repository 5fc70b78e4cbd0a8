// The compendium's pages, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { CompendiumPage } from "./compendium-page.tsx";
import { EntryPage } from "./entry-page.tsx";
import { EntryProposalPage, NewProposalPage, ReviseProposalPage } from "./proposal-editor-pages.tsx";
import { ProposalPage } from "./proposal-page.tsx";
import { ProposalsPage } from "./proposals-page.tsx";

export { prepareCompendiumPage } from "./compendium-page.tsx";

export const compendiumRoutes: RouteObject[] = [
  { path: "compendium", element: <CompendiumPage /> },
  { path: "compendium/propose", element: <NewProposalPage /> },
  { path: "compendium/proposals", element: <ProposalsPage /> },
  { path: "compendium/proposals/:id", element: <ProposalPage /> },
  { path: "compendium/proposals/:id/revise", element: <ReviseProposalPage /> },
  { path: "compendium/:slug", element: <EntryPage /> },
  { path: "compendium/:slug/propose", element: <EntryProposalPage /> },
];
