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
  await owner.context.close();

  const ben = await signedIn("ben@demo.test", width);
  await shot(ben.page, "/", `provider-home-${label}`);
  await shot(ben.page, await taskPath(ben.page, "Chase unpaid session fees"), `provider-task-${label}`);
  await ben.context.close();
}
await browser.close();
