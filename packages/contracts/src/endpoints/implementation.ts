// The implementation profile's endpoints (issue 20, item 5), spread into the endpoint table in
// ../endpoints.ts. A profile you may not read answers 404, like one that does not exist.
import type { EndpointDef } from "../endpoint-def.ts";
import {
  CountryParams,
  ImplementationProfile,
  ProfileList,
  ProfileShare,
  ProfileShareChange,
} from "../implementation.ts";

export const implementationEndpoints = {
  listImplementationProfiles: {
    method: "GET",
    path: "/api/implementation",
    summary:
      "The implementation profiles you may read: your own state's if your organisation is one of its national authorities, and those shared with you.",
    tag: "assistance",
    auth: "user",
    status: 200,
    response: ProfileList,
  },
  getImplementationProfile: {
    method: "GET",
    path: "/api/implementation/:country",
    summary:
      "A state's implementation of resolution 2341, section by section: self-assessment score and trend, measures in place, open and overdue follow-up actions, engagements and exercises. Read by its national authorities and those it is shared with; every count holds only what you may see.",
    tag: "assistance",
    auth: "user",
    params: CountryParams,
    status: 200,
    response: ImplementationProfile,
  },
  implementationProfilePdf: {
    method: "GET",
    path: "/api/implementation/:country.pdf",
    summary: "The same profile as a PDF, under the marking of its share (TLP:AMBER+STRICT when not shared).",
    tag: "assistance",
    auth: "user",
    params: CountryParams,
    status: 200,
    file: "application/pdf",
  },
  shareImplementationProfile: {
    method: "PUT",
    path: "/api/implementation/:country/share",
    summary:
      "A national authority's administrator or coordinator shares the state's profile, or changes with whom: a TLP marking and an audience (communities, organisations; named people for RED).",
    tag: "assistance",
    auth: "user",
    params: CountryParams,
    body: ProfileShareChange,
    status: 200,
    response: ProfileShare,
  },
  unshareImplementationProfile: {
    method: "DELETE",
    path: "/api/implementation/:country/share",
    summary: "Stop sharing the state's profile: only its national authorities read it again.",
    tag: "assistance",
    auth: "user",
    params: CountryParams,
    status: 204,
  },
} as const satisfies Record<string, EndpointDef>;
