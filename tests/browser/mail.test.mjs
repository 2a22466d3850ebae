// With mail configured, in the browser: sign up, open the activation link
// from the letter the SMTP sink received, log in, forget the password, reset
// it from the emailed link, and the old session is gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, shots } from './harness.mjs';
import { startSink, linkIn } from './smtp-sink.mjs';

let sink, server, browser;

before(async () => {
  sink = await startSink();
  server = await startServer({ args: ['--smtp-url', sink.url, '--mail-from', 'rustprep <noreply@rustprep.test>'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
  sink?.stop();
});

const address = 'mail-browser@example.com';

test('sign up, activate by email, log in, reset the password by email', async () => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(server.base + '/signup');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('a-long-browser-passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await page.screenshot({ path: join(shots, 'mail-check-inbox.png') });

  await page.goto(server.base + linkIn(await sink.nextTo(address), '/account/activate'));
  await page.getByRole('button', { name: 'Activate my account' }).click();
  await page.getByRole('heading', { name: 'Your account is active' }).waitFor();
  await page.getByRole('link', { name: 'Log in' }).last().click();
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('a-long-browser-passphrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  assert.equal(new URL(page.url()).pathname, '/account');

  // Elsewhere (another browser profile), the password is forgotten.
  const second = await browser.newContext();
  const other = await second.newPage();
  await other.goto(server.base + '/login');
  await other.getByRole('link', { name: 'Forgot your password?' }).click();
  await other.getByLabel('Email').fill(address);
  await other.getByRole('button', { name: 'Send me a link' }).click();
  await other.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await other.goto(server.base + linkIn(await sink.nextTo(address), '/password/reset'));
  await other.getByLabel('New password').fill('another-long-passphrase');
  await other.getByRole('button', { name: 'Set new password' }).click();
  await other.getByRole('heading', { name: 'Password changed' }).waitFor();
  await other.screenshot({ path: join(shots, 'mail-password-changed.png') });

  await page.goto(server.base + '/account');
  assert.equal(new URL(page.url()).pathname, '/login', 'the old session is gone');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('another-long-passphrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  assert.equal(new URL(page.url()).pathname, '/account');
  await first.close();
  await second.close();
});
