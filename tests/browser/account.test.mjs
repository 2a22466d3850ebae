// A reader signs up in the browser, meets the paywall, becomes premium
// (an operator runs `rustprep users grant`), reads every section, logs out
// and is anonymous again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, shots } from './harness.mjs';

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('sign up, hit the paywall, become premium, log out', async () => {
  const page = await browser.newPage();
  await page.goto(server.base + '/');
  await page.getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Email').fill('browser@example.com');
  await page.getByLabel('Password').fill('a-long-browser-passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  assert.equal(new URL(page.url()).pathname, '/account');
  assert.match(await page.locator('.notice').innerText(), /Welcome/);

  await page.goto(server.base + '/questions/backpressure');
  await page.locator('section.locked').waitFor();
  assert.equal(await page.locator('#detailed_explanation').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'See the plan' }).count(), 1);

  assert.match(server.users('grant', 'browser@example.com', '--days', '30'), /premium until/);
  await page.reload();
  for (const id of ['detailed_explanation', 'code_example', 'real_world_example', 'common_mistakes', 'follow_up_questions', 'strong_answer']) {
    assert.equal(await page.locator(`#${id}`).count(), 1, `premium reader sees ${id}`);
  }
  await page.screenshot({ path: join(shots, 'premium-question.png') });

  await page.goto(server.base + '/account');
  assert.match(await page.locator('.facts').innerText(), /Premium, until/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto(server.base + '/questions/backpressure');
  assert.equal(await page.locator('#detailed_explanation').count(), 0, 'anonymous again');
  assert.equal(await page.getByRole('link', { name: 'Log in' }).count(), 2, 'nav and paywall offer to log in');
  await page.close();
});
