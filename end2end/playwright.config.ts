import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The test command (.ci/test) builds Handoff and says where the server binary
// and the site are; the server runs on a fresh SQLite file with demo data.
const port = Number(process.env.HANDOFF_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.HANDOFF_E2E_DATA ?? path.join(os.tmpdir(), `handoff-e2e-${process.pid}`);
// Workers load this file again: they read the same folders from here.
process.env.HANDOFF_E2E_DATA = dataDir;
// A real SMTP server on loopback (Debian's python3-aiosmtpd) keeps every
// message it receives in a Maildir the mail suites read.
const smtpPort = Number(process.env.HANDOFF_E2E_SMTP_PORT ?? port + 25);
const mailDir = `${dataDir}-mail`;
process.env.HANDOFF_E2E_MAIL = mailDir;
const bin = process.env.HANDOFF_BIN ?? "../target/release/handoff-app";
const siteRoot = process.env.HANDOFF_SITE_ROOT ?? "../target/site";

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // The service worker (offline reloads) is tested in offline.spec.ts,
    // which allows it; elsewhere every request goes to the server as the
    // suite routes it.
    serviceWorkers: "block",
  },
  // Every suite runs twice: as a person with JavaScript, and before (or
  // without) hydration.
  projects: [
    { name: "js-on", use: { ...chromium, javaScriptEnabled: true } },
    // axe-core runs inside the page, so the accessibility sweep needs
    // JavaScript; so do offline drafts (the page's script keeps them) and
    // a page following another app server's changes. The first load is
    // weighed as a browser with JavaScript fetches it.
    { name: "js-off", use: { ...chromium, javaScriptEnabled: false }, testIgnore: /(a11y|drafts|first-load|offline|restart|soak|two-servers)\.spec\.ts/ },
  ],
  webServer: [
    {
      command: `rm -rf "${mailDir}" && /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c aiosmtpd.handlers.Mailbox "${mailDir}"`,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && "${bin}"`,
      url: `${baseURL}/favicon.ico`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        HANDOFF_ADDR: `127.0.0.1:${port}`,
        HANDOFF_SITE_ROOT: siteRoot,
        HANDOFF_DEMO: "1",
        DATABASE_URL: `sqlite://${dataDir}/handoff.db`,
        HANDOFF_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        // Notifications go out at once (two minutes' batching in production).
        HANDOFF_MAIL_BATCH_SECONDS: "0",
        RUST_LOG: process.env.RUST_LOG ?? "warn",
      },
    },
  ],
});
