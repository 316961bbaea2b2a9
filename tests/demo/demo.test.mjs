// The demo page end to end in headless Chromium: scripts/demo-server.mjs in front of the
// sandbox, as `bash scripts/demo.sh` runs it, and in front of a "real API" (a sandbox that
// wants a secret key) to prove the key stays on the server. Saves a screenshot to
// target/test-artifacts/demo.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSandbox, SANDBOX_BEARER } from '../support/sandbox.mjs';
import { launchChromium, newPage } from '../support/browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = `${root}target/test-artifacts`;
let browser;
const cleanups = [];

/** Starts the demo server; resolves with its URL and everything it has printed so far. */
async function startDemo(args, env = {}) {
  const child = spawn(process.execPath, [`${root}scripts/demo-server.mjs`, '--port', '0', ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  child.stderr.on('data', (d) => output.push(String(d)));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output.join('')}`)));
    lines.on('line', (line) => {
      output.push(`${line}\n`);
      const found = line.match(/demo page: (http:\/\/\S+?)\/ /);
      if (found) resolve(found[1]);
    });
  });
  child.removeAllListeners('exit');
  cleanups.push(() => child.kill());
  return { url, output };
}

async function openDemo(url) {
  browser ??= await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  cleanups.push(() => context.close());
  const page = await newPage(context);
  page.seen = [];
  page.on('request', (r) => page.seen.push(`${r.method()} ${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`));
  page.on('dialog', (d) => d.accept());
  // Reconcile waits 3 s after an unsure batch (the sandbox answers at once; the page's default is 2 minutes).
  await page.goto(url.includes('?') ? url : `${url}?settle=3000`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const text = (page, selector) => page.locator(selector).first().innerText();

/** The requests the sandbox records from now on (reset would also wipe the demo data). */
async function recorder(sandbox) {
  const from = (await sandbox.requests()).length;
  return async () => (await sandbox.requests()).slice(from);
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
});

after(async () => {
  for (const clean of cleanups.reverse()) await clean();
  await browser?.close();
});

test('demo: compose with the counter, quote, send, history, then add and delete a contact', async () => {
  const sandbox = await startSandbox();
  cleanups.push(() => sandbox.stop());
  const demo = await startDemo(['--sandbox', sandbox.url]);
  const page = await openDemo(demo.url);

  // Seeded data is there: balance, two lists, three contacts, two templates, two messages.
  assert.equal(await text(page, '#balance'), '$99.89');
  assert.equal(await page.locator('#contacts tr').count(), 3);
  assert.deepEqual(await page.locator('#template option').allInnerTexts(), ['None: write your own', 'Order shipped', 'Appointment reminder']);

  // The live counter: GSM-7 over one part, then UCS-2.
  await page.fill('#body', 'A'.repeat(161));
  assert.equal(await text(page, '#count'), '161 characters · 2 parts (GSM-7) · 145 left in this part');
  await page.fill('#body', 'Привет');
  assert.equal(await text(page, '#count'), '6 characters · 1 part (UCS-2) · 64 left in this part');

  // What makes a message UCS-2, and the plain look-alikes, with parts and prices before and after.
  await page.fill('#to', '0422 333 444');
  await page.fill('#body', `It’s “ready” – see you at 5… ${'a'.repeat(45)}`);
  assert.equal(await text(page, '#ucs2-why'), 'UCS-2 (about twice the cost per character) because of: ’ “ ” – …');
  await page.waitForFunction(() => document.getElementById('to-gsm7').textContent.includes(' · '));
  assert.equal(await text(page, '#to-gsm7'), 'Use plain look-alikes: 2 parts → 1 part · $0.1584 → $0.0792');
  await page.click('#to-gsm7');
  assert.equal(await page.inputValue('#body'), `It's "ready" - see you at 5... ${'a'.repeat(45)}`);
  assert.equal(await text(page, '#count'), '76 characters · 1 part (GSM-7) · 84 left in this part');
  assert.equal(await page.locator('#ucs2').isHidden(), true);

  // A template fills the message; a quote comes before sending.
  await page.selectOption('#template', { label: 'Order shipped' });
  const body = 'Hi! Your order has shipped and should arrive within 2 days.';
  assert.equal(await page.inputValue('#body'), body);
  await page.fill('#to', '0422 333 444'); // a local number: parsePhone makes it +61
  let since = await recorder(sandbox);
  await page.click('#quote');
  await page.waitForFunction(() => document.getElementById('quote-result').textContent.startsWith('Quote'));
  assert.equal(await text(page, '#quote-result'), 'Quote: $0.0792 for 1 message.');

  await page.click('#send');
  await page.waitForSelector('#sent:not([hidden]) tbody tr');
  assert.deepEqual(await page.locator('#sent tbody tr td').allInnerTexts(), ['+61422333444', 'SUCCESS', '1', '$0.0792']);
  const expected = { messages: [{ to: '+61422333444', body, source: 'clicksend-wasm-demo' }] };
  const sent = (await since()).filter((r) => r.method === 'POST');
  assert.deepEqual(
    sent.map((r) => [r.path, r.json]),
    [
      ['/v3/sms/price', expected],
      ['/v3/sms/send', expected],
    ],
  );
  assert.ok(
    sent.every((r) => r.headers.authorization === SANDBOX_BEARER),
    'the proxy added the key',
  );

  // History shows it first (newest first), and the balance went down by its price.
  await page.waitForFunction((b) => document.querySelector('#history tr td:nth-child(3)')?.textContent === b, body);
  assert.equal(await text(page, '#history tr td:nth-child(2)'), '+61422333444');
  await page.waitForFunction(() => document.getElementById('balance').textContent === '$99.82');

  // Contacts: add one to "Customers", edit it, copy it to "VIP", delete it.
  since = await recorder(sandbox);
  await page.fill('#first-name', 'Katherine');
  await page.fill('#last-name', 'Johnson');
  await page.fill('#phone', '+61 400 000 777');
  await page.click('#save-contact');
  const added = page.locator('#contacts tr', { hasText: 'Katherine Johnson' });
  await added.waitFor();
  assert.equal(await added.locator('td').nth(1).innerText(), '+61400000777');
  const [create] = (await since()).filter((r) => r.method === 'POST');
  assert.match(create.path, /^\/v3\/lists\/\d+\/contacts$/);
  assert.deepEqual(create.json, { first_name: 'Katherine', last_name: 'Johnson', phone_number: '+61400000777' });
  const id = create.response.body.data.contact_id;
  const listId = create.path.split('/')[3];

  await added.getByRole('button', { name: 'Edit Katherine Johnson' }).click();
  assert.equal(await text(page, '#contact-legend'), 'Edit contact');
  await page.fill('#last-name', 'Goble');
  await page.click('#save-contact');
  const edited = page.locator('#contacts tr', { hasText: 'Katherine Goble' });
  await edited.waitFor();
  const puts = (await since()).filter((r) => r.method === 'PUT');
  assert.deepEqual(
    puts.map((r) => [r.path, r.json]),
    [[`${create.path}/${id}`, { first_name: 'Katherine', last_name: 'Goble', phone_number: '+61400000777' }]],
  );

  await edited.getByRole('button', { name: 'Copy Katherine Goble' }).click();
  await page.waitForFunction(() => document.getElementById('notice').textContent === 'Contact copied.');
  const vip = (await since()).filter((r) => r.method === 'PUT').at(-1);
  assert.match(vip.path, new RegExp(`^/v3/lists/${listId}/contacts/${id}/copy/\\d+$`));
  assert.equal(vip.response.status, 200);
  await page.screenshot({ path: `${artifacts}/demo.png`, fullPage: true });

  await edited.getByRole('button', { name: 'Delete Katherine Goble' }).click();
  await edited.waitFor({ state: 'detached' });
  assert.deepEqual(
    (await since()).filter((r) => r.method === 'DELETE').map((r) => r.path),
    [`${create.path}/${id}`],
  );
  assert.equal(await page.locator('#contacts tr').count(), 3);
  assert.equal(await text(page, '#notice'), 'Katherine Goble deleted.');
  // The copy is in "VIP", whose count went up by one.
  assert.match(await page.locator('#lists option', { hasText: 'VIP' }).innerText(), /^VIP \(1\)$/);
  assert.deepEqual(page.errors, []);
});

test('demo: with MATON_API_KEY the proxy adds the key and the connection; neither reaches the page or the logs', async () => {
  const key = 'mk_live_7f3c9a1b2d4e6f80';
  const connection = '5a4d0b0c-0000-4000-8000-00000000c0de'; // one the sandbox's gateway knows (its default)
  const sandbox = await startSandbox(['--api-key', key]);
  cleanups.push(() => sandbox.stop());
  const demo = await startDemo([], { MATON_API_KEY: key, MATON_CONNECTION: connection, DEMO_UPSTREAM_URL: `${sandbox.url}/clicksend` });
  const page = await openDemo(demo.url);
  assert.equal(await text(page, '#mode'), 'talking to ClickSend via the Maton gateway');
  assert.equal(await text(page, '#balance'), '$100.00');

  await page.fill('#body', 'through the proxy');
  await page.click('#send');
  await page.waitForSelector('#sent:not([hidden]) tbody tr');
  const send = (await sandbox.requests()).find((r) => r.method === 'POST');
  assert.equal(send.path, '/clicksend/v3/sms/send');
  assert.equal(send.headers.authorization, SANDBOX_BEARER, 'the proxy sent the key the sandbox was started with');
  assert.equal(send.headers['maton-connection'], connection);
  assert.equal(send.headers.cookie, undefined);

  const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]));
  const places = { DOM: await page.content(), storage, 'requests from the page': page.seen.join('\n'), 'proxy output': demo.output.join('') };
  assert.match(places['proxy output'], /POST \/api\/v3\/sms\/send -> 200/);
  for (const [where, seen] of Object.entries(places)) {
    for (const secret of [key, connection]) assert.ok(!seen.includes(secret), `${secret} appears in the ${where}`);
  }
});

