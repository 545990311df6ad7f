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
    // Without an SMTP server the page says mail does not reach anyone.
    await expect(page.locator("[data-mail-delivery=folder]")).toContainText("Mail is not being delivered");

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
    const before = mailTo(address).length;
    await page.getByRole("button", { name: "E-mail a new link to the client" }).click();
    await expect(page.getByRole("status").filter({ hasText: "on its way" })).toBeVisible();
    const link = await linkInMail(address, "/p/", before + 1);
    const mail = mailTo(address)[before];
    expect(mail).toContain("Bright Path Therapy");
    for (const member of ["Ava Lindqvist", "Ben Santos", "Maya Patel"]) expect(mail).not.toContain(member);
    expect(link).toMatch(/^\/p\/[0-9a-f]{64}$/);
  });
});
