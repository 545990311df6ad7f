import { test, expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, jsEnabled, open, signInAs, watchConsole } from "./support";

/** A name no other test (or the other JavaScript project) uses. */
function uniqueName(testInfo: TestInfo, first: string): string {
  return `${first} ${testInfo.project.name === "js-on" ? "Onley" : "Offley"}${Date.now() % 100000}`;
}

async function asProvider(browser: Browser, testInfo: TestInfo, email: string) {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
  const page = await context.newPage();
  await signInAs(page, testInfo, email);
  return { context, page };
}

/** Creates a client through the form and returns their page's path and alias. */
async function createClient(page: Page, testInfo: TestInfo, name: string, phone: string) {
  await open(page, testInfo, "/clients/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Phone").fill("12");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("Enter a phone number of 7 to 15 digits")).toBeVisible();
  if (jsEnabled(testInfo)) {
    // Nothing typed is lost on a validation error.
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByLabel("Phone")).toHaveValue("12");
  } else {
    await page.getByLabel("Name").fill(name);
  }
  await page.getByLabel("Phone").fill(phone);
  await page.getByLabel("Email").fill(`${name.split(" ")[0].toLowerCase()}@clients.example`);
  await page.getByLabel("Postal address").fill("9 Quiet Lane, Springfield");
  await page.getByLabel("Date of birth").fill("1990-05-17");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("Client created")).toBeVisible();
  const alias = (await page.locator(".page-head .alias").textContent())!.trim();
  expect(alias).toMatch(/^Client [34679AFHJKMNQRWXY]{3}-[34679AFHJKMNQRWXY]{2}$/);
  return { path: new URL(page.url()).pathname, alias };
}

async function addField(page: Page, label: string, value: string, kind: string) {
  await page.locator("#custom-new-label").fill(label);
  await page.locator("#custom-new-value").fill(value);
  await page.locator("#custom-new-kind").selectOption(kind);
  await page.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByText("Field saved")).toBeVisible();
}

