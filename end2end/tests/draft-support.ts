import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { open, signInAs } from "./support";

// Shared by the offline suites (drafts, offline): a provider with a started
// task, what the browser keeps, what the server holds.

export { signInAs };

export async function member(browser: Browser, testInfo: TestInfo, email: string, baseURL?: string) {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await signInAs(page, testInfo, email);
  return { context, page };
}

/** Errors thrown in the page (a panic in the wasm shows up here); failed
 * requests are expected in this suite, which cuts the connection. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error" && /panicked|RuntimeError|unreachable/.test(msg.text())) problems.push(msg.text());
  });
  return problems;
}

/** The owner writes a task for Ben; Ben opens it and starts work. Returns
 * Ben's context and page (on the task) and the task's path and id. */
export async function startedTask(browser: Browser, page: Page, testInfo: TestInfo, what: string, baseURL?: string) {
  await signInAs(page, testInfo, "owner@demo.test");
  await open(page, testInfo, "/tasks/new");
  const title = `${what} ${Date.now() % 100000}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Instructions").fill("Match October's invoices to payments.");
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Ben Santos" });
  await page.getByLabel("Expected outcome").fill("invoice reconciled");
  await page.getByLabel("Acceptance criteria").fill("Every invoice matched\nDifferences listed with amounts");
  await page.getByLabel("Paid as").selectOption("fixed");
  await page.getByLabel("Price").fill("60");
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByText("Task created.")).toBeVisible();
  const path = new URL(page.url()).pathname;
  const taskId = Number(path.split("/").pop());
  const ben = await member(browser, testInfo, "ben@demo.test", baseURL);
  await open(ben.page, testInfo, path);
  await ben.page.getByRole("button", { name: "Start work" }).click();
  await expect(ben.page.getByText("Started. The owner sees it is in progress.")).toBeVisible();
  await expect(ben.page.locator(".app")).toHaveAttribute("data-page-ready", "true");
  return { ...ben, path, taskId, title };
}

/** What this browser keeps under Handoff's prefix, key → value. */
export async function handoffKeys(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith("handoff:")) out[k] = localStorage.getItem(k) ?? "";
    }
    return out;
  });
}

/** The draft the server holds for this task (its body), or null. */
export async function serverDraft(page: Page, taskId: number, kind = "submission"): Promise<string | null> {
  return page.evaluate(
    async ([id, kind]) => {
      const r = await fetch("/api/load_draft", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `task_id=${id}&kind=${kind}`,
      });
      const draft = await r.json();
      return draft ? draft.content.body : null;
    },
    [taskId, kind] as const,
  );
}

/** The server cannot be reached for these calls (the request fails as it
 * does without a network). */
export async function cutOff(context: BrowserContext, api: string) {
  await context.route(`**/api/${api}`, (route) => route.abort("internetdisconnected"));
}

