// The interviewer kit in the browser (issue 14): a subscriber builds a set of
// six questions from search and the browse filters, reorders it with the
// buttons (no JavaScript needed), picks a follow-up, opens the sheet and
// saves its print view (target/browser/kit-sheet-print.png), runs an
// interview scoring every question, and downloads the summary; a free reader
// opening the co-interviewer link sees no premium section. axe checks each
// kit page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startServer, launchBrowser, premiumContext, shots } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Fails on any axe violation on the page as it is now. */
async function assertAxeClean(page, where) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations));
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}`));
  assert.deepEqual(lines, [], `axe on ${where}`);
}

/** Searches or filters with the set page's picker. */
async function pick(page, { q = '', level = '', topic = '' }) {
  const form = page.locator('form.kit-find');
  await form.getByLabel('Search').fill(q);
  await form.getByLabel('Level').selectOption(level);
  await form.getByLabel('Topic').selectOption(topic);
  await form.getByRole('button', { name: 'Find questions' }).click();
  await page.waitForURL(/\/kit\/[0-9a-f]+\?/);
}

async function titles(page) {
  return page.locator('.kit-item h3 a').allTextContents();
}

test('a subscriber builds, prints, runs and shares a set; a free reader sees no premium text', async () => {
  const premium = await premiumContext(browser, server, 'interviewer@example.com', { acceptDownloads: true });
  const page = await premium.newPage();
  await page.goto(server.base + '/kit');
  await assertAxeClean(page, '/kit');
  await page.getByLabel('Name of the new set').fill('Backend, mid-level');
  await page.getByRole('button', { name: 'Create the set' }).click();
  await page.waitForURL(/\/kit\/[0-9a-f]+$/);
  const set = new URL(page.url()).pathname;

  // Two from search, four from the filters; none a free sample, so the
  // shared sheet below has no premium section open to everyone.
  for (const q of ['backpressure', 'arc internals']) {
    await pick(page, { q });
    await page.locator('.kit-results button').first().click();
    await page.waitForURL((url) => url.pathname === set && url.searchParams.get('q') === q);
    assert.ok(await page.locator('.kit-results .hint', { hasText: 'In the set' }).count() >= 1, 'back at the results, the added one marked');
  }
  await pick(page, { level: 'beginner', topic: 'memory-management' });
  await assertAxeClean(page, 'the set page with results');
  await page.getByRole('button', { name: /^Add all 4 matching questions$/ }).click();
  await page.waitForURL((url) => url.pathname === set && url.search === '');
  const built = await titles(page);
  assert.equal(built.length, 6, `six questions: ${built}`);
  assert.match(await page.locator('.kit-total').textContent(), /60 minutes/);

  // Reorder: the first goes down one, the last up one.
  await page.getByRole('button', { name: `Move ${built[0]} down` }).click();
  await page.getByRole('button', { name: `Move ${built[5]} up` }).click();
  const reordered = await titles(page);
  assert.deepEqual(reordered, [built[1], built[0], built[2], built[3], built[5], built[4]]);

  // A follow-up, a note and 15 minutes on the first question.
  const first = page.locator('.kit-item').first();
  await first.locator('input[name=follow_up]').first().check();
  await first.getByLabel('Minutes').fill('15');
  await first.getByLabel('Private note').fill('Ask for a real example');
  await first.getByRole('button', { name: /^Save/ }).click();
  await page.waitForURL((url) => url.pathname === set);
  assert.match(await page.locator('.kit-total').textContent(), /65 minutes/);
  await assertAxeClean(page, 'the set page');
  await page.screenshot({ path: join(shots, 'kit-set.png'), fullPage: true });

  // The sheet, on screen and as printed.
  await page.goto(server.base + set + '/sheet');
  assert.equal(await page.locator('.sheet-question').count(), 6);
  assert.ok(await page.locator('.sheet-question h3', { hasText: 'What a strong answer covers' }).count() === 6);
  assert.ok(await page.locator('.sheet-follow-up').count() >= 1, 'the chosen follow-up is on the sheet');
  await assertAxeClean(page, 'the sheet');
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  assert.equal(await page.locator('header.site').isVisible(), false, 'no navigation in print');
  const breaks = await page.locator('.sheet-question').evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
  assert.ok(breaks.every((b) => b === 'page'), `a page break before each question: ${breaks}`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(0, 0, 0)', 'black text');
  await page.screenshot({ path: join(shots, 'kit-sheet-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // An interview, every question scored.
  await page.goto(server.base + set + '/interviews');
  await assertAxeClean(page, 'the interviews page');
  await page.getByRole('button', { name: 'Start an interview' }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f]+$/);
  const interview = new URL(page.url()).pathname;
  const marks = ['strong', 'solid', 'weak', 'solid', 'strong', 'skipped'];
  for (const [n, mark] of marks.entries()) {
    const form = page.locator('form.kit-mark').nth(n);
    await form.getByLabel(mark, { exact: true }).check();
    await form.getByLabel('Note').fill(`answer ${n + 1}`);
    await form.getByRole('button', { name: 'Save the mark' }).click();
    await page.waitForURL((url) => url.pathname === interview);
  }
  await assertAxeClean(page, 'a running interview');
  await page.getByRole('button', { name: 'End the interview' }).click();
  await page.waitForURL((url) => url.pathname === interview);
  assert.match(await page.locator('dl.facts').textContent(), /6 of 10 points/);
  await assertAxeClean(page, 'the summary');
  await page.screenshot({ path: join(shots, 'kit-interview-summary.png'), fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the summary (Markdown)' }).click(),
  ]);
  const saved = join(shots, 'kit-summary.md');
  await download.saveAs(saved);
  const summary = readFileSync(saved, 'utf8');
  assert.match(summary, /Score: 6 of 10 points/);
  assert.equal((summary.match(/^\d+\. .*: (weak|solid|strong|skipped)/gm) ?? []).length, 6, summary);

  // Share with a co-interviewer who has no subscription.
  await page.goto(server.base + set);
  await page.getByRole('button', { name: 'Make a co-interviewer link' }).click();
  const link = await page.getByLabel('Link').inputValue();
  const free = await browser.newContext();
  const other = await free.newPage();
  await other.goto(link);
  assert.equal(await other.locator('.sheet-question').count(), 6, 'the questions are shared');
  assert.equal(await other.locator('.sheet-question h3', { hasText: 'What a strong answer covers' }).count(), 0);
  assert.equal(await other.locator('.sheet-follow-up').count(), 0);
  assert.equal(await other.getByText('Ask for a real example').count(), 0, 'the note stays private');
  await assertAxeClean(other, 'the shared sheet');
  await free.close();
  await premium.close();
});
