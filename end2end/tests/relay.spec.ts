import { test, expect } from "@playwright/test";
import { open, watchConsole } from "./support";
import { client, createClient, createLink, createTask, member, openPortal, tag } from "./relay-support";

// Three people in three browser contexts: the owner, the provider (Ben) and
// the client in their portal. Runs with JavaScript on and off.

test.describe("the relay", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a provider's question reaches the client only once approved, edited as edited; the answer reaches the provider only when forwarded, masked", async ({ browser }, testInfo) => {
    const owner = await member(browser, testInfo, "owner@demo.test");
    const problems = watchConsole(owner.page);
    const name = tag(testInfo, "Relay Client");
    const clientPath = await createClient(owner.page, testInfo, name);
    const title = tag(testInfo, "Intake call");
    const taskPath = await createTask(owner.page, testInfo, clientPath, title);
    const link = await createLink(owner.page, testInfo, clientPath);

    const person = await client(browser, testInfo);
    await openPortal(person.page, testInfo, link);
    await expect(person.page.getByRole("heading", { level: 1 })).toHaveText("Bright Path Therapy");

    // Ben writes a message for the client: it waits for an owner.
    const ben = await member(browser, testInfo, "ben@demo.test");
    await open(ben.page, testInfo, taskPath);
    await ben.page.getByLabel("Message for the client").fill("Could we meet on Tuesday at 9?");
    await ben.page.getByRole("button", { name: "Send for approval" }).click();
    await expect(ben.page.getByText("Sent for approval.")).toBeVisible();
    await expect(ben.page.locator(".relay-line").first()).toContainText("Waiting for an owner");

    await open(person.page, testInfo, "/portal");
    await expect(person.page.locator("#thread")).not.toContainText("Tuesday");

    // The owner edits it and approves.
    await open(owner.page, testInfo, "/relay");
    const item = owner.page.locator("li.relay-item", { hasText: title });
    await expect(item).toContainText("Could we meet on Tuesday at 9?");
    await expect(item).toContainText(name);
    await expect(item).toContainText("Ben Santos");
    await item.getByText("Edit then approve…").click();
    await item.getByLabel("What the client will read").fill("Could we meet on Tuesday at 9:30?");
    await item.getByRole("button", { name: "Send edited" }).click();
    await expect(owner.page.getByText("Done. The provider sees your decision")).toBeVisible();
    await expect(owner.page.locator("li.relay-item", { hasText: title })).toHaveCount(0);

    // The client gets the edited text, signed by the business.
    await open(person.page, testInfo, "/portal");
    const thread = person.page.locator("#thread");
    await expect(thread).toContainText("Could we meet on Tuesday at 9:30?");
    await expect(person.page.locator("body")).not.toContainText("Ben");

    // Ben sees what was sent.
    await open(ben.page, testInfo, taskPath);
    const relay = ben.page.locator(".relay-line").first();
    await expect(relay).toContainText("Sent edited");
    await expect(relay).toContainText("What the client got: Could we meet on Tuesday at 9:30?");

    // The client answers with a phone number and a new address; Ben gets
    // neither.
    await person.page.getByLabel("Your reply").fill("Yes, Tuesday works. Call me on +1 202 555 0199. We have moved: 14 Rosewood Close, Flat 4, Leeds LS6 2QT. The gate code ends nine four one two.");
    await person.page.getByRole("button", { name: "Send" }).click();
    await expect(person.page.getByText("Sent. The business has your message.")).toBeVisible();
    await expect(person.page.locator("#thread")).toContainText("Yes, Tuesday works.");
    await open(ben.page, testInfo, taskPath);
    await expect(ben.page.locator("#thread")).not.toContainText("Tuesday works");

    // The owner previews exactly what Ben will read, then forwards it.
    await open(owner.page, testInfo, clientPath);
    const message = owner.page.locator("li.message", { hasText: "Yes, Tuesday works" });
    await message.getByText("Forward to a task's provider…").click();
    await message.getByLabel("Task", { exact: true }).selectOption({ label: title });
    await message.getByRole("button", { name: "Preview what the provider sees" }).click();
    const preview = owner.page.getByRole("region", { name: "What the provider will read" });
    await expect(preview).toContainText("Yes, Tuesday works.");
    await expect(preview).not.toContainText("555 0199");
    await expect(preview).toContainText("[address hidden]");
    for (const part of ["Rosewood", "Flat 4", "LS6 2QT"]) await expect(preview).not.toContainText(part);
    // Half a number in words is not masked: the owner is shown it to decide.
    const note = preview.getByRole("note");
    await expect(note).toContainText("Check before you send");
    await expect(note.locator("mark.flag")).toHaveText("nine four one two");
    await preview.getByRole("button", { name: "Forward to the provider" }).click();
    await expect(owner.page.getByText("Forwarded. The provider reads it")).toBeVisible();

    await open(ben.page, testInfo, taskPath);
    const benThread = ben.page.locator("#thread");
    await expect(benThread).toContainText("Yes, Tuesday works.");
    await expect(benThread).toContainText("From the client, forwarded by an owner");
    await expect(ben.page.locator("body")).not.toContainText("555 0199");
    await expect(benThread).toContainText("[address hidden]");
    for (const part of ["Rosewood", "Flat 4", "LS6 2QT"]) await expect(ben.page.locator("body")).not.toContainText(part);
    await expect(ben.page.locator("body")).not.toContainText(name);
    expect(problems).toEqual([]);
    await Promise.all([owner.context.close(), ben.context.close(), person.context.close()]);
  });

  test("a solicitation is flagged with its passages marked; sending it needs the box ticked; a returned request shows its reason", async ({ browser }, testInfo) => {
    const owner = await member(browser, testInfo, "owner@demo.test");
    const clientPath = await createClient(owner.page, testInfo, tag(testInfo, "Flag Client"));
    const title = tag(testInfo, "Consent form");
    const taskPath = await createTask(owner.page, testInfo, clientPath, title);

    const ben = await member(browser, testInfo, "ben@demo.test");
    await open(ben.page, testInfo, taskPath);
    await ben.page.getByLabel("Message for the client").fill("Easier outside this app: email me at ben.santos.private@gmail.com and pay me directly.");
    await ben.page.getByRole("button", { name: "Send for approval" }).click();
    await expect(ben.page.getByText("Sent for approval.")).toBeVisible();

    await open(owner.page, testInfo, "/relay");
    const item = owner.page.locator("li.relay-item", { hasText: title });
    await expect(item.locator(".flag-notice")).toContainText("Flagged.");
    const marks = item.locator("mark.flag");
    expect(await marks.count()).toBeGreaterThan(0);
    await expect(marks.first()).toContainText("Flagged:");
    await expect(item.locator("mark.flag", { hasText: "ben.santos.private@gmail.com" })).toHaveCount(1);

    // Approving flagged text without ticking the box is refused beside it.
    await item.getByRole("button", { name: "Approve and send" }).click();
    const again = owner.page.locator("li.relay-item", { hasText: title });
    await expect(again.getByText("This message is flagged").first()).toBeVisible();

    // Returned with a reason: Ben reads it.
    await again.getByText("Return…").click();
    await again.getByLabel("Why it goes back (the provider reads this)").fill("Please keep contact details and payment out of messages to clients.");
    await again.getByRole("button", { name: "Return to the provider" }).click();
    await expect(owner.page.getByText("Done. The provider sees your decision")).toBeVisible();

    await open(ben.page, testInfo, taskPath);
    const relay = ben.page.locator(".relay-line").first();
    await expect(relay).toContainText("Returned");
    await expect(relay).toContainText("Why it came back: Please keep contact details and payment out of messages to clients.");
    await Promise.all([owner.context.close(), ben.context.close()]);
  });

  test("the team thread carries messages both ways; the owners' navigation counts the queue", async ({ browser }, testInfo) => {
    const owner = await member(browser, testInfo, "owner@demo.test");
    const clientPath = await createClient(owner.page, testInfo, tag(testInfo, "Thea Client"));
    const title = tag(testInfo, "Thread task");
    const taskPath = await createTask(owner.page, testInfo, clientPath, title);
    await owner.page.getByLabel("Message to the provider").fill("Please call **before noon**.");
    await owner.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(owner.page.getByText("Message sent.")).toBeVisible();
    await expect(owner.page.locator("#thread strong", { hasText: "before noon" })).toBeVisible();

    const ben = await member(browser, testInfo, "ben@demo.test");
    await open(ben.page, testInfo, taskPath);
    await expect(ben.page.locator("#thread")).toContainText("Please call before noon.");
    await ben.page.getByLabel("Message to the owners").fill("Will do, calling at 11.");
    await ben.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ben.page.getByText("Message sent.")).toBeVisible();
    // A blank message is refused beside the box, and nothing is lost.
    await ben.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ben.page.getByText("Write a message first.")).toBeVisible();

    await open(owner.page, testInfo, taskPath);
    await expect(owner.page.locator("#thread")).toContainText("Will do, calling at 11.");
    await expect(owner.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Relay/ })).toBeVisible();
    await Promise.all([owner.context.close(), ben.context.close()]);
  });
});
