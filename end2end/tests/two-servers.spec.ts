import { test, expect } from "@playwright/test";
import { execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { open, watchConsole } from "./support";
import { createClient, createTask, member, tag } from "./relay-support";
import { startServer as start, suitePort } from "./server-support";

// Two Handoff processes on different ports share one PostgreSQL database,
// as several stateless app servers behind a load balancer do. A message
// posted through one appears, without a reload, on a page served by the
// other; cutting the second's LISTEN connection leads to a resync, not a
// silent gap. The test command (.ci/test) says which PostgreSQL to use.

const serverUrl = process.env.HANDOFF_TEST_DATABASE_URL ?? "";
const basePort = suitePort + 100;

function psql(url: string, sql: string): string {
  return execFileSync("psql", [url, "-qAtc", sql], { encoding: "utf8" }).trim();
}

/** The same server URL naming another database. */
function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

test.describe("two app servers on one PostgreSQL", () => {
  // Runs with JavaScript only (playwright.config.ts): the page follows
  // by itself only with it.
  test.describe.configure({ timeout: 120_000 });

  let a: ChildProcess | undefined;
  let b: ChildProcess | undefined;
  let database = "";

  test.beforeAll(async () => {
    expect(serverUrl, "set HANDOFF_TEST_DATABASE_URL to a PostgreSQL server (the test command does)").toMatch(/^postgres/);
    database = `handoff_t_e2e_${process.pid}`;
    psql(serverUrl, `DROP DATABASE IF EXISTS ${database}`);
    psql(serverUrl, `CREATE DATABASE ${database}`);
    const key = randomBytes(32).toString("hex");
    const url = databaseUrl(database);
    // The first migrates and seeds the demo; the second joins it.
    a = await start(basePort, url, key, true);
    b = await start(basePort + 1, url, key, false);
  });

  test.afterAll(async () => {
    for (const server of [a, b]) server?.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (database) psql(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  test("a message posted through one appears live on a page served by the other, and a lost listener resyncs", async ({ browser }, testInfo) => {
    const serverA = `http://127.0.0.1:${basePort}`;
    const serverB = `http://127.0.0.1:${basePort + 1}`;
    // The owner works through B.
    const owner = await member(browser, testInfo, "owner@demo.test", serverB);
    const problems = watchConsole(owner.page);
    const clientPath = await createClient(owner.page, testInfo, tag(testInfo, "Tove Client"));
    const title = tag(testInfo, "Two servers");
    const taskPath = await createTask(owner.page, testInfo, clientPath, title);
    await open(owner.page, testInfo, taskPath);

    // 200 more tabs' streams stay open on B meanwhile (the owner's own
    // session, as many tabs of one person would hold).
    const cookie = (await owner.context.cookies(serverB)).map((c) => `${c.name}=${c.value}`).join("; ");
    const streams = new AbortController();
    const opened = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${serverB}/events`, { headers: { cookie, accept: "text/event-stream" }, signal: streams.signal }),
      ),
    );
    expect(opened.every((r) => r.status === 200)).toBe(true);
    const drained = opened.map((r) => r.body!.pipeTo(new WritableStream()).catch(() => undefined));

    // Ben works through A.
    const ben = await member(browser, testInfo, "ben@demo.test", serverA);
    await open(ben.page, testInfo, taskPath);
    // Twenty messages, each timed from Ben's click on A to the moment the
    // owner's page on B shows it (a MutationObserver in that page).
    const latencies: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const text = `Posted through server A, number ${i}.`;
      const shown = owner.page.evaluate(
        (text) =>
          new Promise<number>((resolve) => {
            const there = () => document.querySelector("#thread")?.textContent?.includes(text);
            if (there()) return resolve(Date.now());
            const watch = new MutationObserver(() => {
              if (there()) {
                watch.disconnect();
                resolve(Date.now());
              }
            });
            watch.observe(document.body, { subtree: true, childList: true, characterData: true });
          }),
        text,
      );
      await ben.page.getByLabel("Message to the owners").fill(text);
      const clicked = Date.now();
      await ben.page.getByRole("button", { name: "Send", exact: true }).click();
      latencies.push((await shown) - clicked);
      await expect(ben.page.locator("#thread")).toContainText(text);
    }
    await expect(owner.page.locator("#thread")).toContainText("Posted through server A, number 20.");
    latencies.sort((x, y) => x - y);
    const latency = `with 200 more streams open on B, post on A -> render on B: median ${latencies[10]} ms, p99 (max of 20) ${latencies[19]} ms`;
    testInfo.annotations.push({ type: "latency", description: latency });
    console.log(latency);
    // Far inside the second the issue allows, on a busy machine too.
    expect(latencies[10]).toBeLessThan(1000);

    // Cut the servers' LISTEN connections (each asked for its own pid
    // last, after its LISTEN): they resync, and what is posted while they
    // reconnect still reaches the page.
    const cut = psql(
      serverUrl,
      `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${database}' AND (query ILIKE 'LISTEN%' OR query = 'SELECT pg_backend_pid()')`,
    );
    expect(Number(cut)).toBeGreaterThan(0);
    await ben.page.getByLabel("Message to the owners").fill("Posted while B reconnected.");
    await ben.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ben.page.getByText("Message sent.")).toBeVisible();
    await expect(owner.page.locator("#thread")).toContainText("Posted while B reconnected.", { timeout: 10_000 });

    streams.abort();
    await Promise.all(drained);
    expect(problems).toEqual([]);
    await Promise.all([owner.context.close(), ben.context.close()]);
  });
});
