import { expect } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

/** The Maildir where the suite's SMTP server (aiosmtpd, started by the
 * Playwright config) keeps each message it received from Handoff. */
export const mailDir = process.env.HANDOFF_E2E_MAIL ?? "";

/** A message's text as a reader sees it: quoted-printable undone. */
function readable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** The messages written so far to `address`, oldest first. */
export function mailTo(address: string): string[] {
  const inbox = path.join(mailDir, "new");
  if (!mailDir || !fs.existsSync(inbox)) return [];
  return fs
    .readdirSync(inbox)
    .map((f) => path.join(inbox, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs)
    .map((f) => readable(fs.readFileSync(f, "utf8")))
    .filter((m) => new RegExp(`^To: .*${address.replace(/[.+]/g, "\\$&")}`, "mi").test(m));
}

/** Waits for the `nth` (1-based) message to `address` that links to
 * `route` (e.g. `/invite/`) and returns that link, as a path. */
export async function linkInMail(address: string, route: string, nth = 1): Promise<string> {
  const link = new RegExp(`https?://[^/\\s]+(${route}[0-9a-f]{64})`);
  let found = "";
  await expect
    .poll(
      () => {
        const mail = mailTo(address).filter((m) => link.test(m))[nth - 1] ?? "";
        const match = mail.match(link);
        found = match ? match[1] : "";
        return found;
      },
      { message: `a message to ${address} with a link to ${route}` },
    )
    .not.toBe("");
  return found;
}
