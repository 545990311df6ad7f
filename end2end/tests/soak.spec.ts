import { test, expect, type Page } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open } from "./support";
import { handoffKeys, serverDraft, startedTask, watchErrors } from "./draft-support";
import { killServer, startServer, suitePort } from "./server-support";

// The offline soak (#13, R6): cycle after cycle a provider types offline,
// reloads offline (the service worker's copy of the page), sends a message
// now and then, comes back online, and every tenth cycle the server is
// killed and restarted. At the end no draft line is lost and every message
// arrived exactly once. HANDOFF_SOAK_CYCLES sets the number of cycles (the
// test command runs a short soak; the README gives the long one).

const cycles = Number(process.env.HANDOFF_SOAK_CYCLES ?? 10);
const port = suitePort + 300;
const baseURL = `http://127.0.0.1:${port}`;

test.use({ serviceWorkers: "allow" });

test("offline / reload / reconnect / server-restart cycles lose and duplicate nothing", async ({ browser }, testInfo) => {
  test.setTimeout(60_000 + cycles * 20_000);
  const dir = mkdtempSync(join(tmpdir(), "handoff-soak-"));
  const database = `sqlite://${dir}/handoff.db`;
  const key = randomBytes(32).toString("hex");
  let server: ChildProcess | undefined = await startServer(port, database, key, true);
  try {
    const owner = await browser.newContext({ baseURL });
    const ownerPage = await owner.newPage();
    const ben = await startedTask(browser, ownerPage, testInfo, "Soak", baseURL);
    const problems = watchErrors(ben.page);
    const page: Page = ben.page;
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker?.controller?.scriptURL ?? ""), { timeout: 20_000 })
      .toContain("/sw.js");
    await open(page, testInfo, ben.path); // now kept by the worker
    const box = page.getByLabel("What you did");
    const state = (kind: string) => page.locator(`[data-draft="${kind}"] .draft-state`);

    let typed = "";
    let lostDrafts = 0;
    let restarts = 0;
    const messages: string[] = [];
    for (let i = 1; i <= cycles; i++) {
      await ben.context.setOffline(true);
      typed = `${typed}cycle ${i}\n`;
      await box.fill(typed);
      await expect.poll(async () => Object.values(await handoffKeys(page)).join(" ")).toContain(`cycle ${i}\\n`);
      if (i % 3 === 0) {
        const text = `soak message ${i}`;
        await page.getByLabel("Message to the owners").fill(text);
        await page.getByRole("button", { name: "Send", exact: true }).click();
        await expect(state("team_message")).toHaveText("Message queued");
        messages.push(text);
      }
      await page.reload();
      await expect(page.locator(".app")).toHaveAttribute("data-page-ready", "true");
      if ((await box.inputValue()) !== typed) {
        lostDrafts += 1;
        await box.fill(typed);
      }
      if (i % 10 === 0) {
        await killServer(server);
        server = undefined;
        await ben.context.setOffline(false);
        await new Promise((resolve) => setTimeout(resolve, 300));
        server = await startServer(port, database, key, false);
        restarts += 1;
      } else {
        await ben.context.setOffline(false);
      }
      await expect(state("submission")).toHaveText("Saved", { timeout: 20_000 });
      await expect(page.locator('[data-draft="team_message"] .draft-waiting')).toHaveCount(0, { timeout: 20_000 });
    }

    const onServer = await serverDraft(page, ben.taskId);
    if (onServer !== typed) lostDrafts += 1;
    await open(ownerPage, testInfo, ben.path);
    const thread = ownerPage.locator("#thread");
    let lostMessages = 0;
    let duplicated = 0;
    for (const text of messages) {
      const count = await thread.getByText(text, { exact: true }).count();
      if (count === 0) lostMessages += 1;
      if (count > 1) duplicated += count - 1;
    }
    const line = `soak: ${cycles} cycles, ${restarts} server restarts, ${messages.length} messages sent offline; drafts lost ${lostDrafts}, messages lost ${lostMessages}, duplicated ${duplicated}`;
    console.log(line);
    testInfo.annotations.push({ type: "soak", description: line });
    expect({ lostDrafts, lostMessages, duplicated }).toEqual({ lostDrafts: 0, lostMessages: 0, duplicated: 0 });
    expect(problems).toEqual([]);
    await owner.close();
    await ben.context.close();
  } finally {
    await killServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
