import { test, expect, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { brotliCompressSync, constants } from "node:zlib";
import { DEMO_PASSWORD, signIn } from "./support";

// The first load of the two pages people open first: the sign-in page, and
// a provider's "My tasks" opened directly. Both go out without the browser
// build (app/src/plain_page.rs); this measures every byte the page itself
// fetched, brotli-compressed at quality 11 as the size report counts them,
// whatever encoding the test server chose.
const LIMIT = 200_000;

async function firstLoad(browser: Browser, path: string, cookies: Awaited<ReturnType<BrowserContext["cookies"]>> = []) {
  // A fresh context: nothing cached, nothing from an earlier page.
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  const fetched: Promise<[string, number]>[] = [];
  page.on("response", (response) => {
    // The live stream stays open and carries hints, not the page.
    if (new URL(response.url()).pathname === "/events") return;
    fetched.push(
      response.body().then(
        (body) => [new URL(response.url()).pathname, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length] as [string, number],
        () => [new URL(response.url()).pathname, 0] as [string, number],
      ),
    );
  });
  await page.goto(path, { waitUntil: "load" });
  // A hydrated page is ready once its route's chunks arrived and ran; a
  // plain page arrives ready.
  await expect(page.locator(".app")).toHaveAttribute("data-page-ready", "true");
  const files = await Promise.all(fetched);
  await context.close();
  return files;
}

function report(label: string, files: [string, number][], itemized = true) {
  const total = files.reduce((sum, [, size]) => sum + size, 0);
  if (itemized) {
    for (const [path, size] of files) console.log(`    ${label}  ${path.padEnd(40)} ${String(size).padStart(8)} B brotli`);
  }
  console.log(`    ${label}  first load ${total} B brotli in ${files.length} files`);
  return total;
}

test("the sign-in page loads in under 200,000 bytes and no wasm", async ({ browser }) => {
  const files = await firstLoad(browser, "/login");
  expect(files.map(([path]) => path)).toContain("/login");
  expect(files.filter(([path]) => path.endsWith(".wasm"))).toEqual([]);
  expect(report("/login", files)).toBeLessThanOrEqual(LIMIT);
});

/** The session cookies of a demo member, signed in on `page`. */
async function sessionOf(page: Page, testInfo: TestInfo, email: string) {
  await signIn(page, testInfo, email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname !== "/login");
  return page.context().cookies();
}

test("a provider's My tasks, opened directly, loads in under 200,000 bytes", async ({ browser, page }, testInfo) => {
  const files = await firstLoad(browser, "/tasks", await sessionOf(page, testInfo, "ben@demo.test"));
  // The list as the provider lens made it, not a sign-in page.
  expect(files.map(([path]) => path)).toContain("/tasks");
  expect(files.map(([path]) => path)).not.toContain("/login");
  expect(files.filter(([path]) => path.endsWith(".wasm"))).toEqual([]);
  expect(report("/tasks (provider)", files)).toBeLessThanOrEqual(LIMIT);
});

test("an owner's board still hydrates: plain pages are the provider's list and sign-in only", async ({ browser, page }, testInfo) => {
  const files = await firstLoad(browser, "/tasks", await sessionOf(page, testInfo, "owner@demo.test"));
  expect(files.filter(([path]) => path.endsWith(".wasm")).length).toBeGreaterThan(0);
  report("/tasks (owner)", files, false);
});
