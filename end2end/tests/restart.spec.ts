import { test, expect, type Page } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open } from "./support";
import { serverDraft, startedTask, watchErrors } from "./draft-support";
import { killServer, startServer, suitePort } from "./server-support";

// Handoff's process dies while a provider's page is syncing (#13, R6): the
// draft being saved and the message being sent are kept in the browser and
// reach the server once it is back, exactly once. The suite runs its own
// server on its own SQLite file, so killing it touches no other suite.

const port = suitePort + 200;
const baseURL = `http://127.0.0.1:${port}`;

test.describe("a server killed during a sync", () => {
  test.describe.configure({ timeout: 120_000 });
  let server: ChildProcess | undefined;
  let dir = "";
  let database = "";
  const key = randomBytes(32).toString("hex");

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "handoff-restart-"));
    database = `sqlite://${dir}/handoff.db`;
    server = await startServer(port, database, key, true);
  });

  test.afterAll(async () => {
    await killServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const state = (page: Page, kind: string) => page.locator(`[data-draft="${kind}"] .draft-state`);

  test("loses nothing and sends nothing twice", async ({ browser }, testInfo) => {
    const owner = await browser.newContext({ baseURL });
    const ownerPage = await owner.newPage();
    const ben = await startedTask(browser, ownerPage, testInfo, "Crash", baseURL);
    const problems = watchErrors(ben.page);
    await ben.page.getByLabel("What you did").fill("Matched 40 of 43 before the crash.");
    await expect(state(ben.page, "submission")).toHaveText("Saved");

    // The next save is on its way when the process dies.
    let killed = false;
    await ben.context.route("**/api/save_draft", async (route) => {
      if (!killed) {
        killed = true;
        await killServer(server);
      }
      await route.continue().catch(() => undefined);
    });
    await ben.page.getByLabel("What you did").fill("Matched 43 of 43; the last three were credit notes.");
    await expect.poll(() => killed).toBe(true);
    await expect(state(ben.page, "submission")).toHaveText(/Saved on this device|Offline/);
    // A message sent while the server is down waits in the browser.
    await ben.page.getByLabel("Message to the owners").fill("Sent while the server was down.");
    await ben.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(state(ben.page, "team_message")).toHaveText("Message queued");

    await ben.context.unrouteAll();
    server = await startServer(port, database, key, false);
    // Sent (or, on a page drawn again after the stream's resync, an empty
    // box with nothing waiting).
    await expect(ben.page.locator('[data-draft="team_message"] .draft-waiting')).toHaveCount(0, { timeout: 20_000 });
    await expect(state(ben.page, "team_message")).toHaveText(/^(Message sent\.)?$/);
    await expect(state(ben.page, "submission")).toHaveText("Saved", { timeout: 20_000 });
    expect(await serverDraft(ben.page, ben.taskId)).toBe("Matched 43 of 43; the last three were credit notes.");

    await open(ben.page, testInfo, ben.path);
    await expect(ben.page.getByLabel("What you did")).toHaveValue("Matched 43 of 43; the last three were credit notes.");
    await expect(ben.page.locator("#thread").getByText("Sent while the server was down.")).toHaveCount(1);
    await open(ownerPage, testInfo, ben.path);
    await expect(ownerPage.locator("#thread").getByText("Sent while the server was down.")).toHaveCount(1);
    await ben.context.close();
    await owner.close();
    expect(problems).toEqual([]);
  });
});
