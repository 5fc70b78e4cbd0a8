// An exercise in Chromium (issue 19): the national authority's coordinator controls a tabletop with
// two operators as players and the regulator as evaluator, each in a browser of their own. The
// controller adds an inject to the MSEL and starts the clock at high speed; the players see the
// injects addressed to them arrive; the evaluator rates an objective; the controller ends the
// exercise, adds a corrective action, and the AAR/IP names the objectives with their ratings; the
// corrective action is in the follow-up tracker. The exercise is designed through the API.
import { readFileSync } from "node:fs";
import { type Client, createClient } from "@bulwark/contracts";
import { PDFParse } from "pdf-parse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const CONTROLLER = "tomas.varga@ncipa.meridia.example";
const GRID_PLAYER = "fatima.nasser@meridiagrid.example";
const WATER_PLAYER = "grace.mwangi@meridiawater.example";
const EVALUATOR = "lucia.ferreira@ewra.meridia.example";
const MARK = "EXERCISE EXERCISE EXERCISE";
const TITLE = "Drones over the Marilstad substation";
const WARN = "Warn dependent operators within 30 minutes";
const PICTURE = "Agree one picture of what fails next";
const FIRST = "Drones seen above substation XM-EL-SUB-0001; the perimeter alarm sounds.";
const SECOND = "A second substation reports drones: load shedding is being prepared.";
const ACTION = "Write a drone-reporting procedure for substations";

let bulwark: Started;
let browser: Browser;
let api: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email: CONTROLLER, password: DEMO_PASSWORD } });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

async function organisationId(name: string): Promise<string> {
  const found = await api.call("listOrganisations", { query: { q: name, limit: 10 } });
  const organisation = found.items.find((item) => item.name.startsWith(name));
  if (!organisation) throw new Error(`No demo organisation named ${name}`);
  return organisation.id;
}

/** Waits for the answer of a write to `path` while `action` runs. */
async function writes(page: Page, method: string, path: RegExp, action: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (answer) => answer.request().method() === method && path.test(new URL(answer.url()).pathname),
    ),
    action(),
  ]);
  expect(response.status()).toBeLessThan(300);
}

async function pdfText(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "After-action report (AAR/IP, PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bulwark-exercise-aar-.*\.pdf$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text.replace(/\s+/g, " ");
}

