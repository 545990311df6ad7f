import { test, expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectSentToSignIn, jsEnabled, open, signIn, signInAs, unique } from "./support";

/** As the signed-in owner on `page`, invites `email` and returns the link. */
async function invite(page: Page, testInfo: TestInfo, email: string, role = "provider") {
  await open(page, testInfo, "/team");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Joins as").selectOption(role);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const box = page.getByLabel("Invitation link");
  await expect(box).toBeVisible();
  const link = await box.inputValue();
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);
  // The link never travels in the page's address (history, proxy logs).
  expect(page.url()).not.toContain("invite");
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Waiting");
  // The form starts empty again, ready for the next invitation.
  await expect(page.getByLabel("Email")).toHaveValue("");
  return new URL(link).pathname;
}

async function accept(browser: Browser, testInfo: TestInfo, path: string, name: string) {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
  const page = await context.newPage();
  await open(page, testInfo, path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Join Bright Path Therapy");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Time zone").fill("Asia/Manila");
  await page.getByLabel("Password", { exact: true }).fill("provider password 1");
  await page.getByRole("button", { name: "Join workspace" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}`);
  return { context, page };
}

test.describe("team", () => {
  test("the team page never shows a link put into its address", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/team?invite_link=https%3A%2F%2Fevil.example%2Finvite%2Fabc");
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    await expect(page.getByLabel("Invitation link")).toHaveCount(0);
    expect(await page.content()).not.toContain("evil.example");
  });

  test("an owner invites a provider, who joins once by the link", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const email = unique(testInfo, "pia");
    const path = await invite(page, testInfo, email);

    const name = `Pia ${testInfo.project.name}`;
    const pia = await accept(browser, testInfo, path, name);
    await expect(pia.page.getByRole("navigation", { name: "Account" })).toContainText("Provider");
    // Back to the link while signed in: she has joined, nothing is wrong.
    await open(pia.page, testInfo, path);
    await expect(pia.page.getByRole("heading", { name: "You have joined — open Handoff" })).toBeVisible();
    await pia.page.getByRole("link", { name: "Open Handoff" }).click();
    await expect(pia.page).toHaveURL(/\/$/);
    await pia.context.close();

    await open(page, testInfo, "/team");
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(email);
    await expect(row).toContainText("Active");
    await expect(page.getByRole("row", { name: new RegExp(email) }).last()).toContainText("Joined");

    const again = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const againPage = await again.newPage();
    await open(againPage, testInfo, path);
    await expect(againPage.getByRole("heading", { name: "This invitation link no longer works" })).toBeVisible();
    await again.close();
  });

  test("a revoked invitation link stops working", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const email = unique(testInfo, "rex");
    const path = await invite(page, testInfo, email);
    await page.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Revoked");

    const other = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const otherPage = await other.newPage();
    await open(otherPage, testInfo, path);
    await expect(otherPage.getByRole("heading", { name: "This invitation link no longer works" })).toBeVisible();
    await other.close();
  });

  test("a deactivated provider is signed out at once and kept out", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const email = unique(testInfo, "dee");
    const path = await invite(page, testInfo, email);
    const name = `Dee ${testInfo.project.name}`;
    const dee = await accept(browser, testInfo, path, name);

    await open(page, testInfo, "/team");
    await page.getByRole("link", { name: `Deactivate ${name}` }).click();
    await expect(page.getByRole("heading", { name: `Deactivate ${name}?` })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Active");
    await page.getByRole("button", { name: `Yes, deactivate ${name}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Deactivated");
    await expect(page.getByRole("heading", { name: `Deactivate ${name}?` })).toHaveCount(0);

    await dee.page.goto("/account");
    await expectSentToSignIn(dee.page, "/account");
    await open(dee.page, testInfo, "/login");
    await dee.page.getByLabel("Email").fill(email);
    await dee.page.getByLabel("Password").fill("provider password 1");
    await dee.page.getByRole("button", { name: "Sign in" }).click();
    await expect(dee.page.getByRole("alert")).toContainText("don't match an active account");

    await page.getByRole("button", { name: `Reactivate ${name}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Active");
    await signIn(dee.page, testInfo, email, "provider password 1");
    await expect(dee.page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}`);
    await dee.context.close();
  });

  test("a co-owner joins as an owner", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const path = await invite(page, testInfo, unique(testInfo, "cole"), "owner");
    const cole = await accept(browser, testInfo, path, "Cole Owner");
    await expect(cole.page.getByRole("navigation", { name: "Account" })).toContainText("Owner");
    await open(cole.page, testInfo, "/team");
    await expect(cole.page.getByRole("heading", { name: "Members" })).toBeVisible();
    await cole.context.close();
  });

  test("a provider cannot open the team page", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ben@demo.test");
    await expect(page.getByRole("link", { name: "Team" })).toHaveCount(0);
    const response = await open(page, testInfo, "/team");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");
    await expect(page.getByRole("heading", { name: "Members" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
    await expect(page.getByLabel("Email")).toHaveCount(0);
  });

  test("inviting the same address again makes no second invitation", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const email = unique(testInfo, "twice");
    const first = await invite(page, testInfo, email);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByLabel("Invitation link")).toBeVisible();
    expect(new URL(await page.getByLabel("Invitation link").inputValue()).pathname).toBe(first);
    await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(1);
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });

  test("a new error replaces the last \"Invitation created\"", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await invite(page, testInfo, unique(testInfo, "then"));
    await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
    await page.getByLabel("Email").fill("ava@demo.test");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText("This e-mail already belongs to a member of your team.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Invitation created" })).toHaveCount(0);
    await expect(page.getByLabel("Invitation link")).toHaveCount(0);
  });

  test("fits a phone: no sideways scrolling, every action reachable", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, testInfo, "owner@demo.test");
    const email = unique(testInfo, "narrow");
    await invite(page, testInfo, email);
    await open(page, testInfo, "/team");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    for (const action of [
      page.getByRole("button", { name: `Revoke the invitation for ${email}` }),
      page.getByRole("link", { name: "Deactivate Ava Lindqvist" }),
    ]) {
      await action.scrollIntoViewIfNeeded();
      const box = (await action.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: testInfo.outputPath("team-phone.png"), fullPage: true });
  });
});
