import { expect, type Page, type TestInfo } from "@playwright/test";

export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Opens a page and, with JavaScript on, waits until hydration took over:
 * a click before that would do nothing. */
export async function open(page: Page, testInfo: TestInfo, url: string) {
  const response = await page.goto(url);
  if (jsEnabled(testInfo)) {
    await expect(page.locator(".app")).toHaveAttribute("data-hydrated", "true");
  }
  return response;
}

/** Fails the test on any console error or uncaught exception: a hydration
 * mismatch or a missing asset shows up here first. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  return problems;
}
