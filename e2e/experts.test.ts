// A discussion on a compendium entry in Chromium: a port's member posts on an entry, a colleague
// replies, and the first sees the unread count on the bell and opens the reply from it. The count
// is checked against the API the bell itself calls, read separately by the typed client.
import { createClient } from "@bulwark/contracts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInAs } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const AUTHOR = "olga.sorensen@portaster-ports.example";
const REPLIER = "kenji.watanabe@portaster-ports.example";
const SLUG = "eu-good-practices-public-spaces-2019";
const POST = "We used the checklist for the ferry terminal's forecourt. Who tried it at a port?";
const REPLY = "We did, for the cruise quay: start with the vehicle approach routes.";

let bulwark: Started;
let browser: Browser;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

const signIn = (email: string): Promise<Page> => signInAs(browser, bulwark.url, email);

async function openDiscussion(page: Page) {
  await page.goto(`${bulwark.url}/compendium/${SLUG}`);
  await page.getByRole("heading", { name: "Discussion" }).waitFor();
  return page.getByTestId("entry-discussion");
}

describe("discussions and notifications in the browser", () => {
  it("tells the author of a post about a reply, and opens it from the bell", async () => {
    const author = await signIn(AUTHOR);
    const bell = author.getByTestId("notification-bell");
    await author.locator('[data-testid="notification-bell"][data-unread="0"]').waitFor();
    const discussion = await openDiscussion(author);
    await discussion.getByText("No one has written here yet").waitFor();
    await discussion.getByLabel("Write a post").fill(POST);
    await discussion.getByRole("button", { name: "Post", exact: true }).click();
    await discussion.getByText(POST).waitFor();

    const replier = await signIn(REPLIER);
    const theirs = await openDiscussion(replier);
    const post = theirs.getByTestId("post").filter({ hasText: POST });
    await post.getByRole("button", { name: "Reply" }).click();
    await post.getByLabel("Reply to Olga Sorensen").fill(REPLY);
    await post.getByRole("button", { name: "Send reply" }).click();
    await post.getByText(REPLY).waitFor();

    // The bell counts what the API counts for the author.
    const api = createClient({ baseUrl: bulwark.url, cookieJar: true });
    await api.call("login", { body: { email: AUTHOR, password: DEMO_PASSWORD } });
    expect((await api.call("unreadNotifications")).count).toBe(1);
    // Live: the author's bell, on the page it was on, counts the reply without a reload (the count is
    // otherwise asked again only on a page change, or after a minute).
    await author.locator('[data-testid="notification-bell"][data-unread="1"]').waitFor({ timeout: 10_000 });
    await author.goto(`${bulwark.url}/experts`);
    await author.locator('[data-testid="notification-bell"][data-unread="1"]').waitFor();
    await bell.click();
    await author.getByTestId("notification").filter({ hasText: "Kenji Watanabe replied in" }).click();

    await author.locator('[data-testid="post"][data-target="true"]').filter({ hasText: REPLY }).waitFor();
    expect(new URL(author.url()).pathname).toBe(`/compendium/${SLUG}`);
    expect(new URL(author.url()).hash).toMatch(/^#post-[0-9a-f-]{36}$/);
    await author.locator('[data-testid="notification-bell"][data-unread="0"]').waitFor();
    expect((await api.call("unreadNotifications")).count).toBe(0);
  });
});
