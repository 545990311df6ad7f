import { test, expect } from "@playwright/test";
import { open } from "./support";
import { client, createClient, createLink, createTask, member, openPortal, tag } from "./relay-support";

// The client portal: a private link whose page changes nothing, a portal of
// the client's own (no member navigation, no provider's name), replies,
// the tasks the owner chose to show, sign-out, and links that no longer work.

test.describe("the client portal", () => {
  test.describe.configure({ timeout: 120_000 });

  test("the link's page sends no Referer and opens nothing until its button is pressed", async ({ browser }, testInfo) => {
    const owner = await member(browser, testInfo, "owner@demo.test");
    const clientPath = await createClient(owner.page, testInfo, tag(testInfo, "Portal Client"));
    const link = await createLink(owner.page, testInfo, clientPath);
    await open(owner.page, testInfo, clientPath);
    await expect(owner.page.locator("[data-link-state]")).toContainText("Not opened yet.");
    // The link is shown once.
    await expect(owner.page.getByRole("textbox", { name: "The client's portal link" })).toHaveCount(0);

    const person = await client(browser, testInfo);
    const response = await open(person.page, testInfo, link);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    await open(owner.page, testInfo, clientPath);
    await expect(owner.page.locator("[data-link-state]")).toContainText("Not opened yet.");

    await person.page.getByRole("button", { name: "Open your messages" }).click();
    await expect(person.page).toHaveURL(/\/portal$/);
    await expect(person.page.getByRole("heading", { level: 1 })).toHaveText("Bright Path Therapy");
    // No member navigation, no sign-up, no provider.
    await expect(person.page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(person.page.getByText("Create a workspace")).toHaveCount(0);
    await expect(person.page.locator("body")).not.toContainText("Ben Santos");
    await expect(person.page.locator("body")).not.toContainText("Maya Patel");
    await open(owner.page, testInfo, clientPath);
    await expect(owner.page.locator("[data-link-state]")).toContainText("Last opened");
    await Promise.all([owner.context.close(), person.context.close()]);
  });

  test("the client replies, sees the tasks shown to them, signs out; a revoked link shows the clear page", async ({ browser }, testInfo) => {
    const owner = await member(browser, testInfo, "owner@demo.test");
    const name = tag(testInfo, "Reply Client");
    const clientPath = await createClient(owner.page, testInfo, name);
    const title = tag(testInfo, "Shown task");
    const taskPath = await createTask(owner.page, testInfo, clientPath, title);
    await owner.page.getByRole("button", { name: "Show in the client's portal" }).click();
    await expect(owner.page.getByText("Saved. The client's portal shows what you chose.")).toBeVisible();
    await expect(owner.page.getByRole("button", { name: "Hide from the client's portal" })).toBeVisible();

    await open(owner.page, testInfo, clientPath);
    await owner.page.getByLabel("Message to the client").fill("Welcome! Your first session is being planned.");
    await owner.page.getByRole("button", { name: "Send to the client" }).click();
    await expect(owner.page.getByText("Sent. The client reads it in their portal.")).toBeVisible();
    const link = await createLink(owner.page, testInfo, clientPath);

    const person = await client(browser, testInfo);
    await openPortal(person.page, testInfo, link);
    await expect(person.page.locator("#thread")).toContainText("Welcome! Your first session is being planned.");
    await expect(person.page.locator("#thread")).toContainText("Bright Path Therapy");
    const tasks = person.page.getByRole("region", { name: "Your work with us" });
    await expect(tasks).toContainText(title);
    await expect(tasks).toContainText("Planned");
    await expect(person.page.locator("body")).not.toContainText("Ben");

    // A blank reply is refused beside the box.
    await person.page.getByRole("button", { name: "Send" }).click();
    await expect(person.page.getByText("Write a message first.")).toBeVisible();
    await person.page.getByLabel("Your reply").fill("Thanks, mornings suit me.");
    await person.page.getByRole("button", { name: "Send" }).click();
    await expect(person.page.getByText("Sent. The business has your message.")).toBeVisible();

    // The owner reads it on the client page.
    await open(owner.page, testInfo, clientPath);
    await expect(owner.page.locator("#thread")).toContainText("Thanks, mornings suit me.");

    // Sign out, then back in through the link.
    await person.page.getByRole("button", { name: "Sign out" }).click();
    await expect(person.page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    await open(person.page, testInfo, "/portal");
    await expect(person.page.getByRole("heading", { name: "Open your link first" })).toBeVisible();
    await openPortal(person.page, testInfo, link);
    await expect(person.page.locator("#thread")).toContainText("Thanks, mornings suit me.");

    // The owner revokes the link: the open portal ends, the link shows the
    // clear page.
    await open(owner.page, testInfo, clientPath);
    await owner.page.getByText("Revoke…").click();
    await owner.page.getByRole("button", { name: "Yes, revoke the link" }).click();
    await expect(owner.page.getByText("Link revoked.")).toBeVisible();
    await expect(owner.page.locator("[data-link-state]")).toContainText("Revoked");
    await open(person.page, testInfo, "/portal");
    await expect(person.page.getByRole("heading", { name: "Open your link first" })).toBeVisible();
    await openPortal(person.page, testInfo, link);
    await expect(person.page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await expect(person.page.getByText("Ask the business for a new one.")).toBeVisible();
    await expect(person.page.locator("body")).not.toContainText(name);
    await open(owner.page, testInfo, taskPath);
    await Promise.all([owner.context.close(), person.context.close()]);
  });

  test("an unknown link shows the clear page", async ({ page }, testInfo) => {
    await openPortal(page, testInfo, `/p/${"0".repeat(64)}`);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  });
});
