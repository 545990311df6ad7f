import { test, expect } from "@playwright/test";
import { jsEnabled, open, signIn, signInAs, unique, NEW_PASSWORD } from "./support";
import { linkInMail, mailTo } from "./mail-support";
import { createClient, tag } from "./relay-support";

test.describe("mail", () => {
  test("a provider joins from the invitation e-mail and resets a forgotten password through the mail", async ({
    page,
    browser,
  }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/team");
    const email = unique(testInfo, "mia");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
    // The suite's server sends through SMTP, and the team page says so.
    await expect(page.locator("[data-mail-delivery=smtp]")).toContainText("through your mail server");
    // The demo's dead message: an address that bounced before, with the reason.
    const dead = page.getByRole("row", { name: /priya\.r@example\.org/ });
    await expect(dead).toContainText("550 5.1.1");
    await expect(dead.getByRole("button", { name: "Send again" })).toBeVisible();

    const invite = await linkInMail(email, "/invite/");
    const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const mia = await context.newPage();
    await open(mia, testInfo, invite);
    await mia.getByLabel("Your name").fill(`Mia ${testInfo.project.name}`);
    await mia.getByLabel("Time zone").fill("Europe/Lisbon");
    await mia.getByLabel("Password", { exact: true }).fill("mia first password");
    await mia.getByRole("button", { name: "Join workspace" }).click();
    await expect(mia.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await context.clearCookies();

    // Forgotten: the sign-in page leads to the reset form.
    await open(mia, testInfo, "/login");
    await mia.getByRole("link", { name: "Forgot password?" }).click();
    await expect(mia.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
    await mia.getByLabel("Email").fill(email);
    await mia.getByRole("button", { name: "Send the link" }).click();
    await expect(mia.locator("[data-reset-sent]")).toContainText("Check your e-mail");

    // An address without an account gets the same answer, and no mail.
    const nobody = unique(testInfo, "nobody");
    await open(mia, testInfo, "/forgot-password");
    await mia.getByLabel("Email").fill(nobody);
    await mia.getByRole("button", { name: "Send the link" }).click();
    await expect(mia.locator("[data-reset-sent]")).toContainText("Check your e-mail");

    const reset = await linkInMail(email, "/reset-password/");
    expect(mailTo(nobody)).toHaveLength(0);
    await open(mia, testInfo, reset);
    await expect(mia.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
    await mia.getByLabel("New password").fill(NEW_PASSWORD);
    await mia.getByRole("button", { name: "Save the new password" }).click();
    await expect(mia.getByText("Your new password is saved")).toBeVisible();

    // Used once.
    await open(mia, testInfo, reset);
    await expect(mia.getByRole("heading", { level: 1 })).toHaveText("This reset link no longer works");

    await signIn(mia, testInfo, email, NEW_PASSWORD);
    await expect(mia.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await context.close();
  });

  test("an owner e-mails a client their portal link, signed by the business", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const name = tag(testInfo, "Mailed Client");
    const clientPath = await createClient(page, testInfo, name);
    const address = `${name.replace(/\W+/g, ".").toLowerCase()}@client.example`;
    await open(page, testInfo, `${clientPath}#portal-link`);
    await expect(page.getByRole("heading", { name: "Portal link" })).toBeVisible();
    const before = mailTo(address).filter((m) => m.includes("/p/")).length;
    await page.getByRole("button", { name: "E-mail a new link to the client" }).click();
    await expect(page.getByRole("status").filter({ hasText: "on its way" })).toBeVisible();
    const link = await linkInMail(address, "/p/", before + 1);
    const mail = mailTo(address).filter((m) => m.includes("/p/"))[before];
    expect(mail).toContain("Bright Path Therapy");
    for (const member of ["Ava Lindqvist", "Ben Santos", "Maya Patel"]) expect(mail).not.toContain(member);
    expect(link).toMatch(/^\/p\/[0-9a-f]{64}$/);
  });
});

test.describe("notifications", () => {
  test("a client hears of a new message without its text, and one click stops them", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const name = tag(testInfo, "Notified Client");
    const clientPath = await createClient(page, testInfo, name);
    const address = `${name.replace(/\W+/g, ".").toLowerCase()}@client.example`;
    await open(page, testInfo, clientPath);
    const secret = `Your session moves to Tuesday ${Date.now()}`;
    await page.getByLabel("Message to the client").fill(secret);
    await page.getByRole("button", { name: "Send to the client" }).click();
    await expect(page.getByText(secret)).toBeVisible();

    await expect.poll(() => mailTo(address).length).toBe(1);
    const mail = mailTo(address)[0];
    expect(mail).toContain("new message from Bright Path Therapy");
    expect(mail).not.toContain("Tuesday");
    expect(mail).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const unsubscribe = mail.match(/https?:\/\/[^/\s]+(\/unsubscribe\/client-\d+\/client_message\/[0-9a-f]{32})/)![1];

    // The link's page only asks; its button turns them off.
    await open(page, testInfo, unsubscribe);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stop these e-mails?");
    await page.getByRole("button", { name: "Turn these e-mails off" }).click();
    await expect(page.locator("[data-unsubscribed]")).toContainText("no more of these e-mails");

    await open(page, testInfo, clientPath);
    await page.getByLabel("Message to the client").fill("One more thing.");
    await page.getByRole("button", { name: "Send to the client" }).click();
    await expect(page.getByText("One more thing.").first()).toBeVisible();
    // Give the sender its turn, then check nothing came.
    await page.waitForTimeout(6_000);
    expect(mailTo(address)).toHaveLength(1);
  });

  test("a provider gets a task given in their digest, sends it now, and stops digests with one click", async ({
    page,
    browser,
  }, testInfo) => {
    // A provider of their own, so the suite's two projects do not share settings.
    await signInAs(page, testInfo, "owner@demo.test");
    await open(page, testInfo, "/team");
    const email = unique(testInfo, "dora");
    const name = `Dora ${testInfo.project.name}`;
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
    const invite = await linkInMail(email, "/invite/");
    const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const dora = await context.newPage();
    await open(dora, testInfo, invite);
    await dora.getByLabel("Your name").fill(name);
    await dora.getByLabel("Time zone").fill("Asia/Tokyo");
    await dora.getByLabel("Password", { exact: true }).fill("dora first password");
    await dora.getByRole("button", { name: "Join workspace" }).click();
    await expect(dora.getByRole("heading", { level: 1 })).toContainText("Welcome");

    // Her settings: a task given goes to the digest, at 07:00 in Tokyo, in Spanish.
    await open(dora, testInfo, "/account");
    await dora.getByLabel("A task is given to me").selectOption({ label: "In my daily digest" });
    await dora.getByLabel("Daily digest at").selectOption({ label: "07:00" });
    await dora.getByLabel("Language of your e-mails").selectOption({ label: "Español" });
    await dora.getByRole("button", { name: "Save notifications" }).click();
    await expect(dora.getByText("Saved. Your notifications follow these settings")).toBeVisible();
    await expect(dora.getByLabel("A task is given to me")).toHaveValue("digest");
    await expect(dora.getByLabel("Daily digest at")).toHaveValue("7");
    await expect(dora.getByLabel("Language of your e-mails")).toHaveValue("es");
    await expect(dora.getByText("In your time zone, Asia/Tokyo.")).toBeVisible();

    const title = `Digest check ${Date.now() % 100000}`;
    await open(page, testInfo, "/tasks/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Instructions").fill("Match October's invoices to payments.");
    await page.getByLabel("Provider", { exact: true }).selectOption({ label: name });
    await page.getByLabel("Expected outcome").fill("invoice reconciled");
    await page.getByLabel("Acceptance criteria").fill("Every invoice matched");
    await page.getByLabel("Paid as").selectOption("fixed");
    await page.getByLabel("Price").fill("60");
    await page.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByText("Task created.")).toBeVisible();
    const taskPath = new URL(page.url()).pathname;

    await open(dora, testInfo, "/account");
    await expect(dora.locator("[data-digest-waiting]")).toContainText("1 update waits for your next digest");
    await dora.getByRole("button", { name: "Send my digest now" }).click();
    await expect(dora.getByText("Your digest is on its way")).toBeVisible();
    await expect(dora.locator("[data-digest-waiting]")).toHaveCount(0);

    const isDigest = (m: string) => /\/unsubscribe\/member-\d+\/digest\//.test(m);
    await expect.poll(() => mailTo(email).filter(isDigest).length).toBe(1);
    const digest = mailTo(email).find(isDigest)!;
    expect(digest).toContain("Tu resumen de Handoff: 1 novedad");
    expect(digest).toContain(taskPath);
    expect(digest).not.toContain(title);
    expect(digest).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    // Nothing came right away: the invitation and the digest only.
    expect(mailTo(email)).toHaveLength(2);

    const stop = digest.match(/https?:\/\/[^/\s]+(\/unsubscribe\/member-\d+\/digest\/[0-9a-f]{32})/)![1];
    const outside = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
    const mailbox = await outside.newPage();
    await open(mailbox, testInfo, stop);
    await expect(mailbox.getByRole("heading", { level: 1 })).toHaveText("Stop these e-mails?");
    await expect(mailbox.getByText("your notifications are gathered in a daily digest")).toBeVisible();
    await mailbox.getByRole("button", { name: "Turn these e-mails off" }).click();
    await expect(mailbox.locator("[data-unsubscribed]")).toContainText("no more of these e-mails");
    await outside.close();

    await open(dora, testInfo, "/account");
    await expect(dora.getByLabel("A task is given to me")).toHaveValue("off");
    await expect(dora.getByLabel("Changes are asked for on my work")).toHaveValue("immediately");
    await context.close();
  });
});
