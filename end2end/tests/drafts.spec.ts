import { test, expect } from "@playwright/test";
import { open } from "./support";
import { cutOff, handoffKeys, serverDraft, startedTask, watchErrors } from "./draft-support";

// Offline drafts (#13, R6): the provider's submission form keeps its draft in
// the browser, syncs it, shows conflicts, queues a submission made offline.
// All of it is the page's script: this suite runs with JavaScript only.

test.describe("offline drafts", () => {
  test("a draft typed offline survives a reload and a closed tab, then syncs", async ({ page, browser }, testInfo) => {
    const ben = await startedTask(browser, page, testInfo, "Offline draft");
    const problems = watchErrors(ben.page);
    const state = ben.page.getByRole("status").and(ben.page.locator('[data-draft="submission"] .draft-state'));

    await ben.context.setOffline(true);
    await expect(ben.page.locator(".offline-banner")).toBeVisible();
    await ben.page.getByLabel("What you did").fill("Typed on a train: 40 of 43 matched.");
    await ben.page.getByLabel("Result").fill("40 of 43");
    await expect(state).toHaveText("Offline");
    // Written to this browser's storage within the autosave's pause.
    const draftKey = `:${ben.taskId}:submission`;
    await expect
      .poll(async () => {
        const kept = await handoffKeys(ben.page);
        const key = Object.keys(kept).find((k) => k.startsWith("handoff:draft:") && k.endsWith(draftKey));
        return key ? kept[key] : "";
      })
      .toContain("Typed on a train");

    // The page itself needs the network to reload (no service worker yet):
    // the connection comes back but Handoff's draft calls still fail.
    await cutOff(ben.context, "save_draft");
    await cutOff(ben.context, "load_draft");
    await ben.context.setOffline(false);
    await ben.page.reload();
    await expect(ben.page.locator(".app")).toHaveAttribute("data-page-ready", "true");
    await expect(ben.page.getByLabel("What you did")).toHaveValue("Typed on a train: 40 of 43 matched.");
    await expect(ben.page.getByLabel("Result")).toHaveValue("40 of 43");
    await expect(state).toHaveText("Saved on this device");

    // A closed tab loses nothing either.
    await ben.page.close();
    const again = await ben.context.newPage();
    const problemsAgain = watchErrors(again);
    await open(again, testInfo, ben.path);
    await expect(again.getByLabel("What you did")).toHaveValue("Typed on a train: 40 of 43 matched.");

    // Handoff answers again: the draft syncs by itself.
    await ben.context.unrouteAll();
    await expect(again.locator('[data-draft="submission"] .draft-state')).toHaveText("Saved", { timeout: 15_000 });
    expect(await serverDraft(again, ben.taskId)).toBe("Typed on a train: 40 of 43 matched.");
    await ben.context.close();
    expect([...problems, ...problemsAgain]).toEqual([]);
  });

  test("a submission made offline arrives exactly once, even when an answer is lost", async ({ page, browser }, testInfo) => {
    const ben = await startedTask(browser, page, testInfo, "Offline submit");
    const problems = watchErrors(ben.page);
    await ben.page.getByLabel("What you did").fill("All matched, sent from a plane.");
    await ben.page.getByLabel("Outcome", { exact: true }).selectOption("yes");
    await ben.page.getByLabel("Every invoice matched").check();
    await expect(ben.page.locator('[data-draft="submission"] .draft-state')).toHaveText("Saved");

    await ben.context.setOffline(true);
    await ben.page.getByRole("button", { name: "Submit work" }).click();
    await expect(ben.page.locator('[data-draft="submission"] .draft-state')).toHaveText("Submission queued");
    await expect(ben.page.getByText("will be sent when the connection returns")).toBeVisible();
    const queued = await handoffKeys(ben.page);
    expect(Object.keys(queued).some((k) => k.startsWith("handoff:queue:") && k.includes(`:${ben.taskId}:`))).toBe(true);

    // The first request reaches the server but its answer is lost on the
    // way back; the page sends the same submission again (same key).
    let sent = 0;
    await ben.context.route("**/api/submit_work", async (route) => {
      sent += 1;
      if (sent === 1) {
        await route.fetch();
        await route.abort("connectionreset");
      } else {
        await route.continue();
      }
    });
    await ben.context.setOffline(false);
    await expect(ben.page.getByText("Submitted. The owner will review it.")).toBeVisible({ timeout: 20_000 });
    expect(sent).toBeGreaterThanOrEqual(2);
    // The local copies went once the server confirmed.
    const left = await handoffKeys(ben.page);
    expect(Object.keys(left).filter((k) => k.includes(`:${ben.taskId}:`))).toEqual([]);

    await open(page, testInfo, ben.path);
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(timeline.locator("li", { hasText: "Submitted round" })).toHaveCount(1);
    await expect(page.getByRole("region", { name: "Submission, round 1" })).toContainText("All matched, sent from a plane.");
    await expect(page.getByRole("region", { name: "Submission, round 2" })).toHaveCount(0);
    await ben.context.close();
    expect(problems).toEqual([]);
  });

  test("two tabs editing the same draft show a conflict and keep both texts", async ({ page, browser }, testInfo) => {
    const ben = await startedTask(browser, page, testInfo, "Two tabs");
    const first = ben.page;
    const second = await ben.context.newPage();
    const problems = [...watchErrors(first), ...watchErrors(second)];
    await open(second, testInfo, ben.path);

    await first.getByLabel("What you did").fill("Written in the first tab.");
    await expect(first.locator('[data-draft="submission"] .draft-state')).toHaveText("Saved");
    await second.getByLabel("What you did").fill("Written in the second tab.");
    await expect(second.locator('[data-draft="submission"] .draft-state')).toHaveText("Conflict");
    const conflict = second.getByRole("region", { name: "This draft was changed in another tab or on another device" });
    await expect(conflict.locator('[data-side="mine"]')).toContainText("Written in the second tab.");
    await expect(conflict.locator('[data-side="theirs"]')).toContainText("Written in the first tab.");
    // Nothing was overwritten: the server kept the first, the second tab
    // its own text.
    expect(await serverDraft(second, ben.taskId)).toBe("Written in the first tab.");
    await expect(second.getByLabel("What you did")).toHaveValue("Written in the second tab.");

    // Merge by editing, then keep it.
    await second.getByLabel("What you did").fill("Written in the first tab. Written in the second tab.");
    await conflict.getByRole("button", { name: "Keep mine" }).click();
    await expect(second.locator('[data-draft="submission"] .draft-state')).toHaveText("Saved");
    await expect(conflict).toHaveCount(0);
    expect(await serverDraft(second, ben.taskId)).toBe("Written in the first tab. Written in the second tab.");
    await ben.context.close();
    expect(problems).toEqual([]);
  });

  test("signing out leaves no Handoff data in this browser", async ({ page, browser }, testInfo) => {
    const ben = await startedTask(browser, page, testInfo, "Sign out");
    await ben.page.evaluate(() => localStorage.setItem("another-site-thing", "kept"));
    await ben.page.getByLabel("What you did").fill("A draft that must not outlive the session.");
    await expect(ben.page.locator('[data-draft="submission"] .draft-state')).toHaveText("Saved");
    expect(Object.keys(await handoffKeys(ben.page)).length).toBeGreaterThan(0);

    await ben.page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(ben.page).toHaveURL(/\/login/);
    await expect.poll(async () => Object.keys(await handoffKeys(ben.page)).length).toBe(0);
    expect(await ben.page.evaluate(() => localStorage.getItem("another-site-thing"))).toBe("kept");
    await ben.context.close();
  });
});
