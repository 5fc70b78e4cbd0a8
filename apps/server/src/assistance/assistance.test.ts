// Technical assistance through the API (issue 20): needs seen by the providers the state addresses
// (TLP and audience, as for shared items) and by nobody else on any route — get, list and its
// total, update, matches both ways, engagements — offers likewise; matches ranked with their
// reasons; a provider's interest accepted by the state; and the outcome of two self-assessment
// runs shown to the provider only with the state's consent. Bad input changes nothing.
import type { Client, NeedCreateInput, OfferCreateInput } from "@bulwark/contracts";
import {
  insertCommunity,
  insertOrganisation,
  insertUser,
  rowsOf,
  setCommunityOrganisations,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { loadFrameworks, readFrameworks } from "../self-assessment/frameworks.service.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let state: Client; // the national authority's coordinator (the state, country XM)
let stateAuditor: Client; // the national authority's auditor: sees its needs, records none
let regional: Client; // a regional counter-terrorism office (international organisation), coordinator
let university: Client; // academia, analyst
let donor: Client; // another international organisation, never addressed here
let operator: Client; // a private operator's administrator (not a provider, not addressed)
let admin: Client; // a platform administrator of another organisation: no exception to TLP
const org = { regional: "", university: "", donor: "" };
let community = "";

const need = (over: Partial<NeedCreateInput> = {}): NeedCreateInput => ({
  title: "Train operators' staff on ICS security",
  description: "Two-week course for twenty engineers of the grid operator.",
  theme: "cyber",
  sectors: ["energy-electricity"],
  section: "protection",
  urgency: "high",
  languages: ["fr"],
  modality: "training",
  neededBy: "2027-06-30",
  tlp: "amber",
  audience: { organisationIds: [org.regional] },
  ...over,
});

const offer = (over: Partial<OfferCreateInput> = {}): OfferCreateInput => ({
  title: "ICS security course",
  themes: ["cyber"],
  regions: ["global"],
  languages: ["fr", "en"],
  modalities: ["training"],
  capacity: 2,
  availableFrom: "2027-01-01",
  availableUntil: "2027-12-31",
  ...over,
});

async function counts() {
  return rowsOf(
    await server.db.execute(sql`select
      (select count(*)::int from assistance_needs) as needs,
      (select count(*)::int from assistance_need_audience) as need_audience,
      (select count(*)::int from assistance_offers) as offers,
      (select count(*)::int from assistance_engagements) as engagements,
      (select count(*)::int from audit_log where action like 'assistance.%') as audit`),
  )[0];
}

beforeAll(async () => {
  server = await startTestServer();
  await loadFrameworks(server.context, readFrameworks());
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const organisation = (name: string, kind: "international-organisation" | "academia", country: string) =>
    insertOrganisation(server.db, { name, kind, country, sectors: [] }, now);
  org.regional = await organisation("Regional Counter-Terrorism Office", "international-organisation", "AT");
  org.university = await organisation("University of Meridia", "academia", "XM");
  org.donor = await organisation("Donor Programme", "international-organisation", "CH");
  const person = (
    email: string,
    organisationId: string,
    roles: ("coordinator" | "analyst" | "platform-admin")[],
  ) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await person("watch@authority.example", server.cast.organisations.authority, ["coordinator"]);
  await person("desk@regional.example", org.regional, ["coordinator"]);
  await person("lab@university.example", org.university, ["analyst"]);
  await person("desk@donor.example", org.donor, ["coordinator"]);
  await person("root@donor.example", org.donor, ["platform-admin"]);
  community = await insertCommunity(server.db, { name: "Capacity building", description: "" }, now);
  await setCommunityOrganisations(server.db, community, [
    server.cast.organisations.authority,
    org.university,
  ]);
  [state, stateAuditor, regional, university, donor, operator, admin] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("auditor@authority.example"),
    server.client("desk@regional.example"),
    server.client("lab@university.example"),
    server.client("desk@donor.example"),
    server.client("boss@grid.example"),
    server.client("root@donor.example"),
  ]);
}, 60_000);
afterAll(() => server.close());

