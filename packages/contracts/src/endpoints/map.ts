// The maps' one read: every placed asset the caller may see, in the few fields a map needs. A group
// of its own, which the web app's map screens bring along with their code (apps/web/src/app/api.ts),
// so that a map asks for its assets at once, without waiting for the rest of the endpoint table.
import type { EndpointDef } from "../endpoint-def.ts";
import { MapAssets } from "../geo.ts";

export const mapEndpoints = {
  mapAssets: {
    method: "GET",
    path: "/api/registry/map",
    summary:
      "The assets you may see that have a place (point or polygon), with the fields a map draws and filters on (reference, name, sector, status, operator, people served): the same assets as export.geojson, a fraction of its size.",
    tag: "registry",
    auth: "user",
    status: 200,
    response: MapAssets,
  },
} as const satisfies Record<string, EndpointDef>;
