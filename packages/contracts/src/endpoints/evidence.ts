// The investigation log's and the lessons' endpoints (issue 18), spread into the endpoint table in
// ../endpoints.ts. The log answers 404 to anyone who may not see it (outside law enforcement and the
// organisations it was shared with), as an incident does to anyone outside its audience.
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  CustodyTransfer,
  CustodyVerification,
  EvidenceCreate,
  EvidenceItem,
  EvidenceListQuery,
  EvidenceLog,
  EvidenceParams,
  EvidenceShare,
  IncidentReviewActionUpdate,
  IncidentReviewAnswer,
  IncidentReviewCreate,
  ReviewActionParams,
} from "../evidence.ts";

export const evidenceEndpoints = {
  listIncidentEvidence: {
    method: "GET",
    path: "/api/incidents/:id/evidence",
    summary:
      "The incident's investigation log (law enforcement, and organisations it shared the log with): the evidence items and who the log is shared with. Every reading is audited.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    query: EvidenceListQuery,
    status: 200,
    response: EvidenceLog,
  },
  addIncidentEvidence: {
    method: "POST",
    path: "/api/incidents/:id/evidence",
    summary:
      "Law enforcement records an evidence item: its description, the SHA-256 of its file (the file stays with you) and its collection, the first record of its chain of custody.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: EvidenceCreate,
    status: 201,
    response: EvidenceItem,
  },
  verifyIncidentEvidence: {
    method: "GET",
    path: "/api/incidents/:id/evidence/verify",
    summary:
      "Check every evidence item's chain of custody: each record's hash, its link to the one before, and the chain's end against the audit trail (a record altered or deleted is found).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: CustodyVerification,
  },
  shareIncidentEvidence: {
    method: "POST",
    path: "/api/incidents/:id/evidence/shares",
    summary:
      "Law enforcement names exactly the organisations, besides law enforcement, that may read the investigation log (each must see the incident too).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: EvidenceShare,
    status: 200,
    response: EvidenceLog,
  },
  getIncidentEvidence: {
    method: "GET",
    path: "/api/incidents/:id/evidence/:evidenceId",
    summary: "One evidence item with its chain of custody. Every reading is audited.",
    tag: "incidents",
    auth: "user",
    params: EvidenceParams,
    status: 200,
    response: EvidenceItem,
  },
  transferIncidentEvidence: {
    method: "POST",
    path: "/api/incidents/:id/evidence/:evidenceId/custody",
    summary:
      "Law enforcement records a hand-over of an evidence item: to whom, when and why (from its holder).",
    tag: "incidents",
    auth: "user",
    params: EvidenceParams,
    body: CustodyTransfer,
    status: 201,
    response: EvidenceItem,
  },
  incidentEvidenceCustodyReport: {
    method: "GET",
    path: "/api/incidents/:id/evidence/:evidenceId/custody.pdf",
    summary:
      "The chain of custody of an evidence item as a PDF, with each record's hash and the verification. Audited.",
    tag: "incidents",
    auth: "user",
    params: EvidenceParams,
    status: 200,
    file: "application/pdf",
  },
  getIncidentReview: {
    method: "GET",
    path: "/api/incidents/:id/review",
    summary:
      "The after-action review of a closed incident (what went well, what to improve), its follow-up actions and the case-study proposal it pre-filled.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: IncidentReviewAnswer,
  },
  createIncidentReview: {
    method: "POST",
    path: "/api/incidents/:id/review",
    summary:
      "Once the incident is closed, the authority or the filing operator writes its after-action review: follow-up actions, and on request a compendium case-study proposal, anonymised as chosen, which goes through the compendium's review.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentReviewCreate,
    status: 201,
    response: IncidentReviewAnswer,
  },
  progressIncidentReviewAction: {
    method: "POST",
    path: "/api/incidents/:id/review/actions/:actionId",
    summary:
      "Move a follow-up action of the after-action review on (open, in-progress, done, dropped): the authority, or its organisation's coordinators, analysts and administrators.",
    tag: "incidents",
    auth: "user",
    params: ReviewActionParams,
    body: IncidentReviewActionUpdate,
    status: 200,
    response: IncidentReviewAnswer,
  },
} as const satisfies Record<string, EndpointDef>;
