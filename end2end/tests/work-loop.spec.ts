import { test, expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, jsEnabled, open, signInAs, watchConsole } from "./support";

async function member(browser: Browser, testInfo: TestInfo, email: string) {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
  const page = await context.newPage();
  await signInAs(page, testInfo, email);
  return { context, page };
}

/** The owner writes a task with terms and gives it to Ben; returns its path. */
async function createTask(page: Page, testInfo: TestInfo, title: string) {
  await open(page, testInfo, "/tasks/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Instructions").fill("Match October's invoices to payments.");
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Ben Santos" });
  await page.getByLabel("Expected outcome").fill("invoice reconciled");
  await page.getByLabel("Target").fill("all October invoices");
  await page.getByLabel("Acceptance criteria").fill("Every invoice matched\nDifferences listed with amounts");
  await page.getByLabel("Due", { exact: true }).fill("2027-01-15T17:00");
  await page.getByLabel("Paid as").selectOption("bonus");
  await page.getByLabel("Price").fill("60");
  await page.getByLabel("Outcome bonus").fill("15");
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByText("Task created.")).toBeVisible();
  return new URL(page.url()).pathname;
}

test.describe("the work loop", () => {
  test("a task runs from assigned to accepted through one round of changes", async ({ page, browser }, testInfo) => {
    const problems = watchConsole(page);
    await signInAs(page, testInfo, "owner@demo.test");
    const title = `Reconcile ${testInfo.project.name} ${Date.now() % 100000}`;
    const path = await createTask(page, testInfo, title);
    const terms = page.getByRole("region", { name: "Outcome and terms" });
    await expect(terms).toContainText("invoice reconciled: all October invoices");
    await expect(terms).toContainText("Fri 15 Jan 2027, 17:00 (America/New_York)");
    // The provider's zone beside it: Ben is in Manila.
    await expect(terms).toContainText("That is Sat 16 Jan 2027, 06:00 (Asia/Manila)");
    await expect(terms).toContainText("USD 60.00 + USD 15.00 bonus");

    const ben = await member(browser, testInfo, "ben@demo.test");
    await open(ben.page, testInfo, "/tasks");
    await expect(ben.page.getByRole("link", { name: title })).toBeVisible();
    await open(ben.page, testInfo, path);
    if (jsEnabled(testInfo)) await expectAccessible(ben.page);
    const benTerms = ben.page.getByRole("region", { name: "Outcome and terms" });
    await expect(benTerms).toContainText("Sat 16 Jan 2027, 06:00 (Asia/Manila)");
    await expect(benTerms).toContainText("That is Fri 15 Jan 2027, 17:00 (America/New_York)");
    await ben.page.getByRole("button", { name: "Start work" }).click();
    await expect(ben.page.getByText("Started. The owner sees it is in progress.")).toBeVisible();

    await ben.page.getByLabel("What you did").fill("Matched 41 of 43; two are open.");
    await ben.page.getByLabel("Outcome", { exact: true }).selectOption("partly");
    await ben.page.getByLabel("Result").fill("41 of 43");
    await ben.page.getByLabel("Every invoice matched").check();
    await ben.page.getByRole("button", { name: "Submit work" }).click();
    await expect(ben.page.getByText("Submitted. The owner will review it.")).toBeVisible();

    await open(page, testInfo, path);
    const submission = page.getByRole("region", { name: "Submission, round 1" });
    if (jsEnabled(testInfo)) await expectAccessible(page);
    await expect(submission).toContainText("Partly achieved: 41 of 43");
    await expect(submission).toContainText("✓ Every invoice matched");
    await expect(submission).toContainText("✗ Differences listed with amounts");
    // Asking for changes without saying what is refused.
    await page.getByLabel("Ask for changes").check();
    await page.getByRole("button", { name: "Send review" }).click();
    await expect(page.getByText("Say what to change")).toBeVisible();
    await page.getByLabel("Ask for changes").check();
    await page.getByRole("textbox", { name: "Differences listed with amounts" }).fill("List the two open invoices with their amounts.");
    await page.getByLabel("Process change (optional)").fill("Add an amount column to the sheet.");
    await page.getByRole("button", { name: "Send review" }).click();
    await expect(page.getByText("Changes requested. The provider sees your feedback.")).toBeVisible();

    await open(ben.page, testInfo, path);
    const feedback = ben.page.getByRole("region", { name: "Changes requested" });
    await expect(feedback).toContainText("List the two open invoices with their amounts.");
    await expect(feedback).not.toContainText("amount column");
    await ben.page.getByRole("button", { name: "Start on the changes" }).click();
    await expect(ben.page.getByText("Back in progress with the requested changes.")).toBeVisible();
    // The next round starts from the last: nothing to retype or re-tick.
    await expect(ben.page.getByLabel("What you did")).toHaveValue("Matched 41 of 43; two are open.");
    await expect(ben.page.getByLabel("Outcome", { exact: true })).toHaveValue("partly");
    await expect(ben.page.getByLabel("Result")).toHaveValue("41 of 43");
    await expect(ben.page.getByLabel("Every invoice matched")).toBeChecked();
    await expect(ben.page.getByLabel("Differences listed with amounts")).not.toBeChecked();
    if (jsEnabled(testInfo)) await expectAccessible(ben.page);
    await ben.page.getByLabel("What you did").fill("All 43 matched; the two open ones are listed with amounts.");
    await ben.page.getByLabel("Outcome", { exact: true }).selectOption("yes");
    await ben.page.getByLabel("Differences listed with amounts").check();
    await ben.page.getByRole("button", { name: "Submit work" }).click();
    await expect(ben.page.getByText("Submitted. The owner will review it.")).toBeVisible();

    await open(page, testInfo, path);
    await expect(page.getByRole("region", { name: "Submission, round 2" })).toContainText("Achieved");
    await page.getByLabel("Accept the work").check();
    await page.getByRole("button", { name: "Send review" }).click();
    await expect(page.getByText("Accepted. The task is done")).toBeVisible();
    await expect(page.locator(".page-head .state")).toHaveText("Accepted");
    const timeline = page.getByRole("region", { name: "Timeline" });
    for (const line of ["Created the task", "Started work", "Submitted round 1", "Asked for changes", "Started on the requested changes", "Submitted round 2", "Accepted the work"]) {
      await expect(timeline).toContainText(line);
    }
    await expect(page.getByRole("region", { name: "Outcome and terms" })).toContainText("Rounds of changes1");

    // A stale click is refused with a clear message, never applied.
    await open(ben.page, testInfo, path);
    await expect(ben.page.getByRole("button", { name: "Submit work" })).toHaveCount(0);
    await ben.context.close();
    expect(problems).toEqual([]);
  });

  test("an edit made from an old copy of the task is refused and shown", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const title = `Conflict ${testInfo.project.name} ${Date.now() % 100000}`;
    const path = await createTask(page, testInfo, title);
    const other = await member(browser, testInfo, "owner@demo.test");
    await open(other.page, testInfo, path);
    // This page now holds the current version; the first page an old one.
    await open(page, testInfo, path);
    await other.page.getByText("Edit task", { exact: true }).click();
    await other.page.getByLabel("Title").fill(`${title} (renamed)`);
    await other.page.getByRole("button", { name: "Save task" }).click();
    await expect(other.page.getByText("Task saved.")).toBeVisible();
    await page.getByText("Edit task", { exact: true }).click();
    await page.getByLabel("Title").fill(`${title} (mine)`);
    await page.getByRole("button", { name: "Save task" }).click();
    await expect(page.getByText("Someone else saved this while you were editing")).toBeVisible();
    if (jsEnabled(testInfo)) {
      await expect(page.getByLabel("Title")).toHaveValue(`${title} (mine)`);
    }
    await open(page, testInfo, path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title} (renamed)`);
    await other.context.close();
  });

  test("the owner board puts the earliest due first; the provider's list sorts by due time", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/tasks");
    // The demo's reconciliation, due hours ago, comes before the fees task
    // due tomorrow (other suites add tasks of their own around them). It
    // was handed in again: it waits on the owner's review, so it "was due"
    // and is not overdue, as the home page's Overdue list says too.
    const reconcile = page.getByRole("row", { name: /Reconcile October invoices/ });
    await expect(reconcile).toContainText(/was due \d+ h ago/);
    await expect(reconcile).not.toContainText("overdue by");
    const order = await page.locator("tbody tr").allInnerTexts();
    const at = (title: string) => order.findIndex((row) => row.includes(title));
    expect(at("Reconcile October invoices")).toBeGreaterThanOrEqual(0);
    expect(at("Reconcile October invoices")).toBeLessThan(at("Chase unpaid session fees"));
    await open(page, testInfo, "/");
    await expect(page.getByRole("region", { name: "Overdue" })).not.toContainText("Reconcile October invoices");
    await open(page, testInfo, "/tasks");
    await page.getByLabel("State").selectOption("draft");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("row", { name: /Update the intake checklist/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /Reconcile October invoices/ })).toHaveCount(0);

    await open(page, testInfo, "/tasks?outcome_kind=appointments%20confirmed");
    const overnight = page.getByRole("row", { name: /Confirm tomorrow's appointments/ });
    await expect(overnight).toContainText("due in");
    await overnight.getByRole("link").click();
    // An overnight handoff: 09:00 in Lisbon, shown in both zones.
    await expect(page.getByRole("region", { name: "Outcome and terms" })).toContainText("09:00 (Europe/Lisbon)");
  });
});