test.describe("clients, disclosure and the audit log", () => {
  test("an owner keeps client records, finds them by name or alias", async ({ page }, testInfo) => {
    const problems = watchConsole(page);
    await signInAs(page, testInfo, "owner@demo.test");
    const name = uniqueName(testInfo, "Rosa");
    const { alias } = await createClient(page, testInfo, name, "+1 415 555 0199");
    await addField(page, "Diagnosis", "Insomnia", "health");
    await expect(page.locator("#custom-new-label")).toHaveValue("");
    await expect(page.getByLabel("Remove the field Diagnosis")).toBeVisible();

    await open(page, testInfo, "/clients");
    await page.getByLabel("Search by name, e-mail or alias").fill(name.split(" ")[1]);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(alias);
    await page.getByLabel("Search by name, e-mail or alias").fill(alias.replace("Client ", ""));
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(2);
    expect(problems).toEqual([]);
  });

  test("a provider sees the alias and the disclosed fields, never the client's contact details", async ({ page, browser }, testInfo) => {
    const problems = watchConsole(page);
    await signInAs(page, testInfo, "owner@demo.test");
    const name = uniqueName(testInfo, "Tomas");
    const phone = "+1 415 555 0123";
    const { alias } = await createClient(page, testInfo, name, phone);
    await addField(page, "Diagnosis", "Seasonal allergies", "health");
    await addField(page, "Emergency contact", "Ines, +1 415 555 0456", "contact");

    await page.getByRole("link", { name: "New task for this client" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New task");
    await page.getByLabel("Title").fill(`Intake for ${alias}`);
    await page.getByLabel("Instructions").fill(`Call ${name} on ${phone} or write to tomas@elsewhere.example. The spare key is with a neighbour at 14 Rosewood Close, Flat 4, Leeds LS6 2QT.\n\n**Outcome:** intake booked.`);
    if (jsEnabled(testInfo)) {
      // The editor shows, as you type, what the provider will read.
      const preview = page.locator(".preview");
      await expect(preview).toContainText("[email hidden]");
      await expect(preview.locator(".preview-texts")).not.toContainText("tomas@elsewhere.example");
      // An address written in the text is a contact detail too (R1).
      await expect(preview).toContainText("[address hidden]");
      for (const part of ["Rosewood", "Flat 4", "LS6 2QT"]) await expect(preview.locator(".preview-texts")).not.toContainText(part);
      // Before saving, the preview already knows the chosen client's values
      // and previews the title too: exactly what the provider will get.
      await expect(preview).toContainText("[client detail hidden]");
      await expect(preview.locator(".preview-texts")).not.toContainText(name);
      // And it says what will be hidden, by name.
      await expect(preview).toContainText(`Hidden from the provider: “${name}”`);
      await expect(preview.getByText("Title", { exact: true })).toBeVisible();
      // A number half spelled out is not masked but shown to the owner, and
      // goes away with the words.
      const instructions = page.getByLabel("Instructions");
      const written = await instructions.inputValue();
      await instructions.fill(`${written}\nIf the line is busy the code is nine four one two.`);
      const disguise = preview.locator(".disguise-note");
      await expect(disguise).toContainText("written in disguise");
      await expect(disguise.locator("mark.flag")).toHaveText("nine four one two");
      await instructions.fill(written);
      await expect(disguise).toHaveCount(0);
      // "Call … on [phone hidden]" cannot be done by a provider: the preview
      // says so and offers the relay and the portal instead.
      const unreachable = preview.locator(".unreachable-note");
      await expect(unreachable).toContainText("The provider cannot do this as written");
      await expect(unreachable).toContainText("through the relay");
      await expect(unreachable.locator("q").first()).toContainText("[phone hidden]");
    }
    await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Ava Lindqvist" });
    await page.getByLabel("Expected outcome").fill("intake booked");
    await page.getByLabel("Paid as").selectOption("retainer");
    await page.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByText("Task created")).toBeVisible();
    const taskPath = new URL(page.url()).pathname;
    // Every saved client detail shows in the owner's preview as hidden.
    await expect(page.locator(".preview")).toContainText("[client detail hidden]");

    // Contact fields are not even offered.
    const picker = page.getByRole("group", { name: "Disclose for this task" });
    await expect(picker.getByLabel(/Diagnosis/)).toBeVisible();
    await expect(picker.getByLabel(/Name/)).toBeVisible();
    await expect(picker.getByLabel(/Email|Phone|Postal address|Emergency contact/)).toHaveCount(0);
    // Health data needs an explicit confirmation.
    await picker.getByLabel(/Diagnosis/).check();
    await page.getByRole("button", { name: "Save disclosures" }).click();
    await expect(page.getByText("Diagnosis holds health or payment information.")).toBeVisible();
    await page.getByRole("group", { name: "Disclose for this task" }).getByLabel(/Diagnosis/).check();
    await page.getByLabel(/I confirm the provider needs/).check();
    await page.getByRole("button", { name: "Save disclosures" }).click();
    await expect(page.getByText("Disclosures saved")).toBeVisible();
    await expect(page.getByRole("group", { name: "Disclose for this task" }).getByLabel(/Diagnosis/)).toBeChecked();

    const ava = await asProvider(browser, testInfo, "ava@demo.test");
    await open(ava.page, testInfo, "/tasks");
    await expect(ava.page.getByRole("heading", { level: 1 })).toHaveText("My tasks");
    await ava.page.getByRole("link", { name: `Intake for ${alias}` }).click();
    await expect(ava.page.getByRole("heading", { level: 1 })).toHaveText(`Intake for ${alias}`);
    const client = ava.page.getByRole("region", { name: "Client", exact: true });
    await expect(client).toContainText(alias);
    await expect(client).toContainText("Seasonal allergies");
    const html = await ava.page.content();
    for (const secret of [name, phone, "0456", "tomas@elsewhere.example", "Quiet Lane", "clients.example", "Rosewood", "LS6 2QT"]) {
      expect(html).not.toContain(secret);
    }
    await expect(ava.page.getByRole("region", { name: "Instructions" })).toContainText("[client detail hidden]");
    await expect(ava.page.getByRole("region", { name: "Instructions" })).toContainText("[address hidden]");
    await expect(ava.page.locator(".prose strong")).toHaveText("Outcome:");
    // Client records stay with owners.
    await open(ava.page, testInfo, "/clients");
    await expect(ava.page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");
    await ava.context.close();

    // The look is in the audit log, and in its CSV export.
    await open(page, testInfo, "/audit");
    await page.getByLabel("Action").selectOption({ label: "Disclosed data shown to provider" });
    await page.getByLabel("Client").selectOption({ label: alias });
    await page.getByRole("button", { name: "Filter" }).click();
    const row = page.getByRole("row", { name: /Ava Lindqvist/ }).first();
    await expect(row).toContainText("Diagnosis");
    await expect(row).toContainText(alias);
    // The export records an event, so it is a POST (from Handoff's own page).
    expect((await page.request.get(`/audit/export.csv?action=disclosure_added`)).status()).toBe(405);
    const csv = await page.request.post(`/audit/export.csv`, {
      form: { action: "disclosure_added" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("Diagnosis (Health), confirmed by the owner");
    // The export is the owners': the client's name stands beside the alias
    // (never a field's value).
    expect(text).toContain(`${alias},${name}`);
    expect(text).not.toContain("Seasonal allergies");

    // Cancelling the task ends its disclosures.
    await open(page, testInfo, taskPath);
    await page.getByText("Cancel task…", { exact: true }).click();
    await page.getByRole("button", { name: "Yes, cancel this task" }).click();
    await expect(page.getByText("Task cancelled")).toBeVisible();
    const again = await asProvider(browser, testInfo, "ava@demo.test");
    await open(again.page, testInfo, taskPath);
    await expect(again.page.getByRole("heading", { level: 1 })).toHaveText(`Intake for ${alias}`);
    await expect(again.page.getByText("No details of this client were shared for this task.")).toBeVisible();
    expect(await again.page.content()).not.toContain("Seasonal allergies");
    await again.context.close();
    expect(problems).toEqual([]);
  });

  test("an owner erases a client; the alias stays", async ({ page }, testInfo) => {
    await signInAs(page, testInfo, "owner@demo.test");
    const name = uniqueName(testInfo, "Esme");
    const { path, alias } = await createClient(page, testInfo, name, "+1 415 555 0777");
    await page.getByText("Erase client…", { exact: true }).click();
    // The question opens where the button was, in view.
    await expect(page.getByRole("heading", { name: `Erase this client's personal data? They stay as ${alias}.` })).toBeInViewport();
    await expect(page.getByRole("button", { name: "Yes, erase their personal data" })).toBeInViewport();
    if (jsEnabled(testInfo)) await expectAccessible(page);
    await page.getByRole("button", { name: "Yes, erase their personal data" }).click();
    await expect(page.getByText("The client was erased")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Erased client");
    await expect(page.locator(".page-head .alias")).toHaveText(alias);
    expect(await page.content()).not.toContain(name);
    await open(page, testInfo, "/audit?action=client_erased");
    await expect(page.getByRole("row", { name: new RegExp(alias) })).toContainText("Client erased");
    expect(path).toMatch(/^\/clients\/\d+$/);
  });

  test("the demo provider's tasks show aliases and disclosed fields only", async ({ page }, testInfo) => {
    const problems = watchConsole(page);
    await signInAs(page, testInfo, "ben@demo.test");
    await open(page, testInfo, "/tasks");
    // The owner's board names the client; a provider's list never does.
    const list = await page.content();
    for (const secret of ["James", "O'Connor", "O&#x27;Connor", "O&#39;Connor"]) {
      expect(list).not.toContain(secret);
    }
    await page.getByRole("link", { name: "Reconcile October invoices" }).click();
    const client = page.getByRole("region", { name: "Client", exact: true });
    await expect(client).toContainText(/Client [34679AFHJKMNQRWXY]{3}-/);
    await expect(client).toContainText("BPT-0931");
    const html = await page.content();
    for (const secret of ["James", "O'Connor", "jim.oconnor@example.net", "617", "Harbor View"]) {
      expect(html).not.toContain(secret);
    }
    await expect(page.getByRole("region", { name: "Instructions" })).toContainText("hidden]");
    expect(problems).toEqual([]);
  });
});
