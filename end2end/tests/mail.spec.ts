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

  test("a member turns a notification off and on in their account", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "ben@demo.test");
    await open(page, testInfo, "/account");
    const row = page.locator("[data-notify=team_message]");
    await expect(row).toContainText("An owner writes to me about a task");
    const state = (await row.locator(".notify-state").innerText()).trim();
    const flip = state === "On" ? "Turn off" : "Turn on";
    await row.getByRole("button", { name: new RegExp(`^${flip}`) }).click();
    await expect(row.locator(".notify-state")).toHaveText(state === "On" ? "Off" : "On");
    const back = state === "On" ? "Turn on" : "Turn off";
    await row.getByRole("button", { name: new RegExp(`^${back}`) }).click();
    await expect(row.locator(".notify-state")).toHaveText(state);
  });
});
