import { test, expect, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, jsEnabled, open, signInAs } from "./support";

async function filterByClient(page: Page, text: string) {
  await page.getByLabel("Client", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Filter" }).click();
}

test.describe("the owner's board", () => {
  test("names the client beside the alias and finds a client by any part", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/tasks");
    const row = page.getByRole("row", { name: /Reconcile October invoices/ });
    await expect(row).toContainText("James O'Connor");
    const alias = (await row.locator(".alias").textContent())!.trim();
    expect(alias).toMatch(/^Client [34679AFHJKMNQRWXY]{3}-[34679AFHJKMNQRWXY]{2}$/);
    // The filter offers each client by name beside the alias.
    await expect(page.locator(`#board-clients option[value="${alias}"]`)).toHaveAttribute("label", `James O'Connor (${alias})`);
    if (jsEnabled(testInfo)) await expectAccessible(page);

    const code = alias.replace("Client ", "");
    for (const part of [code.slice(0, 3), code.replace("-", ""), `client ${code.toLowerCase()}`, "Connor"]) {
      await filterByClient(page, part);
      await expect(page.getByRole("row", { name: /Reconcile October invoices/ })).toBeVisible();
      // Tasks of other clients, and tasks without one, are filtered out.
      await expect(page.getByRole("row", { name: /Update the intake checklist/ })).toHaveCount(0);
    }
    await filterByClient(page, "no such client at all");
    await expect(page.getByText("No tasks match.")).toBeVisible();
    await page.getByRole("link", { name: "Clear the filters" }).click();
    await expect(page.getByRole("row", { name: /Reconcile October invoices/ })).toBeVisible();
    await expect(page.getByText("No tasks match.")).toHaveCount(0);
  });

  test("shows the board as columns by state, kept in the URL", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/tasks");
    await page.getByRole("link", { name: "Columns" }).click();
    await expect(page).toHaveURL(/view=columns/);
    const board = page.getByRole("region", { name: "Tasks by state" });
    for (const column of ["Draft", "Assigned", "In progress", "Submitted", "Changes requested", "Done"]) {
      await expect(board.getByRole("heading", { name: new RegExp(`^${column}`) })).toBeVisible();
    }
    const drafts = board.getByRole("region", { name: /^Draft/ });
    await expect(drafts.getByRole("link", { name: "Update the intake checklist" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Columns" })).toHaveAttribute("aria-current", "page");
    if (jsEnabled(testInfo)) await expectAccessible(page);
    // Filtering keeps the columns.
    await page.getByLabel("State", { exact: true }).selectOption("draft");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/view=columns/);
    await expect(page.getByRole("region", { name: "Tasks by state" })).toBeVisible();
    await page.getByRole("link", { name: "List", exact: true }).click();
    await expect(page.getByRole("row", { name: /Update the intake checklist/ })).toBeVisible();
  });

  test("on a phone the list is cards and only the columns scroll sideways", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of ["/tasks", "/tasks?view=columns"]) {
      await open(page, testInfo, url);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(sideways, url).toBe(false);
    }
    await open(page, testInfo, "/tasks");
    const row = page.getByRole("row", { name: /Reconcile October invoices/ });
    // Due, client and provider are all on the card, none past its right edge.
    for (const label of ["Due", "Client", "Provider"]) {
      const cell = row.locator(`td[data-label="${label}"]`);
      const box = (await cell.boundingBox())!;
      expect(box.x, label).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, label).toBeLessThanOrEqual(390);
    }
    // Names wrap between words, never inside one ("O'Conno / r").
    for (const url of ["/tasks", "/tasks?view=columns"]) {
      await open(page, testInfo, url);
      const split = await page.evaluate(() => {
        const broken: string[] = [];
        for (const el of Array.from(document.querySelectorAll(".client-name, .alias"))) {
          const text = el.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE || !(el as HTMLElement).offsetParent) continue;
          for (const word of Array.from(text.textContent!.matchAll(/\S+/g))) {
            const range = document.createRange();
            range.setStart(text, word.index!);
            range.setEnd(text, word.index! + word[0].length);
            const lines = new Set(
              Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)),
            );
            if (lines.size > 1) broken.push(word[0]);
          }
        }
        return broken;
      });
      expect(split, url).toEqual([]);
    }
  });
});

test.describe("a provider's tasks", () => {
  test("closed tasks sit under Done, open ones by due time", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ben@demo.test");
    await open(page, testInfo, "/tasks");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My tasks");
    const done = page.getByRole("region", { name: "Done" });
    const open_ = page.getByRole("region", { name: "Open" });
    await expect(done.locator(".task-card").first()).toBeVisible();
    for (const state of await done.locator(".state").allTextContents()) {
      expect(["Accepted", "Cancelled"]).toContain(state.trim());
    }
    for (const state of await open_.locator(".state").allTextContents()) {
      expect(["Accepted", "Cancelled"]).not.toContain(state.trim());
    }
    // Every card carries its state badge.
    await expect(open_.locator(".task-card")).toHaveCount(await open_.locator(".task-card .state").count());
    if (jsEnabled(testInfo)) await expectAccessible(page);
  });
});
