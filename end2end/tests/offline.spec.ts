import { test, expect, type Page } from "@playwright/test";
import { open } from "./support";
import { createClient, createLink, createTask, client, tag } from "./relay-support";
import { handoffKeys, member, serverDraft, signInAs, startedTask, watchErrors } from "./draft-support";

// Handoff without a connection (#13, R6): the service worker keeps the build
// and a provider's task pages (and a client's portal) for an offline
// reload; message drafts are kept, synced and queued like the submission's.
// JavaScript only (playwright.config.ts): the worker and drafts are scripts.

test.use({ serviceWorkers: "allow" });

/** Waits until the page is controlled by Handoff's service worker (its
 * first load installs it; later navigations go through it). */
async function controlled(page: Page) {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker?.controller?.scriptURL ?? ""), { timeout: 20_000 })
    .toContain("/sw.js");
}

/** The names of the pages the worker kept, as paths. */
async function keptPages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    if (!(await caches.has("handoff-pages"))) return [];
    const cache = await caches.open("handoff-pages");
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
}

function draftState(page: Page, kind: string) {
  return page.locator(`[data-draft="${kind}"] .draft-state`);
}

test.describe("offline", () => {
  test("a provider reloads offline: their tasks to read, the task page with its drafts to edit", async ({ page, browser }, testInfo) => {
    const ben = await startedTask(browser, page, testInfo, "Offline reload");
    const problems = watchErrors(ben.page);
    await controlled(ben.page);
    await open(ben.page, testInfo, "/tasks");
    await open(ben.page, testInfo, ben.path);
    await expect.poll(() => keptPages(ben.page)).toEqual(expect.arrayContaining(["/tasks", ben.path]));

    await ben.context.setOffline(true);
    await ben.page.reload();
    await expect(ben.page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    await expect(ben.page.getByRole("heading", { level: 1 })).toContainText(ben.title);
    await expect(ben.page.locator(".offline-banner")).toBeVisible();
    await ben.page.getByLabel("Message to the owners").fill("Written with no network at all.");
    await expect(draftState(ben.page, "team_message")).toHaveText("Offline");
    await expect
      .poll(async () => Object.values(await handoffKeys(ben.page)).join(" "))
      .toContain("Written with no network at all.");

    // Reloaded again, still offline: the draft is back in its box.
    await ben.page.reload();
    await expect(ben.page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    await expect(ben.page.getByLabel("Message to the owners")).toHaveValue("Written with no network at all.");

    // "My tasks" as last seen; a page never opened here says it is offline.
    await ben.page.goto("/tasks");
    await expect(ben.page.getByRole("link", { name: ben.title })).toBeVisible();
    await ben.page.goto("/account");
    await expect(ben.page.getByRole("heading", { name: "You are offline" })).toBeVisible();

    // Back online, the draft reaches the server.
    await ben.context.setOffline(false);
    await open(ben.page, testInfo, ben.path);
    await expect(ben.page.getByLabel("Message to the owners")).toHaveValue("Written with no network at all.");
    await expect(draftState(ben.page, "team_message")).toHaveText("Saved", { timeout: 15_000 });
    expect(await serverDraft(ben.page, ben.taskId, "team_message")).toBe("Written with no network at all.");
    await ben.context.close();
    expect(problems).toEqual([]);
  });

  test("messages sent offline arrive exactly once, even when an answer is lost", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const name = tag(testInfo, "Olwen Client");
    const clientPath = await createClient(page, testInfo, name);
    const title = tag(testInfo, "Offline messages");
    const taskPath = await createTask(page, testInfo, clientPath, title);
    const ben = await member(browser, testInfo, "ben@demo.test");
    const problems = watchErrors(ben.page);
    await open(ben.page, testInfo, taskPath);

    await ben.context.setOffline(true);
    const team = "Offline question: is the 3 pm slot still free?";
    const forClient = "Your session is booked for Tuesday.";
    await ben.page.getByLabel("Message to the owners").fill(team);
    await ben.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(draftState(ben.page, "team_message")).toHaveText("Message queued");
    await expect(ben.page.getByLabel("Message to the owners")).toHaveValue("");
    await expect(ben.page.locator('[data-draft="team_message"] .draft-waiting')).toContainText(team);
    await ben.page.getByLabel("Message for the client").fill(forClient);
    await ben.page.getByRole("button", { name: "Send for approval" }).click();
    await expect(draftState(ben.page, "relay_request")).toHaveText("Message queued");
    const queued = Object.keys(await handoffKeys(ben.page)).filter((k) => k.startsWith("handoff:queue:"));
    expect(queued.length).toBe(2);

    // Each first request reaches the server but its answer is lost; the
    // page sends the same message again, with the same key.
    const sent: Record<string, number> = {};
    for (const api of ["provider_post", "request_relay"]) {
      sent[api] = 0;
      await ben.context.route(`**/api/${api}`, async (route) => {
        sent[api] += 1;
        if (sent[api] === 1) {
          await route.fetch();
          await route.abort("connectionreset");
        } else {
          await route.continue();
        }
      });
    }
    await ben.context.setOffline(false);
    await expect(draftState(ben.page, "team_message")).toHaveText("Message sent.", { timeout: 20_000 });
    await expect(draftState(ben.page, "relay_request")).toHaveText(/^Sent for approval\./, { timeout: 20_000 });
    expect(sent.provider_post).toBeGreaterThanOrEqual(2);
    expect(sent.request_relay).toBeGreaterThanOrEqual(2);
    await expect(ben.page.locator(".draft-waiting")).toHaveCount(0);
    expect(Object.keys(await handoffKeys(ben.page)).filter((k) => k.startsWith("handoff:queue:"))).toEqual([]);
    // The page shows them without a reload.
    await expect(ben.page.locator("#thread").getByText(team)).toHaveCount(1);
    await expect(ben.page.locator("#relays").getByText(forClient)).toHaveCount(1);

    // Exactly once on the owners' side too.
    await open(page, testInfo, taskPath);
    await expect(page.locator("#thread").getByText(team)).toHaveCount(1);
    await open(page, testInfo, "/relay");
    await expect(page.locator(".relay-item", { hasText: forClient })).toHaveCount(1);
    await ben.context.close();
    expect(problems).toEqual([]);
  });

  test("the portal reloads offline", async ({ page, browser }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const clientPath = await createClient(page, testInfo, tag(testInfo, "Portal Offline"));
    const link = await createLink(page, testInfo, clientPath);
    const person = await client(browser, testInfo);
    const problems = watchErrors(person.page);
    await open(person.page, testInfo, link);
    await person.page.getByRole("button", { name: "Open your messages" }).click();
    await expect(person.page.getByRole("heading", { level: 1 })).toHaveText("Bright Path Therapy");
    await controlled(person.page);
    await open(person.page, testInfo, "/portal");
    await expect.poll(() => keptPages(person.page)).toContain("/portal");

    await person.context.setOffline(true);
    await person.page.reload();
    await expect(person.page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    await expect(person.page.getByRole("heading", { level: 1 })).toHaveText("Bright Path Therapy");
    await expect(person.page.locator(".offline-banner")).toBeVisible();
    await person.context.close();
    expect(problems).toEqual([]);
  });

  test("signing out leaves no kept page and no Handoff key", async ({ page, browser }, testInfo) => {
    const ben = await startedTask(browser, page, testInfo, "Offline sign-out");
    await controlled(ben.page);
    await open(ben.page, testInfo, "/tasks");
    await open(ben.page, testInfo, ben.path);
    await ben.page.getByLabel("Message to the owners").fill("Not to be left behind.");
    await expect(draftState(ben.page, "team_message")).toHaveText("Saved");
    expect((await keptPages(ben.page)).length).toBeGreaterThan(0);

    await ben.page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(ben.page).toHaveURL(/\/login/);
    await expect.poll(() => keptPages(ben.page)).toEqual([]);
    await expect.poll(async () => Object.keys(await handoffKeys(ben.page)).length).toBe(0);
    // Offline now, a kept page is gone: the offline page answers instead.
    await ben.context.setOffline(true);
    await ben.page.goto(ben.path);
    await expect(ben.page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await ben.context.close();
  });
});

test.describe("offline, two tabs", () => {
  test("one tab sends the outbox, the other sees it sent, and the message arrives once", async ({ page, browser }, testInfo) => {
    const ben = await startedTask(browser, page, testInfo, "Two tabs outbox");
    const first = ben.page;
    const second = await ben.context.newPage();
    const problems = [...watchErrors(first), ...watchErrors(second)];
    await open(second, testInfo, ben.path);

    await ben.context.setOffline(true);
    const text = "Queued in one tab, watched from another.";
    await first.getByLabel("Message to the owners").fill(text);
    await first.getByRole("button", { name: "Send", exact: true }).click();
    await expect(draftState(first, "team_message")).toHaveText("Message queued");
    // The other tab shares the outbox: it shows the message waiting too.
    await expect(second.locator('[data-draft="team_message"] .draft-waiting')).toContainText(text);

    await ben.context.setOffline(false);
    // Neither tab shows it waiting any more (a tab whose page was drawn
    // again after reconnecting shows an empty, idle box).
    for (const tab of [first, second]) {
      await expect(tab.locator(".draft-waiting")).toHaveCount(0, { timeout: 20_000 });
      await expect(draftState(tab, "team_message")).toHaveText(/^(Message sent\.)?$/);
    }
    for (const tab of [first, second]) {
      await open(tab, testInfo, ben.path);
      await expect(tab.locator("#thread").getByText(text)).toHaveCount(1);
    }
    await open(page, testInfo, ben.path);
    await expect(page.locator("#thread").getByText(text)).toHaveCount(1);
    await ben.context.close();
    expect(problems).toEqual([]);
  });

  test("a kept page goes once the session ended elsewhere", async ({ page, browser }, testInfo) => {
    test.slow();
    const ben = await startedTask(browser, page, testInfo, "Session ends");
    await controlled(ben.page);
    await open(ben.page, testInfo, ben.path);
    await expect.poll(() => keptPages(ben.page)).toContain(ben.path);

    // From another browser, Ben signs out everywhere.
    const other = await member(browser, testInfo, "ben@demo.test");
    await open(other.page, testInfo, "/account");
    await other.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(other.page).toHaveURL(/\/login/);
    await other.context.close();

    // This tab's next request is refused: the device forgets its copies.
    await ben.page.getByLabel("Message to the owners").fill("Is anyone there?");
    await expect.poll(() => keptPages(ben.page), { timeout: 20_000 }).toEqual([]);
    await ben.context.setOffline(true);
    await ben.page.goto(ben.path);
    await expect(ben.page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(ben.page.getByText(ben.title)).toHaveCount(0);
    await ben.context.close();
  });

  test("a kept task page follows a disclosure that ended, and a closed task is not kept", async ({ page, browser }, testInfo) => {
    test.slow();
    await signInAs(page, testInfo, "owner@demo.test");
    const clientPath = await createClient(page, testInfo, tag(testInfo, "Dora Client"));
    await page.locator("#custom-new-label").fill("Diagnosis");
    await page.locator("#custom-new-value").fill("Seasonal allergies");
    await page.locator("#custom-new-kind").selectOption("health");
    await page.getByRole("button", { name: "Add field" }).click();
    await expect(page.getByText("Field saved")).toBeVisible();
    const title = tag(testInfo, "Allergy check");
    const taskPath = await createTask(page, testInfo, clientPath, title);
    const disclose = async (on: boolean) => {
      await open(page, testInfo, taskPath);
      const picker = page.getByRole("group", { name: "Disclose for this task" });
      if (on) {
        await picker.getByLabel(/Diagnosis/).check();
        await page.getByLabel(/I confirm the provider needs/).check();
      } else {
        await picker.getByLabel(/Diagnosis/).uncheck();
      }
      await page.getByRole("button", { name: "Save disclosures" }).click();
      await expect(page.getByText("Disclosures saved")).toBeVisible();
    };
    await disclose(true);

    const ben = await member(browser, testInfo, "ben@demo.test");
    await open(ben.page, testInfo, taskPath);
    await controlled(ben.page);
    await open(ben.page, testInfo, taskPath);
    await expect(ben.page.getByText("Seasonal allergies")).toBeVisible();
    const keptText = () =>
      ben.page.evaluate(async (path) => {
        const pages = await caches.open("handoff-pages");
        const kept = await pages.match(new URL(path, location.origin).href);
        return kept ? await kept.text() : "";
      }, taskPath);
    await expect.poll(keptText).toContain("Seasonal allergies");

    // The owner ends the disclosure while Ben's page is open: the copy his
    // device keeps is fetched again at the live hint, without it.
    await disclose(false);
    await expect.poll(keptText, { timeout: 20_000 }).not.toContain("Seasonal allergies");
    await expect.poll(keptText).toContain(title);
    await ben.context.setOffline(true);
    await ben.page.reload();
    await expect(ben.page.getByRole("heading", { level: 1 })).toContainText(title);
    await expect(ben.page.getByText("Seasonal allergies")).toHaveCount(0);
    await ben.context.setOffline(false);

    // A task that is over is not kept at all.
    await open(page, testInfo, taskPath);
    await page.getByText("Cancel task…", { exact: true }).click();
    await page.getByRole("button", { name: "Yes, cancel this task" }).click();
    await expect(page.getByText("Task cancelled")).toBeVisible();
    await open(ben.page, testInfo, taskPath);
    await expect.poll(() => keptPages(ben.page)).not.toContain(taskPath);
    await ben.context.close();
  });
});
