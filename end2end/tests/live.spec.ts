import { test, expect, type Page, type TestInfo } from "@playwright/test";
import { jsEnabled, open, signInAs, watchConsole } from "./support";

/** How many the owner's navigation says wait for review (0 without a badge). */
async function toReview(page: Page): Promise<number> {
  const badge = page.locator(".primary-nav.wide .count[title$='to review']");
  if ((await badge.count()) === 0) return 0;
  return parseInt((await badge.getAttribute("title")) ?? "0", 10);
}

test.describe("live updates", () => {
  test("an owner sees a provider's hand-in arrive without reloading", async ({ page, browser }, testInfo) => {
    const problems = watchConsole(page);
    await signInAs(page, testInfo, "owner@demo.test");
    const title = `Live ${testInfo.project.name} ${Date.now() % 100000}`;
    await open(page, testInfo, "/tasks/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Instructions").fill("Send the reminder.");
    await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Ben Santos" });
    await page.getByLabel("Expected outcome").fill("reminder sent");
    await page.getByLabel("Acceptance criteria").fill("Sent");
    await page.getByLabel("Paid as").selectOption("fixed");
    await page.getByLabel("Price").fill("10");
    await page.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByText("Task created.")).toBeVisible();
    const path = new URL(page.url()).pathname;

    // The owner waits on the home page.
    await open(page, testInfo, "/");
    const before = await toReview(page);
    const dashboardLine = page.getByRole("link", { name: title });
    await expect(dashboardLine).toHaveCount(0);

    // Ben, in another browser, starts and hands in.
    const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const ben = await context.newPage();
    await signInAs(ben, testInfo, "ben@demo.test");
    await open(ben, testInfo, path);
    await ben.getByRole("button", { name: "Start work" }).click();
    await expect(ben.getByText("Started. The owner sees it is in progress.")).toBeVisible();
    await ben.getByLabel("What you did").fill("Sent it.");
    await ben.getByLabel("Outcome", { exact: true }).selectOption("yes");
    await ben.getByRole("button", { name: "Submit work" }).click();
    await expect(ben.getByText("Submitted. The owner will review it.")).toBeVisible();

    // With JavaScript the owner's page changes by itself; without, a reload
    // shows the same.
    if (!jsEnabled(testInfo)) await page.reload();
    await expect(dashboardLine).toBeVisible({ timeout: 5000 });
    await expect.poll(() => toReview(page), { timeout: 5000 }).toBeGreaterThan(before);
    await context.close();
    expect(problems).toEqual([]);
  });
});
