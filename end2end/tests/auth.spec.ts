import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, jsEnabled, open, signIn, signUp, unique, watchConsole, expectSentToSignIn } from "./support";

test.describe("accounts", () => {
  test("the demo owner signs in and out", async ({ page, context }, testInfo) => {
    const problems = watchConsole(page);
    await signIn(page, testInfo, "owner@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Maya Patel");
    expect(new URL(page.url()).pathname).toBe("/");
    const nav = page.getByRole("navigation", { name: "Account" });
    await expect(nav).toContainText("Bright Path Therapy");
    await expect(nav).toContainText("Owner");

    const cookie = (await context.cookies()).find((c) => c.name === "handoff_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await nav.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/login");
    await open(page, testInfo, "/account");
    await expectSentToSignIn(page, "/account");
    expect(problems).toEqual([]);
  });

  test("signing in again ends the browser's previous session", async ({ page, context, browser }, testInfo) => {
    await signIn(page, testInfo, "ben@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ben Santos");
    const first = (await context.cookies()).find((c) => c.name === "handoff_session")!;
    await signIn(page, testInfo, "ben@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ben Santos");
    const second = (await context.cookies()).find((c) => c.name === "handoff_session")!;
    expect(second.value).not.toBe(first.value);

    const stale = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    await stale.addCookies([{ ...first }]);
    const stalePage = await stale.newPage();
    await stalePage.goto("/account");
    await expectSentToSignIn(stalePage, "/account");
    await stale.close();
  });

  test("a provider signs in and sees their role", async ({ page }, testInfo) => {
    await signIn(page, testInfo, "ava@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ava Lindqvist");
    await expect(page.getByRole("navigation", { name: "Account" })).toContainText("Provider");
  });

  test("a wrong password is refused without saying which part was wrong", async ({ page }, testInfo) => {
    await signIn(page, testInfo, "ben@demo.test", "not the password");
    await expect(page.getByRole("alert")).toContainText("don't match an active account");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    if (jsEnabled(testInfo)) {
      // The address stays clean: no encoded error in it.
      await expect(page).toHaveURL(/\/login(\?[^_]*)?$/);
      expect(page.url()).not.toContain("__err");
      // Nothing typed is lost.
      await expect(page.getByLabel("Email")).toHaveValue("ben@demo.test");
      await expect(page.getByLabel("Password")).toHaveValue("");
      // Kept for that one answer only: the next visit starts empty.
      await page.goto("/login");
      await expect(page.getByLabel("Email")).toHaveValue("");
    }
  });

  test("repeated failures are throttled with a plain message", async ({ page }, testInfo) => {
    const email = unique(testInfo, "nobody");
    for (let i = 0; i < 5; i++) {
      await signIn(page, testInfo, email, "wrong guess");
      await expect(page.getByRole("alert")).toContainText("don't match");
    }
    await signIn(page, testInfo, email, "wrong guess");
    await expect(page.getByRole("alert")).toContainText(/Too many failed sign-ins\. Wait \d+ minutes/);
  });

  test("an owner signs up, which opens a workspace", async ({ page }, testInfo) => {
    await signUp(page, testInfo, unique(testInfo, "nora"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nora North");
    await expect(page.getByRole("navigation", { name: "Account" })).toContainText("Northside Bikes");
    await page.getByRole("link", { name: /Nora North/ }).click();
    await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Lisbon");
  });

  test("sign-up explains what to fix beside the field", async ({ page }, testInfo) => {
    await signUp(page, testInfo, unique(testInfo, "weak"), { password: "password1" });
    const password = page.getByLabel("Password");
    await expect(page.locator("#field-password-error")).toContainText("most common");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert")).toContainText("Some fields need attention");
    if (jsEnabled(testInfo)) {
      await expect(page.getByLabel("Business name")).toHaveValue("Northside Bikes");
    }
  });

  test("a password change ends the other sessions", async ({ page, browser }, testInfo) => {
    const email = unique(testInfo, "change");
    await signUp(page, testInfo, email);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nora North");

    const other = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const otherPage = await other.newPage();
    await signIn(otherPage, testInfo, email, "a long enough secret");
    await expect(otherPage.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nora North");

    await open(page, testInfo, "/account");
    await page.getByLabel("Current password").fill("a long enough secret");
    await page.getByLabel("New password").fill("an even longer secret");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

    await otherPage.goto("/account");
    await expectSentToSignIn(otherPage, "/account");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await other.close();
  });

  test("sign out everywhere ends every session", async ({ page, browser }, testInfo) => {
    const email = unique(testInfo, "everywhere");
    await signUp(page, testInfo, email);
    const other = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const otherPage = await other.newPage();
    await signIn(otherPage, testInfo, email, "a long enough secret");
    await expect(otherPage.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nora North");

    await open(page, testInfo, "/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await otherPage.goto("/account");
    await expectSentToSignIn(otherPage, "/account");
    await other.close();
  });
});

test.describe("request guard", () => {
  test("pages carry security headers and are not cached", async ({ request }) => {
    const page = await request.get("/login");
    const headers = page.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["cache-control"]).toBe("no-store");
    const css = await request.get("/pkg/handoff.css");
    expect(css.headers()["cache-control"]).toBeUndefined();
  });

  test("a state-changing request that says nowhere where it comes from is refused", async ({ request }) => {
    const response = await request.post("/api/sign_in", {
      form: { email: "owner@demo.test", password: DEMO_PASSWORD },
    });
    expect(response.status()).toBe(403);
    expect(response.headers()["set-cookie"]).toBeUndefined();
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("a state-changing request from another site is refused", async ({ request }) => {
    const response = await request.post("/api/sign_in", {
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      form: { email: "owner@demo.test", password: DEMO_PASSWORD },
    });
    expect(response.status()).toBe(403);
    expect(response.headers()["set-cookie"]).toBeUndefined();
  });
});
