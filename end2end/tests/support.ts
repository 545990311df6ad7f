import { expect, type Page, type TestInfo } from "@playwright/test";

export const DEMO_PASSWORD = "handoff-demo-1";
export const NEW_PASSWORD = "a long enough secret";

export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Opens a page and, with JavaScript on, waits until hydration took over
 * the page itself (a lazy page hydrates after its chunk arrives): a click
 * before that could be lost. A page sent without the browser build
 * (app/src/plain_page.rs) arrives ready. */
export async function open(page: Page, testInfo: TestInfo, url: string) {
  const response = await page.goto(url);
  await pageReady(page, testInfo);
  return response;
}

/** With JavaScript on, waits until the page in view is hydrated (or was
 * sent plain and so arrived ready). */
export async function pageReady(page: Page, testInfo: TestInfo) {
  if (jsEnabled(testInfo)) {
    await expect(page.locator(".app")).toHaveAttribute("data-page-ready", "true");
  }
}

/** Fails the test on any console error or uncaught exception: a hydration
 * mismatch or a missing asset shows up here first. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    // A form's 4xx answer (a field to correct, a conflict) is expected; a
    // 5xx or anything else is not.
    const expected = /Failed to load resource: the server responded with a status of 4\d\d/;
    if (msg.type() === "error" && !expected.test(msg.text())) problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  return problems;
}

/** An e-mail no other test (or the other JavaScript project) uses. */
export function unique(testInfo: TestInfo, what: string): string {
  return `${what}-${testInfo.project.name}-${Date.now()}@example.test`;
}

/** Fills and submits the sign-in form; the caller checks where it lands. */
export async function signIn(page: Page, testInfo: TestInfo, email: string, password: string) {
  await open(page, testInfo, "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as a demo member and waits for their home. Sign-in is a plain
 * page, so home arrives by a whole-page load: wait for it to hydrate. */
export async function signInAs(page: Page, testInfo: TestInfo, email: string) {
  await signIn(page, testInfo, email, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await pageReady(page, testInfo);
}

/** Opens a workspace as a new owner; the caller checks where it lands. */
export async function signUp(
  page: Page,
  testInfo: TestInfo,
  email: string,
  options: { business?: string; name?: string; password?: string } = {},
) {
  await open(page, testInfo, "/signup");
  await page.getByLabel("Business name").fill(options.business ?? "Northside Bikes");
  await page.getByLabel("Time zone").fill("Europe/Lisbon");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByLabel("Your name").fill(options.name ?? "Nora North");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(options.password ?? NEW_PASSWORD);
  await page.getByRole("button", { name: "Create workspace" }).click();
}

/** Runs axe-core on the page as it is now and fails on any serious or
 * critical violation (WCAG 2.1 A and AA rules), naming each one. */
export async function expectAccessible(page: Page) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** A signed-out visitor who opened `path` was sent to sign in, with `path`
 * kept as where to return to. */
export async function expectSentToSignIn(page: Page, path: string) {
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  const url = new URL(page.url());
  expect(url.pathname).toBe("/login");
  expect(url.searchParams.get("next")).toBe(path);
}
