import { test, expect, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, jsEnabled, open, signInAs, watchConsole } from "./support";

/** A task for Ava with a client and terms; returns its path. */
async function createTask(page: Page, testInfo: TestInfo, title: string) {
  await open(page, testInfo, "/tasks/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Instructions").fill("Book the intake call.");
  await page.getByLabel("Client", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Ava Lindqvist" });
  await page.getByLabel("Expected outcome").fill("intake booked");
  await page.getByLabel("Acceptance criteria").fill("Call booked");
  await page.getByLabel("Due", { exact: true }).fill("2027-02-01T09:30");
  await page.getByLabel("Paid as").selectOption("retainer");
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByText("Task created.")).toBeVisible();
  return new URL(page.url()).pathname;
}

test.describe("the owner's task page", () => {
  test("shows the task first, edits behind a control, cancels in place", async ({ page }, testInfo) => {
    const problems = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, testInfo, "owner@demo.test");
    const title = `Intake ${testInfo.project.name} ${Date.now() % 100000}`;
    const path = await createTask(page, testInfo, title);

    // The task comes first: who it is for (name beside alias), who does it, when.
    const terms = page.getByRole("region", { name: "Outcome and terms" });
    await expect(terms).toContainText("Ava Lindqvist");
    await expect(terms.locator(".client-name")).not.toBeEmpty();
    await expect(terms.locator(".alias")).toHaveText(/^Client [34679AFHJKMNQRWXY]{3}-[34679AFHJKMNQRWXY]{2}$/);
    await expect(terms).toContainText("Mon 1 Feb 2027, 09:30 (America/New_York)");
    // The due time stays inside its box.
    const due = terms.locator(".fact-wide", { hasText: "Due" });
    const overflows = await due.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(overflows).toBe(false);

    // Editing is folded away until asked for.
    await expect(page.getByLabel("Title")).toBeHidden();
    await page.getByText("Edit task", { exact: true }).click();
    await expect(page.getByLabel("Title")).toBeVisible();
    await page.getByLabel("Title").fill(`${title} (edited)`);
    await page.getByRole("button", { name: "Save task" }).click();
    await expect(page.getByText("Task saved.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title} (edited)`);
    await expect(page.getByLabel("Title")).toBeHidden();
    // A link can open the editor directly.
    await open(page, testInfo, `${path}?edit=1`);
    await expect(page.getByLabel("Title")).toBeVisible();

    if (jsEnabled(testInfo)) await expectAccessible(page);

    // "Cancel task…" asks right where it was clicked.
    await open(page, testInfo, path);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByText("Cancel task…", { exact: true }).click();
    await expect(page.getByRole("button", { name: "Yes, cancel this task" })).toBeInViewport();
    await expect(page.getByRole("heading", { name: "Cancel this task?" })).toBeInViewport();
    if (jsEnabled(testInfo)) {
      await expectAccessible(page);
      // "Keep it" folds the question away without leaving the page.
      await page.getByRole("link", { name: "Keep it" }).click();
      await expect(page.getByRole("button", { name: "Yes, cancel this task" })).toBeHidden();
      await page.getByText("Cancel task…", { exact: true }).click();
    }
    await page.getByRole("button", { name: "Yes, cancel this task" }).click();
    await expect(page.getByText("Task cancelled")).toBeVisible();
    await expect(page.locator(".page-head .state")).toHaveText("Cancelled");
    await expect(page.getByText("Cancel task…", { exact: true })).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test("the confirmation is in view on a phone too", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const path = await createTask(page, testInfo, `Phone ${testInfo.project.name} ${Date.now() % 100000}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, testInfo, path);
    await page.getByText("Cancel task…", { exact: true }).click();
    await expect(page.getByRole("button", { name: "Yes, cancel this task" })).toBeInViewport();
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(sideways).toBe(false);
  });
});

test.describe("task forms", () => {
  test("how a new task is paid is the owner's choice, never a default", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/tasks/new");
    const paidAs = page.getByLabel("Paid as");
    await expect(paidAs).toHaveValue("");
    await expect(paidAs.locator("option:checked")).toHaveText("Choose how the provider is paid");
    await page.getByLabel("Title").fill(`Unpaid ${testInfo.project.name} ${Date.now() % 100000}`);
    await page.getByLabel("Instructions").fill("Tidy the shared drive.");
    await page.getByRole("button", { name: "Create task" }).click();
    // The browser asks for the choice (with JavaScript off too): nothing is sent.
    await expect(page).toHaveURL(/\/tasks\/new/);
    expect(await paidAs.evaluate((el: HTMLSelectElement) => el.validity.valueMissing)).toBe(true);
  });

  test("a retainer hides price and bonus; the server ignores them", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/tasks/new");
    const price = page.getByLabel("Price");
    const bonus = page.getByLabel("Outcome bonus");
    if (jsEnabled(testInfo)) {
      await page.getByLabel("Paid as").selectOption("retainer");
      await expect(price).toBeHidden();
      await expect(bonus).toBeHidden();
      await page.getByLabel("Paid as").selectOption("fixed");
      await expect(price).toBeVisible();
      await expect(bonus).toBeHidden();
      await page.getByLabel("Paid as").selectOption("bonus");
      await expect(price).toBeVisible();
      await expect(bonus).toBeVisible();
      await expectAccessible(page);
    } else {
      // Without JavaScript they stay, and say when they apply.
      await expect(price).toBeVisible();
      await expect(page.getByText("Not for a retainer.")).toBeVisible();
      await page.getByLabel("Paid as").selectOption("bonus");
      await price.fill("abc");
      await bonus.fill("15");
    }
    await page.getByLabel("Paid as").selectOption("retainer");
    await page.getByLabel("Title").fill(`Retainer ${testInfo.project.name} ${Date.now() % 100000}`);
    await page.getByLabel("Instructions").fill("Tidy the shared drive.");
    await page.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByText("Task created.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Outcome and terms" })).toContainText("Covered by retainer");
  });

  test("the date of birth hint matches the date picker", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/clients/new");
    await expect(page.getByText("Pick the date, or leave it empty")).toBeVisible();
    await expect(page.getByText("Year-month-day")).toHaveCount(0);
  });

  test("a due time that has passed is kept only once the owner says so", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/tasks/new");
    await page.getByLabel("Title").fill(`Late ${testInfo.project.name} ${Date.now() % 100000}`);
    await page.getByLabel("Instructions").fill("Send the reminder letters.");
    await page.getByLabel("Paid as").selectOption("retainer");
    await page.getByLabel("Due", { exact: true }).fill("2020-01-15T17:00");
    await page.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByText("This due time has already passed.")).toBeVisible();
    await expect(page.getByLabel("Due", { exact: true })).toHaveAttribute("aria-invalid", "true");
    const keep = page.getByLabel("Keep this due time although it has passed");
    await expect(keep).toBeVisible();
    if (!jsEnabled(testInfo)) return; // without JavaScript the form comes back empty, as every form does
    await expect(page.getByLabel("Due", { exact: true })).toHaveValue("2020-01-15T17:00");
    await keep.check();
    await page.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByText("Task created.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Outcome and terms" })).toContainText("2020");
  });

  test("a date of birth still to come is refused beside its field, the rest kept", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/clients/new");
    const name = `Future Born ${testInfo.project.name} ${Date.now() % 100000}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Date of birth").fill("2090-01-01");
    await page.getByRole("button", { name: "Create client" }).click();
    await expect(page.getByText("This date of birth is in the future.")).toBeVisible();
    await expect(page.getByLabel("Date of birth")).toHaveAttribute("aria-invalid", "true");
    if (jsEnabled(testInfo)) await expect(page.getByLabel("Name")).toHaveValue(name);
  });

  test("an audit filter whose To is before its From says so beside To", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/audit?from=2026-03-02&to=2026-03-01");
    await expect(page.getByText("“To” is before “From”.")).toBeVisible();
    await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-03-02");
    await page.getByLabel("To", { exact: true }).fill("2026-03-03");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(page).toHaveURL(/to=2026-03-03/);
    await expect(page.getByText("“To” is before “From”.")).toHaveCount(0);
  });
});
