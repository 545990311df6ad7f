import { test, expect, type Page, type TestInfo } from "@playwright/test";
import * as fs from "node:fs";
import { NEW_PASSWORD, expectAccessible, jsEnabled, open, signUp, unique, expectSentToSignIn } from "./support";
import { totp } from "./totp";

const PASSWORD = NEW_PASSWORD;

async function signUpTess(page: Page, testInfo: TestInfo, email: string) {
  await signUp(page, testInfo, email, { business: "Second Factor Studio", name: "Tess Totp" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Tess Totp");
}

/** Turns TOTP on from the settings page; returns the key and recovery codes. */
async function turnOn(page: Page, testInfo: TestInfo) {
  await open(page, testInfo, "/account/two-factor");
  // Setting it up asks for the current password first.
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.locator("#field-password-error")).toContainText("not your current password");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // The QR code is drawn on the server, so it is there before any script.
  const qr = page.getByRole("img", { name: /QR code of your two-factor key/ });
  await expect(qr).toBeVisible();
  expect((await qr.boundingBox())!.width).toBeGreaterThan(120);
  await expect(qr.locator("path")).toHaveCount(1);
  if (jsEnabled(testInfo)) await expectAccessible(page);
  await page.getByLabel("Code from the app").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const codes = await page.locator(".codes code").allTextContents();
  expect(codes).toHaveLength(10);
  await expect(page.getByRole("heading", { name: "On", exact: true })).toBeVisible();
  return { secret, codes };
}

async function signOutAndIn(page: Page, testInfo: TestInfo, email: string) {
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await open(page, testInfo, "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/login/code");
}

test.describe("two-factor sign-in", () => {
  test("turning it on ends the member's other sessions", async ({ page, browser }, testInfo) => {
    const email = unique(testInfo, "other");
    await signUpTess(page, testInfo, email);
    const other = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const otherPage = await other.newPage();
    await open(otherPage, testInfo, "/login");
    await otherPage.getByLabel("Email").fill(email);
    await otherPage.getByLabel("Password").fill(PASSWORD);
    await otherPage.getByRole("button", { name: "Sign in" }).click();
    await expect(otherPage.getByRole("heading", { level: 1 })).toHaveText("Welcome, Tess Totp");

    await turnOn(page, testInfo);
    await otherPage.goto("/account");
    await expectSentToSignIn(otherPage, "/account");
    await page.reload();
    await expect(page.getByRole("heading", { name: "On", exact: true })).toBeVisible();
    await other.close();
  });

  test("with it on, signing in asks for the authenticator's code", async ({ page }, testInfo) => {
    const email = unique(testInfo, "tess");
    await signUpTess(page, testInfo, email);
    const { secret, codes } = await turnOn(page, testInfo);
    // Loading the page again changes nothing: the codes stay until the
    // member says they saved them (a POST), then they are gone.
    await page.reload();
    await expect(page.locator(".codes code")).toHaveText(codes);
    await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
    await expect(page.getByRole("heading", { name: "Your recovery codes" })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your recovery codes" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "On", exact: true })).toBeVisible();

    await signOutAndIn(page, testInfo, email);
    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("#field-code-error")).toContainText("That code is not right");
    // The code that turned it on cannot be replayed; the next step's can.
    await page.getByLabel("Code").fill(totp(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Tess Totp");
  });

  test("a recovery code signs in when the phone is lost", async ({ page }, testInfo) => {
    const email = unique(testInfo, "lost");
    await signUpTess(page, testInfo, email);
    const { codes } = await turnOn(page, testInfo);
    await signOutAndIn(page, testInfo, email);
    await page.getByLabel("Code").fill(codes[3]);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Tess Totp");
  });

  test("a workspace that requires it holds owners to set-up first", async ({ page }, testInfo) => {
    await signUpTess(page, testInfo, unique(testInfo, "rule"));
    await open(page, testInfo, "/account/two-factor");
    await page.getByRole("button", { name: "Require it of every owner" }).click();
    await expect(page.getByText("Every owner of this workspace must use two-factor sign-in.")).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "requires two-factor sign-in for owners" })).toBeVisible();

    await open(page, testInfo, "/team");
    await expect(page.getByRole("alert").filter({ hasText: "Set it up on your account page" })).toBeVisible();

    await turnOn(page, testInfo);
    await open(page, testInfo, "/team");
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  });

  test("recovery codes can be downloaded, and copied with JavaScript", async ({ page, context }, testInfo) => {
    await signUpTess(page, testInfo, unique(testInfo, "codes"));
    const { codes } = await turnOn(page, testInfo);
    if (jsEnabled(testInfo)) await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("handoff-recovery-codes.txt");
    const text = fs.readFileSync((await download.path())!, "utf8");
    for (const code of codes) expect(text).toContain(code);

    const copy = page.getByRole("button", { name: "Copy" });
    if (jsEnabled(testInfo)) {
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      await copy.click();
      await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      for (const code of codes) expect(copied).toContain(code);
    } else {
      // Without JavaScript a Copy button could do nothing, so there is none.
      await expect(copy).toHaveCount(0);
    }
  });

  test("the code step keeps the page the member was going to", async ({ page }, testInfo) => {
    const email = unique(testInfo, "deep");
    await signUpTess(page, testInfo, email);
    const { secret } = await turnOn(page, testInfo);
    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await page.goto("/account/two-factor");
    await expectSentToSignIn(page, "/account/two-factor");
    if (jsEnabled(testInfo)) await expect(page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/account/two-factor");
    if (jsEnabled(testInfo)) await expect(page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    await page.getByLabel("Code").fill(totp(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { name: "Two-factor sign-in", level: 1 })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/account/two-factor");
  });
});
