// The home: what needs the caller now. Core's homePolicy decides which sections the caller's roles
// give them; every section is read under the caller's own read scope of that capability (the same
// scopes the capability's pages use), so neither a list nor a count holds what the caller may not
// see. Each entry carries the path of the page that opens it.
import type { Home, HomeEntry, HomeSection } from "@bulwark/contracts";
import {
  type Actor,
  compendiumPolicy,
  dateAfter,
  eventPolicy,
  expertsPolicy,
  HOME_COMING_DAYS,
  type HomeSection as HomeSectionId,
  homePolicy,
  type Language,
  revealPersonalData,
  riskPolicy,
  selfAssessmentPolicy,
} from "@bulwark/core";
import {
  draftRuns,
  findRun,
  getOrganisation,
  type HomeList,
  type HomeSharedItem,
  homeActions,
  itemsToAcknowledge,
  itemsToApprove,
  latestSubmittedRunId,
  listAnswers,
  listAssessments,
  listInvitations,
  listProposals,
  organisationFacts,
  questionsForExpert,
  type RegisterFilters,
  registerCounts,
  sharingViewer,
  unverifiedOrganisations,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { incidentList } from "../incidents/incidents.service.ts";
import { obligationsOfSeen } from "../incidents/obligations.service.ts";
import { trackedIncidentTasks } from "../incidents/task-tracker.service.ts";
import { methodologyOf, todayOf } from "../risk/assessments.service.ts";
import { frameworkVersion } from "../self-assessment/frameworks.service.ts";
import { summaryOf } from "../self-assessment/runs.service.ts";

/** Entries shown per section (the total counts them all). */
export const HOME_ENTRIES = 5;

const entry = (fields: Partial<HomeEntry> & Pick<HomeEntry, "id" | "title" | "link">): HomeEntry => ({
  context: null,
  tag: null,
  at: null,
  dueOn: null,
  dueAt: null,
  overdue: false,
  ...fields,
});

type SectionReader = () => Promise<{ total: number; entries: HomeEntry[] }>;

export async function home(context: ServerContext, caller: Actor, language: Language = "en"): Promise<Home> {
  const db = context.db;
  const today = todayOf(context);
  const [organisation, facts] = await Promise.all([
    getOrganisation(
      db,
      { kind: "organisation", organisationId: caller.organisationId },
      caller.organisationId,
    ),
    organisationFacts(db, caller.organisationId, { nationalRegister: homePolicy.nationalRegister(caller) }),
  ]);
  if (!organisation) throw notFound("organisation");
  const viewer = await sharingViewer(db, caller);
  const { methodology } = await methodologyOf(context, caller.organisationId);
  const riskFilters: RegisterFilters = {
    organisationId: caller.organisationId,
    today,
    dueSoonUntil: dateAfter(today, methodology.review.dueSoonDays),
  };
  const riskScope = riskPolicy.readScope(caller);
  const riskCounts = registerCounts(db, riskScope, riskFilters);
  const actionViewer = {
    scope: eventPolicy.readScope(caller),
    organisationId: caller.organisationId,
    country: homePolicy.countryActions(caller) ? facts.country : null,
    today,
  };
  const shared = (list: HomeList<HomeSharedItem>) => ({
    total: list.total,
    entries: list.items.map((item) =>
      entry({
        id: item.id,
        // As the feed shows it: as written inside the author's organisation, pseudonymised outside.
        title:
          item.organisationId === caller.organisationId ? revealPersonalData(item.title) : item.publicTitle,
        link: `/sharing/${item.id}`,
        context: item.organisationName,
        tag: item.tlp,
        at: item.at,
      }),
    ),
  });

  const readers: Record<HomeSectionId, { link: string; read: SectionReader }> = {
    incidents: {
      link: "/incidents",
      read: async () => {
        // Real incidents only (an exercise's stay on its pages), as the incident list reads them.
        const list = await incidentList(context, caller, {
          state: ["reported", "acknowledged", "responding", "recovering"],
          limit: HOME_ENTRIES,
          offset: 0,
        });
        const entries = await Promise.all(
          list.items.map(async (incident) => {
            // The next report its regime still asks for (the list read it under the incident rule).
            const next = (await obligationsOfSeen(context, incident))
              .filter((obligation) => obligation.submittedAt === null)
              .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
            return entry({
              id: incident.id,
              title: incident.title,
              link: `/incidents/${incident.id}`,
              context: incident.organisation.name,
              tag: incident.tlp,
              at: incident.updatedAt,
              dueAt: next?.dueAt ?? null,
              overdue: next?.status === "overdue",
            });
          }),
        );
        return { total: list.total, entries };
      },
    },
    "incident-tasks": {
      link: "/incidents",
      read: async () => {
        const list = await trackedIncidentTasks(context, caller, {
          mine: true,
          open: true,
          limit: HOME_ENTRIES,
          offset: 0,
        });
        return {
          total: list.total,
          entries: list.items.map((task) =>
            entry({
              id: task.id,
              title: task.title,
              link: `/incidents/${task.incident.id}`,
              context: task.incident.title,
              at: task.createdAt,
              dueAt: task.dueAt,
              overdue: task.overdue,
            }),
          ),
        };
      },
    },
    acknowledge: {
      link: "/sharing",
      read: async () => shared(await itemsToAcknowledge(db, viewer, HOME_ENTRIES)),
    },
    "approve-sharing": {
      link: "/sharing/approvals",
      read: async () => shared(await itemsToApprove(db, viewer, HOME_ENTRIES)),
    },
    "review-proposals": {
      link: "/compendium/proposals",
      read: async () => {
        const list = await listProposals(db, compendiumPolicy.proposalScope(caller), {
          state: "open",
          limit: HOME_ENTRIES,
          offset: 0,
        });
        return {
          total: list.total,
          entries: list.items.map((proposal) =>
            entry({
              id: proposal.id,
              title: proposal.title,
              link: `/compendium/proposals/${proposal.id}`,
              context: proposal.organisation.name,
              at: proposal.updatedAt,
            }),
          ),
        };
      },
    },
    invitations: {
      link: "/communities",
      read: async () => {
        const list = await listInvitations(db, { organisationId: caller.organisationId, state: "pending" });
        return {
          total: list.length,
          entries: list.slice(0, HOME_ENTRIES).map((invitation) =>
            entry({
              id: invitation.id,
              title: invitation.community.name,
              link: "/communities",
              at: invitation.createdAt,
            }),
          ),
        };
      },
    },
    "actions-overdue": {
      link: "/events/actions",
      read: async () => actions(await homeActions(db, actionViewer, { overdue: true }, HOME_ENTRIES), true),
    },
    "actions-coming": {
      link: "/events/actions",
      read: async () =>
        actions(
          await homeActions(
            db,
            actionViewer,
            { overdue: false, until: dateAfter(today, HOME_COMING_DAYS) },
            HOME_ENTRIES,
          ),
          false,
        ),
    },
    "risk-reviews": {
      link: "/risk",
      read: async () => {
        const page = (review: "overdue" | "due-soon") =>
          listAssessments(
            db,
            riskScope,
            { ...riskFilters, review },
            { sort: "reviewDate", limit: HOME_ENTRIES, offset: 0 },
          );
        const [overdue, dueSoon, counts] = await Promise.all([page("overdue"), page("due-soon"), riskCounts]);
        return {
          total: counts.overdue + counts.dueSoon,
          entries: [
            ...overdue.items.map((item) => ({ item, late: true })),
            ...dueSoon.items.map((item) => ({ item, late: false })),
          ]
            .slice(0, HOME_ENTRIES)
            .map(({ item, late }) =>
              entry({
                id: item.id,
                title: item.title,
                link: `/risk/${item.id}`,
                context: item.scenarioTitle,
                dueOn: item.reviewDate,
                overdue: late,
              }),
            ),
        };
      },
    },
    "self-assessment-drafts": {
      link: "/self-assessment",
      read: async () => {
        const list = await draftRuns(
          db,
          selfAssessmentPolicy.readScope(caller),
          caller.organisationId,
          HOME_ENTRIES,
        );
        return {
          total: list.total,
          entries: list.items.map((run) =>
            entry({
              id: run.id,
              title: run.title,
              link: `/self-assessment/runs/${run.id}`,
              context: run.frameworkTitle,
              at: run.at,
            }),
          ),
        };
      },
    },
    questions: {
      link: "/experts/questions",
      read: async () => {
        const list = await questionsForExpert(
          db,
          expertsPolicy.questionScope(caller),
          caller.userId,
          HOME_ENTRIES,
        );
        return {
          total: list.total,
          entries: list.items.map((question) =>
            entry({
              id: question.id,
              title: question.title,
              link: `/experts/questions/${question.id}`,
              context: question.organisationName,
              at: question.at,
            }),
          ),
        };
      },
    },
    "verify-organisations": {
      link: "/organisations",
      read: async () => {
        const list = await unverifiedOrganisations(db, HOME_ENTRIES);
        return {
          total: list.total,
          entries: list.items.map((item) =>
            entry({ id: item.id, title: item.name, link: "/organisations", tag: item.country }),
          ),
        };
      },
    },
  };

  const sections: HomeSection[] = await Promise.all(
    homePolicy
      .sections(caller)
      .map(async (id) => ({ id, link: readers[id].link, ...(await readers[id].read()) })),
  );

  const runScope = selfAssessmentPolicy.readScope(caller);
  const [counts, latestId] = await Promise.all([
    riskCounts,
    latestSubmittedRunId(db, runScope, caller.organisationId),
  ]);
  const latest = latestId ? await findRun(db, runScope, latestId) : null;
  const selfAssessment = latest
    ? summaryOf(
        latest,
        await frameworkVersion(context, latest.frameworkId, latest.frameworkVersion, language),
        await listAnswers(db, [latest.id]),
      )
    : null;

  const steps = [
    { id: "assets", done: facts.assets > 0, link: "/assets" },
    { id: "colleagues", done: facts.people > 1, link: "/people" },
    { id: "communities", done: facts.communities > 0, link: "/communities" },
    { id: "self-assessment", done: facts.submittedRuns > 0, link: "/self-assessment" },
  ] as const;
  return {
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
    sections,
    figures: {
      assets: facts.assets,
      risksAboveAppetite: counts.aboveAppetite,
      selfAssessment: selfAssessment
        ? {
            runId: selfAssessment.id,
            title: selfAssessment.title,
            score: selfAssessment.overall,
            submittedAt: selfAssessment.submittedAt,
          }
        : null,
    },
    gettingStarted:
      homePolicy.gettingStarted(caller) && steps.some((step) => !step.done)
        ? steps.map((step) => ({ ...step }))
        : null,
  };
}

function actions(
  list: HomeList<{
    id: string;
    title: string;
    eventId: string;
    eventTitle: string;
    country: string;
    dueOn: string;
  }>,
  overdue: boolean,
) {
  return {
    total: list.total,
    entries: list.items.map((action) =>
      entry({
        id: action.id,
        title: action.title,
        link: `/events/${action.eventId}?tab=actions`,
        context: action.eventTitle,
        tag: action.country,
        dueOn: action.dueOn,
        overdue,
      }),
    ),
  };
}
