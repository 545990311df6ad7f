import { test, expect, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, jsEnabled, open, signInAs, signUp, unique } from "./support";

/** The page is no wider than the window: nothing hides in a sideways scroll. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("app shell", () => {
  test("the navigation marks the current page and counts what waits", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const main = page.getByRole("navigation", { name: "Main" });
    await expect(main.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
    // The demo has work handed in: the count says so, to screen readers too.
    const tasks = main.getByRole("link", { name: /^Tasks/ });
    await expect(tasks).toHaveAccessibleName(/^Tasks\W+\d+ to review/);
    await expect(tasks).not.toHaveAttribute("aria-current", "page");
    await tasks.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tasks");
    await expect(main.getByRole("link", { name: /^Tasks/ })).toHaveAttribute("aria-current", "page");
    await expect(main.getByRole("link", { name: "Home" })).not.toHaveAttribute("aria-current", "page");
    // The current page is highlighted, not only underlined; the role badge
    // is not underlined at all.
    const current = main.locator('[aria-current="page"]');
    const background = await current.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe("rgba(0, 0, 0, 0)");
    const account = page.getByRole("navigation", { name: "Account" });
    await expect(account).toContainText("Maya Patel");
    const badge = account.locator(".role-badge");
    await expect(badge).toHaveText("Owner");
    expect(await badge.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("none");
    expect(await badge.evaluate((el) => getComputedStyle(el.parentElement!).textDecorationLine)).toBe("none");
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });

  test("a provider's navigation counts their own work", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ben@demo.test");
    const main = page.getByRole("navigation", { name: "Main" });
    await expect(main.getByRole("link", { name: /^My tasks/ })).toHaveAccessibleName(/changes requested/);
    // Each pill says what it counts on the pill too, not only to screen readers.
    const pills = main.locator(".count");
    expect(await pills.count()).toBeGreaterThan(0);
    for (const text of await pills.allInnerTexts()) expect(text.trim()).toMatch(/^\d+\+?\s+\S/);
    await expect(main.locator(".count.urgent")).toContainText("changes");
    await expect(main.getByRole("link", { name: "Clients" })).toHaveCount(0);
  });

  test("on a phone the header keeps one line and folds into a menu", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, testInfo, "owner@demo.test");
    const header = page.getByRole("banner");
    const box = (await header.boundingBox())!;
    expect(box.height).toBeLessThan(72);
    await expectNoSidewaysScroll(page);
    // The wide navigation is out of the way; the menu holds the same links.
    await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
    const menu = page.locator("summary", { hasText: "Menu" });
    await expect(menu).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeHidden();
    // From the keyboard, without JavaScript as well (<details>).
    await menu.focus();
    await page.keyboard.press("Enter");
    const links = page.getByRole("navigation", { name: "Main menu" });
    await expect(links).toBeVisible();
    await expect(links.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await links.getByRole("link", { name: "Team" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team");
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath("shell-phone.png") });
  });

  test("signed out, the header fits a phone too", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, testInfo, "/");
    const box = (await page.getByRole("banner").boundingBox())!;
    expect(box.height).toBeLessThan(72);
    await expectNoSidewaysScroll(page);
  });
});

test.describe("home", () => {
  test("an owner's home shows what needs them today, client names included", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Maya Patel");
    for (const heading of ["To review", "Overdue", "Due in the next 7 days", "Unassigned drafts"]) {
      await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${heading}`) })).toBeVisible();
    }
    const drafts = page.getByRole("region", { name: /Unassigned drafts/ });
    await expect(drafts.getByRole("link", { name: "Update the intake checklist" })).toBeVisible();
    await expect(drafts.getByRole("link", { name: /See all/ })).toHaveAttribute("href", "/tasks?state=draft");
    const soon = page.getByRole("region", { name: /Due in the next 7 days/ });
    const intake = soon.getByRole("listitem").filter({ hasText: "Book the intake call" });
    // Owners see the client's name beside the alias, the provider and the state.
    await expect(intake).toContainText("Maria Gomez");
    await expect(intake).toContainText(/Client [0-9A-Z]{3}-[0-9A-Z]{2}/);
    await expect(intake).toContainText("Ava Lindqvist");
    await expect(intake.locator(".state")).toHaveText("In progress");
    await expect(page.getByText("America/New York")).toBeVisible();
    // No service status on the home page any more.
    await expect(page.getByTestId("database")).toHaveCount(0);
    await intake.getByRole("link", { name: "Book the intake call" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Book the intake call");
    if (jsEnabled(testInfo)) {
      await open(page, testInfo, "/");
      await expectAccessible(page);
    }
  });

  test("a provider's home puts changes requested first and names no client", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ben@demo.test");
    const changes = page.getByRole("region", { name: /Changes requested/ });
    await expect(changes.getByRole("link", { name: "Chase unpaid session fees" })).toBeVisible();
    await expect(changes).toContainText(/Client [0-9A-Z]{3}-[0-9A-Z]{2}/);
    // Due times in Ben's own zone.
    await expect(page.getByText("Asia/Manila")).toBeVisible();
    const html = await page.content();
    for (const secret of ["James", "O'Connor", "O&#x27;Connor", "Maria", "Priya"]) {
      expect(html).not.toContain(secret);
    }
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });

  test("a provider's next tasks come soonest first", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ava@demo.test");
    const next = page.getByRole("region", { name: /Next up/ });
    await expect(next.getByRole("link", { name: "Book the intake call" })).toBeVisible();
    await expect(page.getByText("Europe/Lisbon")).toBeVisible();
    expect(await page.content()).not.toContain("Maria");
  });

  test("a new workspace's home and team say what to do first", async ({ page }, testInfo) => {
    await signUp(page, testInfo, unique(testInfo, "nia"), { name: "Nia New" });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nia New");
    await expect(page.getByRole("heading", { name: "Add your first client" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add your first client" })).toHaveAttribute("href", "/clients/new");
    await expect(page.getByText("Nothing to review.")).toBeVisible();
    if (jsEnabled(testInfo)) await expectAccessible(page);
    await open(page, testInfo, "/team");
    const invitations = page.getByRole("region", { name: "Invitations" });
    await expect(invitations.getByRole("heading", { name: "No invitations yet" })).toBeVisible();
    await expect(invitations.getByRole("table")).toHaveCount(0);
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });
});

test.describe("owners' pages", () => {
  for (const path of ["/clients", "/team", "/clients/new", "/tasks/new", "/audit"]) {
    test(`a provider opening ${path} gets a plain 403 page`, async ({ page }, testInfo) => {
      await signInAs(page, testInfo, "ava@demo.test");
      const response = await open(page, testInfo, path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");
      await expect(page.getByRole("link", { name: "Go to your home page" })).toHaveAttribute("href", "/");
      // Nothing of the page itself: no form, no button.
      await expect(page.locator("main form")).toHaveCount(0);
      await expect(page.locator("main button")).toHaveCount(0);
      await expect(page.locator("main table")).toHaveCount(0);
      if (jsEnabled(testInfo)) await expectAccessible(page);
    });
  }

  test("a provider opening a client's record gets 403 too", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ava@demo.test");
    const response = await open(page, testInfo, "/clients/1");
    expect(response?.status()).toBe(403);
    await expect(page.locator("main form")).toHaveCount(0);
    expect(await page.content()).not.toContain("Maria Gomez");
  });

  test("a signed-out visitor is asked to sign in first", async ({ page }, testInfo) => {
    await open(page, testInfo, "/team");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Sign in");
    await expect(page.getByRole("heading", { name: "Members" })).toHaveCount(0);
  });
});
