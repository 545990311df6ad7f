import { test, expect, type Page, type TestInfo } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, open, signIn } from "./support";

// axe-core on every page, as each role, at desktop and phone width: no
// serious or critical violation. (axe runs in the page: JavaScript on only.)

async function signInAs(page: Page, testInfo: TestInfo, email: string) {
  await signIn(page, testInfo, email, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function hrefOf(page: Page, testInfo: TestInfo, list: string, name: string) {
  await open(page, testInfo, list);
  const href = await page.getByRole("link", { name }).first().getAttribute("href");
  expect(href, `a link named ${name} on ${list}`).toBeTruthy();
  return href!;
}

async function checkEach(page: Page, testInfo: TestInfo, paths: string[]) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      await open(page, testInfo, path);
      await expectAccessible(page);
    }
  }
}

test.describe("accessibility", () => {
  // Each test sweeps a role's every page at two widths: up to 26 page loads.
  test.describe.configure({ timeout: 120_000 });
  test("pages for visitors", async ({ page }, testInfo) => {
    await checkEach(page, testInfo, ["/", "/login", "/signup", "/status"]);
  });

  test("pages for an owner", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const task = await hrefOf(page, testInfo, "/tasks", "Reconcile October invoices");
    const client = await hrefOf(page, testInfo, "/clients", "James O'Connor");
    await checkEach(page, testInfo, [
      "/", "/tasks", "/tasks?view=columns", task, "/tasks/new", "/clients", client, "/clients/new",
      "/team", "/audit", "/account", "/account/two-factor", "/status", "/relay",
    ]);
  });

  test("pages for a client in the portal", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const client = await hrefOf(page, testInfo, "/clients", "Maria Gomez");
    await open(page, testInfo, client);
    await page.getByRole("button", { name: /Create a link|Make a new link/ }).click();
    const box = page.getByRole("textbox", { name: "The client's portal link" });
    await expect(box).toBeVisible();
    // The owner's client page with its thread, portal card and new link.
    await expectAccessible(page);
    const link = new URL(await box.inputValue()).pathname;
    const context = await browser.newContext();
    const portal = await context.newPage();
    await checkEach(portal, testInfo, [link]);
    await portal.getByRole("button", { name: "Open your messages" }).click();
    await expect(portal).toHaveURL(/\/portal$/);
    await checkEach(portal, testInfo, ["/portal", "/portal/link-expired", "/portal/signed-out"]);
    await context.close();
  });

  test("pages for a provider", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ben@demo.test");
    const task = await hrefOf(page, testInfo, "/tasks", "Chase unpaid session fees");
    await checkEach(page, testInfo, ["/", "/tasks", task, "/account", "/account/two-factor", "/clients"]);
  });
});