test('demo: errors in plain words: a wrong key, and a rate limit the page waits out', async () => {
  const sandbox = await startSandbox(['--api-key', 'the-right-key']);
  cleanups.push(() => sandbox.stop());
  const wrong = await startDemo([], { MATON_API_KEY: 'a-wrong-key', DEMO_UPSTREAM_URL: `${sandbox.url}/clicksend` });
  const page = await openDemo(wrong.url);
  assert.equal(await text(page, '#notice'), 'Check your API key: ClickSend did not accept the credentials.');
  assert.equal(await text(page, '#balance'), '…');

  // Three 429s: the client retries twice by itself, then the page says so and tries again.
  const right = await startDemo([], { MATON_API_KEY: 'the-right-key', DEMO_UPSTREAM_URL: `${sandbox.url}/clicksend` });
  await sandbox.reset();
  await sandbox.faults({ method: 'GET', path: '/account', status: 429, retry_after: '1', times: 3 });
  browser ??= await launchChromium();
  const limited = await newPage(browser);
  cleanups.push(() => limited.close());
  await limited.goto(right.url);
  await limited.waitForFunction(() => document.getElementById('notice').textContent === 'Rate limited by ClickSend: retrying in 1 s.');
  await limited.waitForSelector('body[data-ready="true"]');
  assert.equal(await text(limited, '#balance'), '$100.00');
  assert.equal(await limited.locator('#notice').isHidden(), true);
  const accountCalls = (await sandbox.requests()).filter((r) => r.path === '/clicksend/v3/account');
  assert.deepEqual(
    accountCalls.map((r) => r.response.status),
    [429, 429, 429, 200],
  );
});

