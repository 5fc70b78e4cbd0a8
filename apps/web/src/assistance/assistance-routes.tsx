// The pages of technical assistance, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { AssistancePage } from "./assistance-page.tsx";
import { EngagementPage } from "./engagement-page.tsx";
import { NewNeedPage } from "./need-form-page.tsx";
import { NeedPage } from "./need-page.tsx";
import { NewOfferPage } from "./offer-form-page.tsx";
import { OfferPage } from "./offer-page.tsx";

export const assistanceRoutes: RouteObject[] = [
  { path: "assistance", element: <AssistancePage /> },
  { path: "assistance/needs/new", element: <NewNeedPage /> },
  { path: "assistance/needs/:id", element: <NeedPage /> },
  { path: "assistance/offers/new", element: <NewOfferPage /> },
  { path: "assistance/offers/:id", element: <OfferPage /> },
  { path: "assistance/engagements/:id", element: <EngagementPage /> },
];
