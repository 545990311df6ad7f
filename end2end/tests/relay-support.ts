import { expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { DEMO_PASSWORD, jsEnabled, open, signIn } from "./support";

/** A signed-in member in a browser context of their own (on another app
 * server than the suite's when `baseURL` says so). */
export async function member(browser: Browser, testInfo: TestInfo, email: string, baseURL?: string) {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo), ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  await signIn(page, testInfo, email, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  return { context, page };
}

/** A context with no member session: the client with their link. */
export async function client(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
  const page = await context.newPage();
  return { context, page };
}

/** A name no other run (or the other JavaScript project) uses. */
// Not the project's name: a client's name is masked, word by word, in every
// text a provider reads, so "js-on" in a client's name would hide it in
// other suites' task titles too.
export function tag(testInfo: TestInfo, what: string): string {
  return `${what} ${Date.now() % 1000000}${testInfo.workerIndex}`;
}

/** The owner adds a client with contact details; returns the client page. */
export async function createClient(page: Page, testInfo: TestInfo, name: string) {
  await open(page, testInfo, "/clients/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.replace(/\W+/g, ".").toLowerCase()}@client.example`);
  await page.getByLabel("Phone").fill("+1 202 555 0143");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("Client created.")).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The owner gives Ben a task about the client; returns the task page. */
export async function createTask(page: Page, testInfo: TestInfo, clientPath: string, title: string) {
  const clientId = clientPath.split("/").pop();
  await open(page, testInfo, `/tasks/new?client=${clientId}`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Instructions").fill("Book the first session with the client.");
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Ben Santos" });
  await page.getByLabel("Expected outcome").fill("session booked");
  await page.getByLabel("Target").fill("1 session");
  await page.getByLabel("Acceptance criteria").fill("Session booked");
  await page.getByLabel("Paid as").selectOption("retainer");
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByText("Task created.")).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The owner makes the client's portal link on the client page; the link. */
export async function createLink(page: Page, testInfo: TestInfo, clientPath: string) {
  await open(page, testInfo, clientPath);
  await page.getByRole("button", { name: /Create a link|Make a new link/ }).click();
  const box = page.getByRole("textbox", { name: "The client's portal link" });
  await expect(box).toBeVisible();
  const link = await box.inputValue();
  expect(link).toMatch(/\/p\/[0-9a-f]{64}$/);
  return new URL(link).pathname;
}

/** The client opens their link and presses the button: the portal. */
export async function openPortal(page: Page, testInfo: TestInfo, linkPath: string) {
  await open(page, testInfo, linkPath);
  await page.getByRole("button", { name: "Open your messages" }).click();
}