/** A campaign's CSV: `rows` lines after the header, with some bad numbers and some repeated. */
function campaignCsv(rows, bad, duplicates) {
  const lines = ['phone,first_name'];
  const unique = rows - bad.length - duplicates;
  for (let i = 0; i < unique; i++) lines.push(`04${String(10_000_000 + i).slice(-8)},Person ${i}`);
  for (let i = 0; i < duplicates; i++) lines.push(`+614${String(10_000_000 + i).slice(-8)},Again ${i}`);
  for (const number of bad) lines.push(`${number},Nobody`);
  return lines.join('\n');
}

/**
 * Gives the page a CSV as a user picks a file. Typed or pasted into the textarea instead,
 * thousands of lines take headless Chromium's editing 7 s (2,000) to 30 s (3,500) here, more
 * on a busy machine; the file takes the same path into the page's CSV box in milliseconds.
 */
async function uploadCsv(page, csv) {
  await page.setInputFiles('#csv-file', { name: 'campaign.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction((length) => document.getElementById('csv').value.length === length, csv.length);
}

/** The demo in front of its own sandbox, with credit for large campaigns; `since()` gives the
 *  requests the sandbox receives from here on. */
async function campaignDemo() {
  const sandbox = await startSandbox();
  cleanups.push(() => sandbox.stop());
  await sandbox.balance(1_000_000);
  const demo = await startDemo(['--sandbox', sandbox.url]);
  const page = await openDemo(demo.url);
  return { sandbox, page, since: await recorder(sandbox) };
}

test('demo: a campaign of 2,000 rows: bad rows and duplicates caught, a cut batch reconciled, every recipient once, all delivered', async () => {
  const { sandbox, page, since } = await campaignDemo();

  await uploadCsv(page, campaignCsv(2000, ['call me', '12', '+999 1234 5678'], 5));
  await page.click('#campaign-check');
  await page.waitForFunction(() => document.getElementById('campaign-summary').textContent !== '');
  assert.equal(await text(page, '#campaign-summary'), '1,992 recipients · 3 bad rows · 5 duplicates dropped');
  const bad = await page.locator('#campaign-bad li').allInnerTexts();
  assert.deepEqual(
    bad.map((b) => b.split(':')[0]),
    ['Line 1999', 'Line 2000', 'Line 2001'],
  );
  assert.match(await text(page, '#campaign-preview'), /^\+61410000000: Hi Person 0, our sale starts today! \(1 part\)/);

  // The sandbox carries out the first batch, then cuts its answer: the page cannot tell.
  await sandbox.faults({ method: 'POST', path: '/sms/send', drop: 'after' });
  await page.click('#campaign-send');
  await page.waitForSelector('body[data-campaign="sent"]', { timeout: 120_000 });
  assert.equal(await page.locator('#campaign-progress').evaluate((p) => p.value), 1);
  const unsure = await page.locator('#campaign-unsure tbody tr').count();
  assert.ok(unsure === 1000 || unsure === 992 || unsure === 200, `unsure rows: ${unsure}`);

  await page.click('#campaign-reconcile');
  await page.waitForSelector('body[data-campaign="reconciled"]', { timeout: 120_000 });
  const states = new Set(await page.locator('#campaign-unsure tbody tr td:nth-child(3)').allInnerTexts());
  assert.deepEqual([...states], ['sent'], 'the cut batch had gone out: nothing to resend');
  assert.equal(await page.locator('#campaign-resend').isDisabled(), true);

  // Every delivery receipt comes back through the demo server's webhook, into the chart.
  await page.waitForFunction(() => document.getElementById('campaign-delivered')?.textContent === 'delivered 1,992', undefined, { timeout: 120_000 });
  assert.equal(await text(page, '#campaign-failed'), 'failed 0');
  assert.equal(await page.locator('#campaign-chart polyline').count(), 5);

  const sent = (await since()).filter((r) => r.method === 'POST' && r.path === '/v3/sms/send').flatMap((r) => r.json.messages.map((m) => m.to));
  assert.equal(sent.length, 1992, 'each valid recipient sent to once');
  assert.equal(new Set(sent).size, 1992);

  await page.screenshot({ path: `${artifacts}/campaign.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing wider than a phone');
  await page.screenshot({ path: `${artifacts}/campaign-phone.png`, fullPage: true });
});

test('demo: messages ClickSend refuses inside its 200 are counted, charted and listed as refused, with its reason, never as sent', async () => {
  const { sandbox, page } = await campaignDemo();
  await sandbox.settings({ countries_enabled: ['AU'] });
  const nz = ['+64 21 123 4501', '+64 21 123 4502', '+64 21 123 4503'];
  await page.fill('#csv', [campaignCsv(10, [], 0), ...nz.map((n) => `${n},Kiwi`)].join('\n'));
  await page.click('#campaign-check');
  await page.waitForFunction(() => document.getElementById('campaign-summary').textContent !== '');
  await page.click('#campaign-send');
  await page.waitForSelector('body[data-campaign="sent"]', { timeout: 120_000 });
  assert.match(await text(page, '#campaign-status'), /^13 of 13 \(10 sent, 3 refused, 0 failed or unsure\)/);
  assert.deepEqual(await page.locator('#campaign-batches li').allInnerTexts(), ['Batch 1: 10 sent, 3 refused']);
  assert.equal(await text(page, '#campaign-refused-count'), '3 refused by ClickSend');
  const refused = await page.locator('#campaign-refused-list tbody tr').evaluateAll((rows) => rows.map((r) => [r.cells[0].textContent, r.cells[2].textContent]));
  assert.deepEqual(
    refused,
    nz.map((n) => [n.replaceAll(' ', ''), 'COUNTRY_NOT_ENABLED']),
  );
  await page.waitForFunction(() => document.getElementById('campaign-delivered')?.textContent === 'delivered 10', undefined, { timeout: 120_000 });
  assert.deepEqual(await Promise.all(['sent', 'refused', 'failed'].map((s) => text(page, `#campaign-${s}`))), ['sent 0', 'refused 3', 'failed 0']);
});

test('demo: Cancel stops a campaign: batches not yet started are never sent', async () => {
  const { sandbox, page, since } = await campaignDemo();
  await uploadCsv(page, campaignCsv(3500, [], 0));
  // The first two batches (two in flight at a time) are slow to answer: Cancel comes first.
  await sandbox.faults({ method: 'POST', path: '/sms/send', delay_ms: 1500, times: 2 });
  await page.click('#campaign-send');
  await page.waitForFunction(() => !document.getElementById('campaign-cancel').disabled);
  await page.click('#campaign-cancel');
  await page.waitForSelector('body[data-campaign="sent"]', { timeout: 120_000 });
  const sends = (await since()).filter((r) => r.method === 'POST' && r.path === '/v3/sms/send');
  assert.ok(sends.length <= 2, `${sends.length} batches reached the sandbox; the two in flight at most`);
  const batches = await page.locator('#campaign-batches li').allInnerTexts();
  assert.equal(batches.length, 4, 'every batch has an outcome');
  assert.ok(
    batches.slice(2).every((b) => b.endsWith('not sent or unsure')),
    batches.join(' | '),
  );
});

test('demo: a campaign to a contact list takes its contacts as rows', async () => {
  const { page } = await campaignDemo();
  // The seeded "Customers" list: Ada (AU), Alan (GB), Grace (US), in international format.
  await page.selectOption('#campaign-list', { label: 'Customers' });
  await page.click('#campaign-check');
  await page.waitForFunction(() => document.getElementById('campaign-summary').textContent !== '');
  assert.equal(await text(page, '#campaign-summary'), '3 recipients · 0 bad rows · 0 duplicates dropped');
  assert.match(await text(page, '#campaign-preview'), /^\+61411111111: Hi Ada, our sale starts today!/);
  // Placeholders are the rows' own columns: names every object inherits are not filled in.
  await page.fill('#campaign-body', 'Hi {first_name}{constructor}{toString}{__proto__}!');
  await page.dispatchEvent('#campaign-body', 'input');
  assert.match(await text(page, '#campaign-preview'), /^\+61411111111: Hi Ada!/);
});
