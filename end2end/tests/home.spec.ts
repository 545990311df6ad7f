import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, jsEnabled, open, signIn, watchConsole } from "./support";

test.describe("home page", () => {
  test("arrives rendered by the server, without the service status", async ({ request }) => {
    const response = await request.get("/");
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain("Hand work to contractors without handing them your clients.");
    // The status moved to its own page, linked from the footer.
    expect(html).not.toContain('data-testid="service-up"');
    expect(html).toContain('href="/status"');
    expect(html).toContain("/pkg/handoff.wasm");
  });

  test("the status page arrives rendered by the server; /healthz answers load balancers", async ({ request }) => {
    const response = await request.get("/status");
    expect(response.status()).toBe(200);
    const html = await response.text();
    // Anonymous visitors learn only that Handoff is up; owners see the detail.
    expect(html).toContain("Handoff is up.");
    expect(html).not.toContain('data-testid="database"');
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(await health.text()).toBe("ok\n");
  });

  test("shows the service status and checks it again on request", async ({ page }, testInfo) => {
    const problems = watchConsole(page);
    await open(page, testInfo, "/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Service status" }).click();
    await expect(page).toHaveURL(/\/status$/);
    await expect(page).toHaveTitle("Service status · Handoff");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service status");
    await expect(page.getByTestId("service-up")).toHaveText("Handoff is up.");
    await expect(page.getByTestId("database")).toHaveCount(0);
    if (jsEnabled(testInfo)) await expectAccessible(page);

    const check = page.getByRole("button", { name: "Check again" });
    if (jsEnabled(testInfo)) {
      // The answer appears in place: the page is not reloaded.
      await page.evaluate(() => ((window as any).__samePage = true));
      await check.click();
      await expect(page.getByRole("status")).toContainText("Checked just now: Handoff is up.");
      expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
    } else {
      // Without JavaScript the form posts, and the server sends the person back.
      const [post] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/api/status")),
        check.click(),
      ]);
      expect([302, 303]).toContain(post.status());
      await page.waitForLoadState();
      expect(new URL(page.url()).pathname).toBe("/status");
      await expect(page.getByTestId("service-up")).toHaveText("Handoff is up.");
    }
    expect(problems).toEqual([]);
  });

  test("owners see the status detail", async ({ page }, testInfo) => {
    await signIn(page, testInfo, "owner@demo.test", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Maya Patel");
    await expect(page.getByTestId("database")).toHaveCount(0);
    await open(page, testInfo, "/status");
    // Plain words first; the operator's detail behind a disclosure.
    await expect(page.getByTestId("verdict")).toHaveText("Handoff is working normally.");
    await expect(page.getByText("Your data is stored")).toBeVisible();
    await expect(page.getByTestId("database")).toBeHidden();
    await page.getByText("Details for your technical contact").click();
    await expect(page.getByTestId("database")).toHaveText("SQLite");
    await expect(page.getByTestId("schema")).toHaveText(/^\d+$/);
  });

  test("the landing promises only what exists and passes axe", async ({ page }, testInfo) => {
    await open(page, testInfo, "/");
    await expect(page.getByRole("link", { name: "Create a workspace" }).first()).toBeVisible();
    await expect(page.locator("main")).not.toContainText("relay");
    await expect(page.locator("main")).not.toContainText("scorecard");
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });

  test("is usable from the keyboard, skip link first", async ({ page }, testInfo) => {
    await open(page, testInfo, "/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });

  test("an unknown address says so with a 404 and a way back", async ({ page }, testInfo) => {
    const response = await open(page, testInfo, "/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("without handing them your clients");
  });

  test("fits a phone screen without sideways scrolling", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await open(page, testInfo, "/");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath("home-phone.png"), fullPage: true });
  });
});
