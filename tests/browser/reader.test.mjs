// A reader's first visit, in headless Chromium: land on the home page, browse
// to a question, read its short answer, meet the paywall; keyboard and dark
// theme included. Starts the real server itself (RUSTPREP_BIN or
// target/debug/rustprep) on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, shots } from './harness.mjs';

let server, browser, base;

before(async () => {
  server = await startServer();
  base = server.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('a reader browses from the home page to a question and meets the paywall', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on('response', (response) => { if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`); });

  await page.goto(base + '/');
  assert.match(await page.locator('h1').innerText(), /Rust interview questions/i);
  await page.screenshot({ path: join(shots, 'landing-phone.png'), fullPage: false });

  await page.getByRole('link', { name: /^Beginner/ }).first().click();
  assert.equal(new URL(page.url()).pathname, '/levels/beginner');
  assert.match(await page.locator('h1').innerText(), /Beginner Rust interview questions/);

  const firstCard = page.locator('.card-title').first();
  const title = await firstCard.innerText();
  await firstCard.click();
  assert.match(new URL(page.url()).pathname, /^\/questions\/[a-z0-9-]+$/);
  assert.equal(await page.locator('h1').innerText(), title);
  assert.match(await page.locator('.verified').innerText(), /Reviewed on .+, verified on Rust \d+\.\d+ \(edition 20\d\d\)/);
  assert.ok((await page.locator('#short-answer + p').innerText()).length > 40, 'the short answer is readable');

  const locked = page.locator('section.locked');
  await locked.waitFor();
  const panel = await locked.innerText();
  for (const section of ['Detailed explanation', 'Code example', 'Real-world example', 'Common mistakes', 'Follow-up questions']) {
    assert.ok(panel.includes(section), `the paywall names ${section}`);
  }
  assert.equal(await page.locator('#detailed_explanation').count(), 0, 'no premium section in the page');
  await page.screenshot({ path: join(shots, 'question-phone.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page works by keyboard and follows the dark theme', async () => {
  const page = await browser.newPage({ colorScheme: 'dark' });
  await page.goto(base + '/questions/ownership');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(22, 23, 26)', 'dark background');
  await page.screenshot({ path: join(shots, 'question-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(253, 253, 252)');
  await page.close();
});

test('a free sample question shows every section to everyone', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/questions?free=true');
  const count = await page.locator('.card-title').count();
  assert.ok(count >= 5, `at least five free samples, found ${count}`);
  await page.locator('.card-title').first().click();
  for (const id of ['detailed_explanation', 'code_example', 'real_world_example', 'common_mistakes', 'follow_up_questions', 'strong_answer']) {
    assert.equal(await page.locator(`#${id}`).count(), 1, `free sample shows ${id}`);
  }
  assert.ok(await page.locator('figure.code pre').count() >= 1, 'highlighted code is shown');
  await page.close();
});
