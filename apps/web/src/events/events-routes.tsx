// The pages of workshops and events, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { ActionsPage } from "./actions-page.tsx";
import { EditEventPage, NewEventPage } from "./event-form-page.tsx";
import { EventPage } from "./event-page.tsx";
import { EventsPage } from "./events-page.tsx";

export { prepareEventsPage } from "./events-page.tsx";

export const eventRoutes: RouteObject[] = [
  { path: "events", element: <EventsPage /> },
  { path: "events/new", element: <NewEventPage /> },
  { path: "events/actions", element: <ActionsPage /> },
  { path: "events/:id", element: <EventPage /> },
  { path: "events/:id/edit", element: <EditEventPage /> },
];
