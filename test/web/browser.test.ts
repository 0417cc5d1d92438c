/**
 * A real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the
 * review page on loopback: log in with a token, find the drifted device, read its diff, approve
 * it. Screenshots of the overview, review and device pages go to test/web/screenshots/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet, type Fleet } from '../http/fleet.js';

const CHROMIUM = process.env.DRIFTWATCH_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)`;

let f: Fleet;
let profile: string;
before(async () => {
  if (skip) return;
  f = await startFleet();
  profile = mkdtempSync(join(tmpdir(), 'driftwatch-chromium-'));
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await f?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('log in, find the drifted device, read the diff, approve it (real Chromium)', { skip, timeout: 180_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(f.server.url + '/');
    assert.match(page.url(), /\/login\?next=%2F$/);
    await page.fill('input[name=token]', f.tokens.approver);
    await page.click('button[type=submit]');
    await page.waitForURL(f.server.url + '/');
    assert.equal(await page.locator('.tile-drifted b').innerText(), '1');
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });

    // The first row is the drifted device (worst first); follow its open-drift link to the review item.
    const firstRow = page.locator('table.devices tbody tr').first();
    assert.equal(await firstRow.locator('.badge').innerText(), 'drifted');
    assert.equal(await firstRow.locator('td').first().innerText(), 'r1');
    await firstRow.locator('a.sev').click();
    await page.waitForURL(/\/review\?device=r1#drift-\d+$/);
    const item = page.locator('section.drift').first();
    assert.match(await item.locator('h2').innerText(), /r1\s+critical/);
    const added = await item.locator('table.diff td.add').allInnerTexts();
    assert.ok(added.some((t) => t.includes('transport input ssh telnet')), added.join('|'));
    assert.match(await item.locator('dl.meta').innerText(), /mallory/);
    await page.screenshot({ path: join(SHOTS, 'review.png'), fullPage: true });

    await item.locator('input[name=message]').fill('CHG-1234 telnet during migration');
    await item.locator('button.primary').click();
    await page.waitForURL(/\/review\?approved=r1$/);
    assert.match(await page.locator('.notice').innerText(), /Approved r1/);
    assert.match(await page.locator('main').innerText(), /Nothing to review/);
    assert.equal(f.git('rev-parse', 'refs/baselines/r1'), f.git('log', '-1', '--format=%H', '--', 'core/r1.cfg'));

    await page.click('a[href="/"]:has-text("Overview")');
    await page.click('table.devices a[href="/devices/r1"]');
    await page.waitForURL(/\/devices\/r1$/);
    assert.match(await page.locator('h1').innerText(), /r1\s+ok/);
    assert.match(await page.locator('ol.history').innerText(), /baseline/);
    await page.screenshot({ path: join(SHOTS, 'device.png'), fullPage: false });
    assert.deepEqual(consoleErrors, [], 'no CSP violations or script errors');
  } finally {
    await context.close();
  }
});