describe("an exercise in the browser", () => {
  it("runs a tabletop: injects reach their players, an evaluator rates, the AAR/IP and tracker follow", async () => {
    const [grid, water, ewra] = await Promise.all([
      organisationId("Meridia Grid"),
      organisationId("National Water Utility"),
      organisationId("Energy and Water Utilities Regulatory Authority"),
    ]);
    const exercise = await api.call("createExercise", {
      body: {
        title: TITLE,
        type: "tabletop",
        participants: [
          { organisationId: grid, role: "player" },
          { organisationId: water, role: "player" },
          { organisationId: ewra, role: "evaluator" },
        ],
        objectives: [
          { title: WARN, capability: "public-information-and-warning" },
          { title: PICTURE, capability: "operational-coordination" },
        ],
      },
    });
    await api.call("createExerciseInject", {
      params: { id: exercise.id },
      body: {
        offsetMs: 60_000,
        sender: "Substation guard",
        recipientOrganisationIds: [grid, water],
        channel: "phone",
        content: FIRST,
      },
    });
    const url = `${bulwark.url}/exercises/${exercise.id}`;
    const signIn = (email: string) => signInAs(browser, bulwark.url, email);
    const [controller, gridPlayer, waterPlayer, evaluator] = await Promise.all([
      signIn(CONTROLLER),
      signIn(GRID_PLAYER),
      signIn(WATER_PLAYER),
      signIn(EVALUATOR),
    ]);

    // The controller finds it from the navigation, under the exercise banner.
    await controller.getByRole("link", { name: "Exercises", exact: true }).click();
    await controller.getByRole("heading", { name: "Exercises", exact: true }).waitFor();
    await controller.getByRole("note", { name: MARK }).waitFor();
    await controller.getByRole("link", { name: TITLE, exact: true }).click();
    await controller.getByRole("heading", { name: TITLE, level: 2 }).waitFor();
    await controller.getByRole("note", { name: MARK }).waitFor();

    // ...adds a second inject, for the grid operator only, to the MSEL.
    const form = controller.getByRole("form", { name: "Add an inject" });
    await form.getByLabel("Time from start (minutes)").fill("2");
    await form.getByLabel(/^Sender/).fill("Grid control room");
    // The pills box around the input takes the click; the input opens the list all the same.
    await form.getByRole("textbox", { name: "Recipients (players)" }).click({ force: true });
    await controller.getByRole("option", { name: /^Meridia Grid/ }).click();
    await form.getByLabel(/^Content/).fill(SECOND);
    await writes(controller, "POST", /\/injects$/, () =>
      form.getByRole("button", { name: "Add the inject" }).click(),
    );
    await controller.getByRole("row", { name: SECOND }).getByText("Pending", { exact: true }).waitFor();

    // The players open it: nothing has reached them yet.
    await Promise.all(
      [gridPlayer, waterPlayer].map(async (page) => {
        await page.goto(url);
        await page.getByRole("note", { name: MARK }).waitFor();
        await page.getByText("No inject has reached your organisation yet.").waitFor();
      }),
    );

    // The controller starts the clock at 240×: T+1:00 and T+2:00 come within a second.
    await controller.getByLabel("Speed (exercise seconds per real second)").fill("240");
    await writes(controller, "POST", /\/clock$/, () =>
      controller.getByRole("button", { name: "Start" }).click(),
    );
    await controller.getByRole("row", { name: SECOND }).getByText("Delivered", { exact: true }).waitFor();
    await controller.getByRole("row", { name: FIRST }).getByText("Delivered", { exact: true }).waitFor();

    // The grid operator gets both, in order; the water utility only the one addressed to it.
    await gridPlayer.getByRole("article", { name: SECOND }).waitFor();
    expect(await gridPlayer.getByRole("article").allTextContents()).toEqual([
      expect.stringContaining(FIRST),
      expect.stringContaining(SECOND),
    ]);
    await waterPlayer.getByRole("article", { name: FIRST }).waitFor();
    await waterPlayer.reload();
    await waterPlayer.getByRole("article", { name: FIRST }).waitFor();
    expect(await waterPlayer.getByRole("article", { name: SECOND }).count()).toBe(0);
    await waterPlayer.getByRole("article").first().getByText(MARK).waitFor();

    // The evaluator rates the first objective: some challenges.
    await evaluator.goto(url);
    await evaluator.getByRole("tab", { name: "Evaluation" }).click();
    const observation = evaluator.getByRole("form", { name: "Record an observation" });
    await observation.getByRole("radio", { name: "S: performed with some challenges" }).check();
    await observation.getByLabel("Strengths (one a line)").fill("The police were called at once.");
    await observation
      .getByLabel("Areas for improvement (one a line)")
      .fill("Nobody warned the water utility.");
    await writes(evaluator, "POST", /\/observations$/, () =>
      observation.getByRole("button", { name: "Record the observation" }).click(),
    );
    await evaluator
      .getByRole("article", { name: WARN })
      .getByText("S: performed with some challenges")
      .waitFor();

    // The controller ends the exercise and adds a corrective action to the improvement plan.
    await controller.getByRole("button", { name: "End the exercise" }).click();
    await writes(controller, "POST", /\/clock$/, () =>
      controller.getByRole("dialog").getByRole("button", { name: "End the exercise" }).click(),
    );
    await controller
      .getByRole("region", { name: "Exercise clock" })
      .getByText("Completed", { exact: true })
      .waitFor();
    await controller.getByRole("tab", { name: "Improvement plan" }).click();
    const plan = controller.getByRole("form", { name: "Add a corrective action" });
    await plan.getByLabel(/^Corrective action/).fill(ACTION);
    await plan.getByLabel(/^Due on/).fill("2027-06-30");
    await writes(controller, "POST", /\/corrective-actions$/, () =>
      plan.getByRole("button", { name: "Add the corrective action" }).click(),
    );
    await controller.getByRole("cell", { name: ACTION }).waitFor();

    // The AAR/IP names each objective with its rating, and the corrective action.
    const text = await pdfText(controller);
    expect(text).toContain(MARK);
    expect(text).toContain(TITLE);
    expect(text).toContain(`1. ${WARN}`);
    expect(text).toContain(`2. ${PICTURE}`);
    expect(text).toContain("S: Performed with some challenges");
    expect(text).toContain("Not rated");
    expect(text).toContain(ACTION);

    // ...and the follow-up tracker holds it.
    await controller.getByRole("link", { name: "Open the follow-up tracker" }).click();
    await controller.getByRole("heading", { name: "Follow-up actions" }).waitFor();
    await controller.getByRole("row", { name: ACTION }).getByText("Open", { exact: true }).waitFor();
  }, 180_000);
});