describe("needs", () => {
  it("are seen by the state and the providers it addresses, and by no one else on any route", async () => {
    const created = await state.call("createAssistanceNeed", { body: need() });
    expect(created).toMatchObject({ status: "open", theme: "cyber", section: "protection", tlp: "amber" });
    expect(created.organisation.id).toBe(server.cast.organisations.authority);
    expect(created.audience).toEqual([{ kind: "organisation", id: org.regional }]);
    const params = { id: created.id };
    const seen = await regional.call("getAssistanceNeed", { params });
    expect(seen.abilities).toEqual({ edit: false, expressInterest: true });
    expect(seen.audience).toEqual([]); // the state's choice is named to the state only
    expect((await stateAuditor.call("getAssistanceNeed", { params })).abilities.edit).toBe(false);
    for (const stranger of [university, donor, operator, admin]) {
      expect(await statusOf(stranger.call("getAssistanceNeed", { params }))).toBe(404);
      const list = await stranger.call("listAssistanceNeeds", {});
      expect(list.items.map((item) => item.id)).not.toContain(created.id);
      expect(list.total).toBe(list.items.length);
      expect(await statusOf(stranger.call("listAssistanceMatches", { query: { need: created.id } }))).toBe(
        404,
      );
      expect(
        await statusOf(stranger.call("updateAssistanceNeed", { params, body: { urgency: "low" } })),
      ).toBe(404);
      expect(
        await statusOf(stranger.call("createAssistanceEngagement", { body: { needId: created.id } })),
      ).toBe(404);
    }
    expect((await regional.call("listAssistanceNeeds", {})).items.map((item) => item.id)).toContain(
      created.id,
    );
  });

  it("reach a community's organisations under GREEN, and everyone under CLEAR", async () => {
    const green = await state.call("createAssistanceNeed", {
      body: need({ title: "Exercise support", tlp: "green", audience: { communityIds: [community] } }),
    });
    expect((await university.call("getAssistanceNeed", { params: { id: green.id } })).id).toBe(green.id);
    expect(await statusOf(regional.call("getAssistanceNeed", { params: { id: green.id } }))).toBe(404);
    const clear = await state.call("createAssistanceNeed", {
      body: need({ title: "Awareness", tlp: "clear", audience: {} }),
    });
    expect((await operator.call("getAssistanceNeed", { params: { id: clear.id } })).id).toBe(clear.id);
    await state.call("updateAssistanceNeed", { params: { id: clear.id }, body: { status: "closed" } });
  });

  it("are recorded by a state's working roles only, with a known section and existing recipients", async () => {
    const unchanged = await counts();
    expect(await statusOf(regional.call("createAssistanceNeed", { body: need() }))).toBe(403);
    expect(await statusOf(stateAuditor.call("createAssistanceNeed", { body: need() }))).toBe(403);
    const member = await server.client("member@grid.example");
    expect(await statusOf(member.call("createAssistanceNeed", { body: need() }))).toBe(403);
    expect(await statusOf(state.call("createAssistanceNeed", { body: need({ section: "nonsense" }) }))).toBe(
      422,
    );
    expect(
      await statusOf(state.call("createAssistanceNeed", { body: need({ theme: "weather" as "cyber" }) })),
    ).toBe(400);
    expect(
      await statusOf(
        state.call("createAssistanceNeed", {
          body: need({ audience: { organisationIds: ["00000000-0000-4000-8000-000000000000"] } }),
        }),
      ),
    ).toBe(422);
    expect(await statusOf(state.call("createAssistanceNeed", { body: need({ tlp: "red" }) }))).toBe(403);
    expect(await counts()).toEqual(unchanged);
  });

  it("are changed by their organisation only; narrowing the audience hides it from those left out", async () => {
    const created = await state.call("createAssistanceNeed", { body: need({ title: "Narrowed" }) });
    const params = { id: created.id };
    expect(await statusOf(regional.call("updateAssistanceNeed", { params, body: { urgency: "low" } }))).toBe(
      403,
    );
    expect(await statusOf(state.call("updateAssistanceNeed", { params, body: { tlp: "amber" } }))).toBe(400); // marking and audience change together
    const changed = await state.call("updateAssistanceNeed", {
      params,
      body: { tlp: "amber", audience: { organisationIds: [org.university] } },
    });
    expect(changed.audience).toEqual([{ kind: "organisation", id: org.university }]);
    expect(await statusOf(regional.call("getAssistanceNeed", { params }))).toBe(404);
    expect((await university.call("getAssistanceNeed", { params })).id).toBe(created.id);
    const audit = rowsOf<{ action: string }>(
      await server.db.execute(sql`select action from audit_log
        where target_id = ${created.id} and action like 'assistance.%' order by seq`),
    );
    expect(audit.map((row) => row.action)).toEqual(["assistance.need.record", "assistance.need.update"]);
  });
});

