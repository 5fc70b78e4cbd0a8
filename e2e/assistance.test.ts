// Technical assistance in Chromium: the national authority's coordinator turns a gap of its
// submitted self-assessment into a need addressed to the university's institute; the institute's
// analyst sees it and expresses interest through its offer; the authority accepts, chooses its two
// runs and consents, and the engagement page shows the change section by section (checked against
// the API); the provider records a deliverable. A provider the need is not addressed to (the regional office) never sees it.
import { type Client, createClient } from "@bulwark/contracts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const STATE = "tomas.varga@ncipa.meridia.example";
const PROVIDER = "tariq.hussain@iir.uni-meridia.example";
const UNADDRESSED = "johanna.virtanen@rctco.example";
const UNIVERSITY = "University of Meridia – Institute for Infrastructure Resilience";
const OFFER = "Courses on critical infrastructure law and identification criteria";
const TITLE = "Drafting the critical infrastructure designation law";
/** The university's offer covers these themes (the demo's offers). */
const UNIVERSITY_THEMES = ["legal", "identification", "awareness", "strategy"];

let bulwark: Started;
let browser: Browser;
let api: Client;

async function as(email: string): Promise<Client> {
  const client = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await client.call("login", { body: { email, password: DEMO_PASSWORD } });
  return client;
}

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  api = await as(STATE);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

const signIn = (email: string): Promise<Page> => signInAs(browser, bulwark.url, email);

/** Picks an option of a Mantine select or multi-select by the field's name and the option's. */
async function choose(page: Page, field: string | RegExp, option: string | RegExp) {
  await page.getByRole("textbox", { name: field }).click();
  await page.getByRole("option", { name: option }).click();
  await page.keyboard.press("Escape");
}

