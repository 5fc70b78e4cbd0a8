// Sharing's pages, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { ApprovalsPage } from "./approvals-page.tsx";
import { ComposePage } from "./compose-page.tsx";
import { SharedItemPage } from "./shared-item-page.tsx";
import { SharingFeedPage } from "./sharing-feed-page.tsx";
import { StixCollectionsPage } from "./stix-collections-page.tsx";
import { StixImportPage } from "./stix-import-page.tsx";
import { TaxiiSubscriptionsPage } from "./taxii-subscriptions-page.tsx";

export { prepareSharingFeedPage } from "./sharing-feed-page.tsx";

export const sharingRoutes: RouteObject[] = [
  { path: "sharing", element: <SharingFeedPage /> },
  { path: "sharing/new", element: <ComposePage /> },
  { path: "sharing/approvals", element: <ApprovalsPage /> },
  { path: "sharing/taxii", element: <TaxiiSubscriptionsPage /> },
  { path: "sharing/stix-import", element: <StixImportPage /> },
  { path: "sharing/stix-collections", element: <StixCollectionsPage /> },
  { path: "sharing/:id", element: <SharedItemPage /> },
];