describe("drafts from a self-assessment gap", () => {
  it("pre-fill a need from a question of the state's own run, and nobody else reads that run", async () => {
    const run = await state.call("createRun", { body: { frameworkId: "unsc-2341", title: "2026" } });
    const draft = await state.call("draftAssistanceNeed", {
      query: { runId: run.id, questionId: "risk-national" },
    });
    expect(draft).toMatchObject({
      theme: "risk",
      section: "risk",
      source: { kind: "gap", runId: run.id, questionId: "risk-national" },
    });
    expect(draft.title.length).toBeGreaterThan(10);
    // A section that is no theme leaves the theme to choose.
    const protection = await state.call("draftAssistanceNeed", {
      query: { runId: run.id, questionId: "protection-physical" },
    });
    expect(protection).toMatchObject({ theme: null, section: "protection" });
    expect(
      await statusOf(
        regional.call("draftAssistanceNeed", { query: { runId: run.id, questionId: "risk-national" } }),
      ),
    ).toBe(404);
    expect(
      await statusOf(state.call("draftAssistanceNeed", { query: { runId: run.id, questionId: "nope" } })),
    ).toBe(422);
    expect(await statusOf(state.call("draftAssistanceNeed", { query: { runId: run.id } }))).toBe(400);
    const recorded = await state.call("createAssistanceNeed", {
      body: need({
        title: draft.title,
        theme: "risk",
        section: draft.section,
        source: { kind: "gap", runId: run.id, questionId: "risk-national" },
      }),
    });
    expect(recorded.source).toEqual({ runId: run.id, questionId: "risk-national", actionId: null });
    // Another organisation cannot name the state's run as a source.
    const before = await counts();
    expect(
      await statusOf(
        operator.call("createAssistanceNeed", {
          body: need({ source: { kind: "gap", runId: run.id, questionId: "risk-national" } }),
        }),
      ),
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe("drafts from a follow-up action", () => {
  it("pre-fill a need from an action of the state's country, for that country only", async () => {
    const event = await state.call("createEvent", {
      body: {
        kind: "workshop",
        title: "National workshop on protection",
        summary: "",
        region: "global",
        countries: ["XM"],
        venue: "online",
        startsOn: "2026-10-01",
        endsOn: "2026-10-02",
        marking: "green",
      },
    });
    const action = await state.call("addEventAction", {
      params: { id: event.id },
      body: {
        country: "XM",
        title: "Draft a national risk method",
        description: "With the operators of the energy sector.",
        ownerOrganisationId: server.cast.organisations.authority,
        dueOn: "2027-03-01",
      },
    });
    const draft = await state.call("draftAssistanceNeed", { query: { actionId: action.id } });
    expect(draft).toMatchObject({
      title: "Draft a national risk method",
      theme: null,
      source: { kind: "action", actionId: action.id },
    });
    // The regional office reads every event (it moderates the compendium) but the action is not its
    // country's; the operator's administrator may not read this GREEN event at all.
    const draftFrom = (client: Client) =>
      statusOf(client.call("draftAssistanceNeed", { query: { actionId: action.id } }));
    expect(await draftFrom(regional)).toBe(403);
    expect(await draftFrom(operator)).toBe(404);
    const recorded = await state.call("createAssistanceNeed", {
      body: need({ title: draft.title, source: { kind: "action", actionId: action.id } }),
    });
    expect(recorded.source.actionId).toBe(action.id);
  });
});

describe("offers, matches and engagements", () => {
  const ids = {
    need: "",
    hiddenNeed: "",
    regionalOffer: "",
    universityOffer: "",
    donorOffer: "",
    engagement: "",
  };

  beforeAll(async () => {
    ids.need = (await state.call("createAssistanceNeed", { body: need({ title: "Matched need" }) })).id;
    ids.hiddenNeed = (
      await state.call("createAssistanceNeed", {
        body: need({ title: "For the university only", audience: { organisationIds: [org.university] } }),
      })
    ).id;
    ids.regionalOffer = (await regional.call("createAssistanceOffer", { body: offer() })).id;
    ids.universityOffer = (
      await university.call("createAssistanceOffer", {
        body: offer({
          title: "Workshop on ICS incidents",
          modalities: ["workshop"],
          languages: ["en"],
          availableFrom: null,
          availableUntil: null,
          tlp: "amber",
          audience: { organisationIds: [server.cast.organisations.authority] },
        }),
      })
    ).id;
    // A perfect match the state may not see: addressed to the operator only.
    ids.donorOffer = (
      await donor.call("createAssistanceOffer", {
        body: offer({
          title: "Hidden course",
          tlp: "amber",
          audience: { organisationIds: [server.cast.organisations.operator] },
        }),
      })
    ).id;
  });

  it("offers are published by providers and seen under their marking", async () => {
    expect(await statusOf(operator.call("createAssistanceOffer", { body: offer() }))).toBe(403);
    expect(
      await statusOf(
        regional.call("createAssistanceOffer", { body: offer({ availableFrom: "2028-01-01" }) }),
      ),
    ).toBe(400);
    const seenByState = (await state.call("listAssistanceOffers", {})).items.map((item) => item.id);
    expect(seenByState).toEqual(expect.arrayContaining([ids.regionalOffer, ids.universityOffer]));
    expect(seenByState).not.toContain(ids.donorOffer);
    for (const [client, id] of [
      [state, ids.donorOffer],
      [regional, ids.universityOffer],
      [admin, ids.universityOffer],
    ] as const) {
      expect(await statusOf(client.call("getAssistanceOffer", { params: { id } }))).toBe(404);
      expect(await statusOf(client.call("listAssistanceMatches", { query: { offer: id } }))).toBe(404);
      expect(
        await statusOf(client.call("updateAssistanceOffer", { params: { id }, body: { capacity: 5 } })),
      ).toBe(404);
    }
    const list = await regional.call("listAssistanceOffers", {});
    expect(list.total).toBe(list.items.length);
    expect(
      await statusOf(
        state.call("updateAssistanceOffer", { params: { id: ids.regionalOffer }, body: { capacity: 9 } }),
      ),
    ).toBe(403);
    const changed = await regional.call("updateAssistanceOffer", {
      params: { id: ids.regionalOffer },
      body: { capacity: 3 },
    });
    expect(changed).toMatchObject({ capacity: 3, active: 0, abilities: { edit: true } });
  });

  it("matches rank the offers the reader may see for a need, with their reasons", async () => {
    const { items } = await state.call("listAssistanceMatches", { query: { need: ids.need } });
    expect(items.map((match) => [match.offer.id, match.score])).toEqual([
      [ids.regionalOffer, 100],
      [ids.universityOffer, 65],
    ]);
    const reasons = Object.fromEntries((items[1]?.reasons ?? []).map((r) => [r.criterion, r.met]));
    expect(reasons).toEqual({ theme: true, modality: false, region: true, language: false, timing: true });
  });

  it("matches rank the needs the reader may see for an offer, never a need hidden from it", async () => {
    const mine = await regional.call("listAssistanceMatches", { query: { offer: ids.regionalOffer } });
    const needIds = mine.items.map((match) => match.need.id);
    expect(needIds).toContain(ids.need);
    expect(needIds).not.toContain(ids.hiddenNeed);
    const theirs = await university.call("listAssistanceMatches", { query: { offer: ids.regionalOffer } });
    expect(theirs.items.map((match) => match.need.id)).toContain(ids.hiddenNeed);
    expect(theirs.items.map((match) => match.need.id)).not.toContain(ids.need);
    expect(await statusOf(state.call("listAssistanceMatches", { query: {} }))).toBe(400);
  });

  it("a provider's interest is accepted by the state, and only the two parties see the engagement", async () => {
    const before = await counts();
    expect(await statusOf(state.call("createAssistanceEngagement", { body: { needId: ids.need } }))).toBe(
      403,
    );
    expect(
      await statusOf(
        university.call("createAssistanceEngagement", {
          body: { needId: ids.hiddenNeed, offerId: ids.regionalOffer },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(regional.call("createAssistanceEngagement", { body: { needId: ids.hiddenNeed } })),
    ).toBe(404);
    expect(await counts()).toEqual(before);
    const proposed = await regional.call("createAssistanceEngagement", {
      body: { needId: ids.need, offerId: ids.regionalOffer, message: "We can run it in French." },
    });
    ids.engagement = proposed.id;
    expect(proposed).toMatchObject({ status: "proposed", abilities: { transitions: ["withdrawn"] } });
    expect(await statusOf(regional.call("createAssistanceEngagement", { body: { needId: ids.need } }))).toBe(
      409,
    );
    const params = { id: proposed.id };
    expect((await state.call("getAssistanceEngagement", { params })).abilities.transitions).toEqual([
      "active",
      "declined",
    ]);
    for (const stranger of [university, donor, operator, admin]) {
      expect(await statusOf(stranger.call("getAssistanceEngagement", { params }))).toBe(404);
      expect(
        await statusOf(
          stranger.call("updateAssistanceEngagement", { params, body: { status: "completed" } }),
        ),
      ).toBe(404);
      const list = await stranger.call("listAssistanceEngagements", { query: { needId: ids.need } });
      expect(list).toEqual({ items: [], total: 0 });
    }
    expect(
      await statusOf(regional.call("updateAssistanceEngagement", { params, body: { status: "active" } })),
    ).toBe(403);
    const active = await state.call("updateAssistanceEngagement", { params, body: { status: "active" } });
    expect(active.status).toBe("active");
    expect(active.startedAt).not.toBeNull();
    expect((await state.call("getAssistanceNeed", { params: { id: ids.need } })).status).toBe("engaged");
    expect((await regional.call("getAssistanceOffer", { params: { id: ids.regionalOffer } })).active).toBe(1);
    const withMilestones = await regional.call("updateAssistanceEngagement", {
      params,
      body: { milestones: [{ title: "Course delivered", dueOn: "2027-02-15" }] },
    });
    expect(withMilestones.milestones).toEqual([
      { title: "Course delivered", dueOn: "2027-02-15", doneOn: null },
    ]);
    expect((await regional.call("listAssistanceEngagements", {})).items.map((item) => item.id)).toEqual([
      proposed.id,
    ]);
  });

  it("records deliverables and the parties' participants; others cannot, and strangers are refused", async () => {
    const params = { id: ids.engagement };
    const [statePerson, regionalPerson, outsider] = await Promise.all(
      [state, regional, university].map(async (client) => (await client.call("me")).id),
    );
    if (!statePerson || !regionalPerson || !outsider) throw new Error("three people expected");
    const before = await counts();
    const refused = await statusOf(
      state.call("updateAssistanceEngagement", {
        params,
        body: { participantIds: [statePerson, outsider] },
      }),
    );
    expect(refused).toBe(422);
    expect(
      await statusOf(
        university.call("updateAssistanceEngagement", {
          params,
          body: { deliverables: [{ title: "Smuggled report" }] },
        }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        stateAuditor.call("updateAssistanceEngagement", {
          params,
          body: { deliverables: [{ title: "Auditor's report" }] },
        }),
      ),
    ).toBe(403);
    expect(await counts()).toEqual(before);
    const changed = await regional.call("updateAssistanceEngagement", {
      params,
      body: {
        deliverables: [
          { title: "Course material in French", deliveredOn: "2027-02-16" },
          { title: "Report" },
        ],
        participantIds: [regionalPerson, statePerson, regionalPerson],
      },
    });
    expect(changed.deliverables).toEqual([
      { title: "Course material in French", deliveredOn: "2027-02-16" },
      { title: "Report", deliveredOn: null },
    ]);
    expect(changed.participants.map((person) => person.id).sort()).toEqual(
      [regionalPerson, statePerson].sort(),
    );
    const seen = await state.call("getAssistanceEngagement", { params });
    expect(seen.participants).toEqual(changed.participants);
    expect(seen.deliverables).toEqual(changed.deliverables);
  });

  it("shows the change between the state's two runs to the provider only with the state's consent", async () => {
    const params = { id: ids.engagement };
    const runWith = async (level: number) => {
      const run = await state.call("createRun", {
        body: { frameworkId: "unsc-2341", title: `Level ${level}` },
      });
      await state.call("updateAnswer", {
        params: { id: run.id, questionId: "risk-national" },
        body: { version: 0, value: { type: "maturity", level } },
      });
      return run.id;
    };
    const baselineRunId = await runWith(1);
    const followUpRunId = await runWith(4);
    const operatorRun = await operator.call("createRun", {
      body: { frameworkId: "unsc-2341", title: "Theirs" },
    });
    expect(
      await statusOf(
        regional.call("updateAssistanceEngagement", { params, body: { baselineRunId, followUpRunId } }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        state.call("updateAssistanceEngagement", {
          params,
          body: { baselineRunId: operatorRun.id, followUpRunId },
        }),
      ),
    ).toBe(422);
    const mine = await state.call("updateAssistanceEngagement", {
      params,
      body: { baselineRunId, followUpRunId },
    });
    const risk = mine.outcome?.sections.find((section) => section.sectionId === "risk");
    expect(risk?.before).toBeCloseTo(0.2);
    expect(risk?.after).toBeCloseTo(0.8);
    expect(risk?.delta).toBeCloseTo(0.6);
    const withheld = await regional.call("getAssistanceEngagement", { params });
    expect(withheld).toMatchObject({ outcome: null, baselineRunId: null, followUpRunId: null });
    await state.call("updateAssistanceEngagement", { params, body: { outcomeConsent: true } });
    const shared = await regional.call("getAssistanceEngagement", { params });
    expect(shared.outcome?.sections.find((section) => section.sectionId === "risk")?.delta).toBeCloseTo(0.6);
    expect(shared.baselineRunId).toBeNull();
    const done = await regional.call("updateAssistanceEngagement", { params, body: { status: "completed" } });
    expect(done).toMatchObject({
      status: "completed",
      abilities: { transitions: [], recordMilestones: false },
    });
    expect(done.endedAt).not.toBeNull();
  });
});

describe("answers in the caller's language", () => {
  it("says a refusal and a hidden need in French", async () => {
    const { token } = await regional.call("createToken", { body: { name: "fr", scopes: ["read", "write"] } });
    const headers = { authorization: `Bearer ${token}`, "accept-language": "fr" };
    const hidden = await state.call("createAssistanceNeed", {
      body: need({ title: "Not for the office", audience: { organisationIds: [org.university] } }),
    });
    const missing = await server.inject({
      method: "GET",
      url: `/api/assistance/needs/${hidden.id}`,
      headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe(
      "Aucun besoin d'assistance portant cet identifiant ne vous est visible.",
    );
    const refused = await server.inject({
      method: "POST",
      url: "/api/assistance/needs",
      headers,
      payload: need(),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe(
      "Les besoins sont enregistrés par les organisations d'un État, non par les organisations internationales.",
    );
  });
});