describe("technical assistance in the browser", () => {
  it("turns a gap into a need that a provider offers on, the state accepts, and shows the change between two runs", async () => {
    const runs = await api.call("listRuns", {});
    const baseline = runs.find((run) => run.state === "submitted" && run.framework.id === "unsc-2341");
    const followUp = runs.find((run) => run.state === "draft" && run.framework.id === "unsc-2341");
    if (!baseline || !followUp) throw new Error("The demo's two runs were expected.");
    const results = await api.call("getRunResults", { params: { id: baseline.id } });
    const gap = results.gaps.find((item) => UNIVERSITY_THEMES.includes(item.sectionId));
    if (!gap) throw new Error("A gap on a theme the university covers was expected.");

    // The state: "Request assistance" on the gap opens the need form, drawn from it.
    const state = await signIn(STATE);
    await state.goto(`${bulwark.url}/self-assessment/runs/${baseline.id}/results`);
    await state
      .locator(`[data-gap="${gap.questionId}"]`)
      .getByRole("link", { name: `Request assistance: ${gap.question}` })
      .click();
    await state.getByText("Drawn from a gap of your self-assessment").waitFor();
    const title = state.getByRole("textbox", { name: "Title" });
    await expect.poll(() => title.inputValue()).toBe(gap.question.slice(0, 300));
    expect(await state.getByRole("textbox", { name: "Theme" }).inputValue()).not.toBe("");
    await title.fill(TITLE);
    await choose(state, "Modality", "Legislative drafting");
    await state.getByRole("radio", { name: "TLP:AMBER", exact: true }).check();
    await choose(state, "Providers that see it", `${UNIVERSITY} (Academia)`);
    await Promise.all([
      state.waitForURL(/\/assistance\/needs\/[0-9a-f-]{36}$/),
      state.getByRole("button", { name: "Record the need" }).click(),
    ]);
    const needId = new URL(state.url()).pathname.split("/").at(-1) ?? "";
    await state.getByRole("heading", { name: TITLE, level: 2 }).waitFor();
    // The university's offer ranks among the suggestions, with its reasons.
    const match = state.locator("[data-match]").filter({ hasText: OFFER });
    await match.locator('[data-criterion="theme"][data-met="true"]').waitFor();
    await match.locator('[data-criterion="modality"][data-met="true"]').waitFor();
    const need = await api.call("getAssistanceNeed", { params: { id: needId } });
    expect(need).toMatchObject({ title: TITLE, modality: "legislative-drafting", tlp: "amber" });
    expect(need.source).toMatchObject({ runId: baseline.id, questionId: gap.questionId });

    // A provider the need is not addressed to never sees it.
    const unaddressed = await as(UNADDRESSED);
    expect((await unaddressed.call("listAssistanceNeeds", {})).items.map((item) => item.id)).not.toContain(
      needId,
    );
    await expect(unaddressed.call("getAssistanceNeed", { params: { id: needId } })).rejects.toMatchObject({
      status: 404,
    });

    // The provider sees it and expresses interest through its offer.
    const provider = await signIn(PROVIDER);
    await provider.getByRole("link", { name: "Technical assistance", exact: true }).click();
    await provider.getByRole("link", { name: TITLE, exact: true }).click();
    await provider.getByRole("button", { name: "Express interest" }).click();
    const dialog = provider.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Through one of your offers" }).click();
    await provider.getByRole("option", { name: OFFER }).click();
    await dialog.getByRole("textbox", { name: "Message to the state" }).fill("Two experts in March.");
    await Promise.all([
      provider.waitForURL(/\/assistance\/engagements\/[0-9a-f-]{36}$/),
      dialog.getByRole("button", { name: "Send" }).click(),
    ]);
    const engagementId = new URL(provider.url()).pathname.split("/").at(-1) ?? "";
    await provider.locator('[data-status="proposed"]').first().waitFor();
    await provider.getByText("The state has not shared the change in its self-assessment.").waitFor();

    // The state accepts on its need's page, then compares its two runs and consents.
    await state.reload();
    const proposal = state.getByRole("article", { name: UNIVERSITY, exact: true });
    await proposal.getByRole("button", { name: "Accept" }).click();
    await proposal.locator('[data-status="active"]').waitFor();
    await proposal.getByRole("link", { name: UNIVERSITY }).click();
    await state.waitForURL(new RegExp(`/assistance/engagements/${engagementId}$`));
    await choose(state, "Run before", new RegExp(`^${baseline.title} ·`));
    await choose(state, "Run after", new RegExp(`^${followUp.title} ·`));
    await state.getByRole("checkbox", { name: /Let the provider see the change/ }).check();
    await state.getByRole("button", { name: "Save", exact: true }).click();
    const table = state.getByRole("table", { name: "Change in the self-assessment" });
    await table.waitFor();

    // What the page shows is what the API compares, section by section.
    const engagement = await api.call("getAssistanceEngagement", { params: { id: engagementId } });
    expect(engagement.status).toBe("active");
    const outcome = engagement.outcome;
    if (!outcome) throw new Error("The comparison of the two runs was expected.");
    const strategy = outcome.sections.find((section) => section.sectionId === "strategy");
    if (strategy?.delta === null || strategy?.delta === undefined) throw new Error("strategy changed");
    expect(strategy.delta).toBeGreaterThan(0);
    const points = Math.round(strategy.delta * 100);
    await expect.poll(() => table.locator('[data-section="strategy"]').textContent()).toContain(`+${points}`);
    expect(await table.locator('[data-section="overall"]').textContent()).toContain("Overall");

    // With the state's consent, the provider sees the same change.
    const seen = await (await as(PROVIDER)).call("getAssistanceEngagement", { params: { id: engagementId } });
    expect(seen.outcome).toEqual(outcome);
    expect(seen.baselineRunId).toBeNull();
    await provider.reload();
    await provider
      .getByRole("table", { name: "Change in the self-assessment" })
      .locator('[data-section="strategy"]')
      .getByText(`+${points}`)
      .waitFor();

    // The provider records a deliverable; the state sees it.
    await provider.getByRole("textbox", { name: "Deliverable" }).fill("Course material in English");
    await provider.getByRole("button", { name: "Add deliverable" }).click();
    await provider.getByText("Not delivered yet").waitFor();
    expect(
      (await api.call("getAssistanceEngagement", { params: { id: engagementId } })).deliverables,
    ).toEqual([{ title: "Course material in English", deliveredOn: null }]);
  }, 120_000);
});
