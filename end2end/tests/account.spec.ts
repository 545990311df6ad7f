import { test, expect, type Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  NEW_PASSWORD,
  expectAccessible,
  expectSentToSignIn,
  jsEnabled,
  open,
  signUp,
  unique,
  watchConsole,
} from "./support";

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** No part of the page needs a sideways scroll. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("signing in from a deep link", () => {
  test("returns to the page that was opened, query included", async ({ page }, testInfo) => {
    const problems = watchConsole(page);
    const response = await page.goto("/clients?q=Gomez");
    expect(response?.status()).toBe(200);
    await expectSentToSignIn(page, "/clients?q=Gomez");
    if (jsEnabled(testInfo)) {
      await expect(page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    }
    await fillSignIn(page, "owner@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { name: "Clients", level: 1 })).toBeVisible();
    const url = new URL(page.url());
    expect(url.pathname).toBe("/clients");
    expect(url.searchParams.get("q")).toBe("Gomez");
    await expect(page.getByRole("row", { name: /Maria Gomez/ })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test("a task link comes back to the task", async ({ page }, testInfo) => {
    await page.goto("/tasks/1");
    await expectSentToSignIn(page, "/tasks/1");
    if (jsEnabled(testInfo)) {
      await expect(page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    }
    await fillSignIn(page, "owner@demo.test", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/tasks\/1$/);
  });

  for (const next of ["//evil.example/tasks", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"]) {
    test(`a next of ${next} goes home instead`, async ({ page }, testInfo) => {
      await open(page, testInfo, `/login?next=${encodeURIComponent(next)}`);
      await fillSignIn(page, "ava@demo.test", DEMO_PASSWORD);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ava Lindqvist");
      const url = new URL(page.url());
      expect(url.host).toBe(new URL(testInfo.project.use.baseURL ?? "http://127.0.0.1").host);
      expect(url.pathname).toBe("/");
    });
  }
});

test.describe("your account", () => {
  test("a member changes their name and time zone", async ({ page }, testInfo) => {
    const problems = watchConsole(page);
    await signUp(page, testInfo, unique(testInfo, "rename"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nora North");
    await open(page, testInfo, "/account");
    if (jsEnabled(testInfo)) await expectAccessible(page);

    const name = page.getByLabel("Your name");
    const zone = page.getByLabel("Time zone");
    await expect(name).toHaveValue("Nora North");
    await expect(zone).toHaveValue("Europe/Lisbon");

    // Mistakes are named beside their fields, and nothing is saved.
    await name.fill("N".repeat(61));
    await zone.fill("Mars/Olympus");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.locator("#field-display_name-error")).toContainText("60 characters or fewer");
    await expect(page.locator("#field-time_zone-error")).toContainText("Choose a time zone from the list");

    await page.getByLabel("Your name").fill("Nora Northcote");
    await page.getByLabel("Time zone").fill("Pacific/Chatham");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Account" });
    await expect(nav).toContainText("Nora Northcote");
    await page.reload();
    await expect(page.getByLabel("Your name")).toHaveValue("Nora Northcote");
    await expect(page.getByLabel("Time zone")).toHaveValue("Pacific/Chatham");

    // The change is in the audit log, by what changed.
    await open(page, testInfo, "/audit?action=profile_changed");
    await expect(page.getByRole("row", { name: /Account details changed/ })).toContainText("display name, time zone");

    // A city typed as text is the zone it plainly means.
    await open(page, testInfo, "/account");
    await page.getByLabel("Time zone").fill("chicago");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Time zone")).toHaveValue("America/Chicago");
    expect(problems).toEqual([]);
  });

  test("every IANA zone is offered, the browser's preselected when JavaScript runs", async ({ browser }, testInfo) => {
    const context = await browser.newContext({
      javaScriptEnabled: jsEnabled(testInfo),
      // A zone whose name every ICU spells the same (Chromium reports some
      // older spellings, e.g. Asia/Katmandu, which the server accepts too).
      timezoneId: "Australia/Adelaide",
      baseURL: testInfo.project.use.baseURL,
    });
    const page = await context.newPage();
    await open(page, testInfo, "/signup");
    const options = await page.locator("#zone-names option").count();
    expect(options).toBeGreaterThan(400);
    await expect(page.locator('#zone-names option[value="America/Argentina/Ushuaia"]')).toHaveCount(1);
    await expect(page.getByLabel("Time zone")).toHaveValue(jsEnabled(testInfo) ? "Australia/Adelaide" : "UTC");
    await expect(page.getByText("as the providers and co-owners you invite will see it")).toBeVisible();
    if (jsEnabled(testInfo)) await expectAccessible(page);
    await context.close();
  });

  test("sign-up refuses a zone that is not a real one", async ({ page }, testInfo) => {
    await open(page, testInfo, "/signup");
    await page.getByLabel("Business name").fill("Zone Check Ltd");
    await page.getByLabel("Time zone").fill("Europe/Atlantis");
    await page.getByLabel("Your name").fill("Zed Zone");
    await page.getByLabel("Email").fill(unique(testInfo, "zone"));
    await page.getByLabel("Password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page.locator("#field-time_zone-error")).toContainText("Choose a time zone from the list");
  });
});

test.describe("clients and the audit log for owners", () => {
  test("part of an alias finds the client, with or without the dash", async ({ page }, testInfo) => {
    await open(page, testInfo, "/login");
    await fillSignIn(page, "owner@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Maya Patel");
    // Maria's alias, by her name (other suites add clients before her).
    await open(page, testInfo, "/clients?q=Maria%20Gomez");
    const rows = page.locator(".stack-table tbody tr");
    const alias = await rows.filter({ hasText: "Maria Gomez" }).locator(".alias").textContent();
    const code = alias!.replace("Client ", "").trim(); // e.g. 9Y6-4M
    for (const typed of [code.slice(0, 3), code.slice(1, 5), code.slice(1, 3) + code.slice(4, 5), `Client ${code.slice(0, 4)}`]) {
      await open(page, testInfo, "/clients");
      await page.getByLabel("Search by name, e-mail or alias").fill(typed);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/[?&]q=/);
      await expect(page.getByLabel("Search by name, e-mail or alias")).toHaveValue(typed);
      // Maria, and only clients whose alias holds the part (others made by
      // earlier suites may share it, on any page of the list).
      const part = typed.replace(/^Client /, "").replace("-", "");
      await expect(rows.locator("th", { hasText: "Maria Gomez" })).toHaveCount(1);
      const found = await rows.evaluateAll((trs) =>
        trs.map((tr) => tr.querySelector(".alias")!.textContent!.replace("Client ", "").replace("-", "").trim()),
      );
      for (const alias of found) expect(alias).toContain(part);
    }
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });

  test("the audit log shows the client's name beside the alias", async ({ page }, testInfo) => {
    await open(page, testInfo, "/login");
    await fillSignIn(page, "owner@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Maya Patel");
    await open(page, testInfo, "/audit?action=disclosure_added");
    const cell = page.locator(".audit-client").filter({ hasText: "Maria Gomez" }).first();
    await expect(cell).toBeVisible();
    await expect(cell.locator(".alias")).toHaveText(/^Client [0-9A-Z]{3}-[0-9A-Z]{2}$/);
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });

  test("on a phone both lists are cards that need no sideways scroll", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, testInfo, "/login");
    await fillSignIn(page, "owner@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Maya Patel");
    for (const path of ["/clients", "/audit"]) {
      await open(page, testInfo, path);
      await expect(page.locator(".stack-table tbody tr").first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      // Each cell carries its column's name, shown before its value.
      const label = await page
        .locator(".stack-table tbody tr")
        .first()
        .locator("[data-label]")
        .first()
        .evaluate((el) => getComputedStyle(el, "::before").content);
      expect(label).toMatch(/Name|When/);
    }
  });

  test("a new workspace's empty lists say what to do first", async ({ page }, testInfo) => {
    await signUp(page, testInfo, unique(testInfo, "empty"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nora North");
    await open(page, testInfo, "/clients");
    await expect(page.getByRole("heading", { name: "Add your first client" })).toBeVisible();
    await page.getByRole("link", { name: "Add your first client" }).click();
    await expect(page).toHaveURL(/\/clients\/new$/);
    await open(page, testInfo, "/clients?q=nobody");
    await expect(page.getByRole("heading", { name: "No client matches that search" })).toBeVisible();
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });
});
