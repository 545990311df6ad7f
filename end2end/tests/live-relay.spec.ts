import { test, expect, type Page, type TestInfo } from "@playwright/test";
import { jsEnabled, open, watchConsole } from "./support";
import { client, createClient, createLink, createTask, member, openPortal, tag } from "./relay-support";

// The relay while everyone keeps their page open: the owner on the relay
// queue, Ben on his task, the client in the portal. With JavaScript each
// page follows by itself and a half-typed message stays where it is;
// without, a reload shows the same.

/** Without JavaScript a person reloads to see what changed. */
async function look(page: Page, testInfo: TestInfo) {
  if (!jsEnabled(testInfo)) await page.reload();
}

test.describe("the relay, live", () => {
  test.describe.configure({ timeout: 120_000 });

  test("requests, decisions and answers reach open pages without a reload, and half-typed text stays", async ({ browser }, testInfo) => {
    const js = jsEnabled(testInfo);
    const owner = await member(browser, testInfo, "owner@demo.test");
    const ownerProblems = watchConsole(owner.page);
    const name = tag(testInfo, "Lorna Client");
    const clientPath = await createClient(owner.page, testInfo, name);
    const title = tag(testInfo, "Live intake");
    const taskPath = await createTask(owner.page, testInfo, clientPath, title);
    const link = await createLink(owner.page, testInfo, clientPath);

    const person = await client(browser, testInfo);
    const clientProblems = watchConsole(person.page);
    await openPortal(person.page, testInfo, link);
    await expect(person.page.getByRole("heading", { level: 1 })).toHaveText("Bright Path Therapy");
    const ben = await member(browser, testInfo, "ben@demo.test");
    const benProblems = watchConsole(ben.page);
    await open(ben.page, testInfo, taskPath);
    await open(owner.page, testInfo, "/relay");

    // The client starts a reply and leaves it half-typed.
    const reply = person.page.getByLabel("Your reply");
    if (js) await reply.fill("Half a thought about Tuesd");

    // Ben writes for the client: the owner's open queue shows it.
    await ben.page.getByLabel("Message for the client").fill("Would Tuesday at 10 suit you?");
    await ben.page.getByRole("button", { name: "Send for approval" }).click();
    await expect(ben.page.getByText("Sent for approval.")).toBeVisible();
    await look(owner.page, testInfo);
    const item = owner.page.locator("li.relay-item", { hasText: title });
    await expect(item).toContainText("Would Tuesday at 10 suit you?", { timeout: 5000 });

    // The owner approves it: the client's open portal shows it, signed by
    // the business, and Ben's open task says it was sent.
    await item.getByRole("button", { name: "Approve and send" }).click();
    await expect(owner.page.getByText("Done. The provider sees your decision")).toBeVisible();
    await look(person.page, testInfo);
    await expect(person.page.locator("#thread")).toContainText("Would Tuesday at 10 suit you?", { timeout: 5000 });
    await expect(person.page.locator("body")).not.toContainText("Ben");
    if (js) await expect(reply).toHaveValue("Half a thought about Tuesd");
    await look(ben.page, testInfo);
    await expect(ben.page.locator(".relay-line").first()).toContainText("Sent as written", { timeout: 5000 });

    // The client answers: the owner's open client page shows it, and the
    // owner's half-typed message to the client stays.
    await open(owner.page, testInfo, clientPath);
    const compose = owner.page.getByLabel("Message to the client");
    if (js) await compose.fill("Draft to the client, not sent");
    await reply.fill("Tuesday at 10 is perfect.");
    await person.page.getByRole("button", { name: "Send" }).click();
    await expect(person.page.getByText("Sent. The business has your message.")).toBeVisible();
    await look(owner.page, testInfo);
    await expect(owner.page.locator("#thread")).toContainText("Tuesday at 10 is perfect.", { timeout: 5000 });
    if (js) await expect(compose).toHaveValue("Draft to the client, not sent");

    // The team thread both ways, each side's page open.
    await open(owner.page, testInfo, taskPath);
    const toBen = owner.page.getByLabel("Message to the provider");
    if (js) await toBen.fill("Still typing this one");
    await ben.page.getByLabel("Message to the owners").fill("Booked for Tuesday.");
    await ben.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ben.page.getByText("Message sent.")).toBeVisible();
    await look(owner.page, testInfo);
    await expect(owner.page.locator("#thread")).toContainText("Booked for Tuesday.", { timeout: 5000 });
    if (js) await expect(toBen).toHaveValue("Still typing this one");

    expect([...ownerProblems, ...clientProblems, ...benProblems]).toEqual([]);
    await Promise.all([owner.context.close(), ben.context.close(), person.context.close()]);
  });
});
