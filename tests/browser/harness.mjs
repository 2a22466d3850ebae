// Shared by the browser tests: start the real server (RUSTPREP_BIN or
// target/debug/rustprep) on a free port with its own data directory, and
// headless Debian Chromium.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = process.env.RUSTPREP_BIN ?? join(root, 'target', 'debug', 'rustprep');
export const shots = join(root, 'target', 'browser');

// `args` are added to `serve` (for instance the mail settings).
export async function startServer({ args = [] } = {}) {
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'rustprep-browser-'));
  const env = { ...process.env, RUST_LOG: 'warn' };
  delete env.DATABASE_URL;
  delete env.SMTP_URL; // mail only where a test passes --smtp-url
  delete env.MAIL_FROM;
  const child = spawn(binary, ['serve', '--addr', '127.0.0.1:0', '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const base = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(line.replace('listening on ', '').trim()));
  });
  // `grant` and `revoke` run in another process: the server's session cache
  // (one second) learns of them when its entries expire, so wait that long,
  // as the tests in Rust do (tests/support).
  const users = (...args) => {
    const out = execFileSync(binary, ['users', '--data-dir', dataDir, ...args], { env }).toString();
    if (args[0] === 'grant' || args[0] === 'revoke') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
    return out;
  };
  return { base, users, stop: () => child.kill() };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A browser context signed in as a new reader, made premium by the operator
// command (`rustprep users grant`), as a subscriber would be.
export async function premiumContext(browser, server, email, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.base + '/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-browser-passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/account');
  server.users('grant', email, '--days', '30');
  await page.close();
  return context;
}
