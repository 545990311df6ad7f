import { spawn, type ChildProcess } from "node:child_process";

// Handoff processes a suite starts itself (beside the one the config
// starts): two servers on one database, a server killed and restarted.

export const bin = process.env.HANDOFF_BIN ?? "../target/release/handoff-app";
export const siteRoot = process.env.HANDOFF_SITE_ROOT ?? "../target/site";
export const suitePort = Number(process.env.HANDOFF_E2E_PORT ?? 3100);

/** Starts `handoff-app` on `port` with `database` (a `DATABASE_URL`) and
 * waits until it answers `/healthz`. `demo` seeds the demo workspace. */
export async function startServer(port: number, database: string, key: string, demo: boolean): Promise<ChildProcess> {
  const child = spawn(bin, [], {
    env: {
      ...process.env,
      HANDOFF_ADDR: `127.0.0.1:${port}`,
      HANDOFF_SITE_ROOT: siteRoot,
      HANDOFF_DEMO: demo ? "1" : "0",
      HANDOFF_SECRET_KEY: key,
      DATABASE_URL: database,
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error(`server on ${port} did not come up`);
}

/** Kills a server at once (no graceful shutdown) and waits for its end. */
export async function killServer(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await ended;
}
