// Takes the screenshots in docs/screenshots/ from a running Handoff with
// demo data (HANDOFF_DEMO=1): node end2end/screenshots.mjs <base-url> <out-dir>
import { chromium } from "playwright-core";
import * as path from "node:path";

const [base = "http://127.0.0.1:3000", out = "docs/screenshots"] = process.argv.slice(2);
const PASSWORD = "handoff-demo-1";
const widths = { desktop: 1280, phone: 390 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});

async function signedIn(email, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.waitForSelector(".app[data-page-ready]");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}

async function taskPath(page, title) {
  await page.goto(`${base}/tasks`);
  const href = await page.getByRole("link", { name: title }).first().getAttribute("href");
  return href;
}

async function shot(page, url, name) {
  await page.goto(`${base}${url}`);
  await page.waitForSelector(".app[data-page-ready]");
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  console.log(`${name}.png  ${url}`);
}

for (const [label, width] of Object.entries(widths)) {
  const owner = await signedIn("owner@demo.test", width);
  await shot(owner.page, "/", `owner-home-${label}`);
  await shot(owner.page, "/tasks", `board-${label}`);
  await shot(owner.page, "/tasks?view=columns", `board-columns-${label}`);
  await shot(owner.page, await taskPath(owner.page, "Reconcile October invoices"), `owner-task-${label}`);
  await shot(owner.page, "/team", `team-${label}`);
  await shot(owner.page, "/relay", `relay-queue-${label}`);
  await shot(owner.page, await taskPath(owner.page, "Book the intake call"), `owner-task-thread-${label}`);
  // The client's portal, opened through a fresh link made on the client page.
  await owner.page.goto(`${base}/clients`);
  const client = await owner.page.getByRole("link", { name: "Maria Gomez" }).first().getAttribute("href");
  await shot(owner.page, client, `client-thread-${label}`);
  await owner.page.getByRole("button", { name: /Create a link|Make a new link/ }).click();
  const link = await owner.page.getByRole("textbox", { name: "The client's portal link" }).inputValue();
  const visitor = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const portal = await visitor.newPage();
  await portal.goto(link);
  await portal.waitForSelector(".app[data-page-ready]");
  await portal.getByRole("button", { name: "Open your messages" }).click();
  await portal.waitForURL((url) => url.pathname === "/portal");
  await shot(portal, "/portal", `portal-${label}`);
  await visitor.close();
  // The editor's live preview lists what only looks like a contact detail
  // in disguise (not masked: the owner decides).
  await owner.page.goto(`${base}/tasks/new`);
  await owner.page.waitForSelector(".app[data-page-ready]");
  await owner.page.getByLabel("Instructions").fill("Call the client back before Friday to confirm the intake.\nIf the line is busy, the gate code ends nine four one two.");
  await owner.page.locator(".disguise-note").waitFor();
  await owner.page.locator(".preview").screenshot({ path: path.join(out, `task-preview-disguise-${label}.png`) });
  await owner.context.close();

  const ben = await signedIn("ben@demo.test", width);
  await shot(ben.page, "/", `provider-home-${label}`);
  await shot(ben.page, await taskPath(ben.page, "Chase unpaid session fees"), `provider-task-${label}`);
  // His notifications go to a daily digest: the account page says what waits.
  await shot(ben.page, "/account", `account-notifications-${label}`);
  await ben.context.close();
  const signedOut = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  await shot(await signedOut.newPage(), "/forgot-password", `forgot-password-${label}`);
  await signedOut.close();
  const ava = await signedIn("ava@demo.test", width);
  await shot(ava.page, await taskPath(ava.page, "Book the intake call"), `provider-task-thread-${label}`);
  await ava.context.close();
}
await browser.close();
