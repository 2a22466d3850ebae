// A new reader practises in the browser, the whole journey of issue 11: signs
// up, saves two questions (one with a note), adds a topic to the review
// queue, reviews five cards (keys 1-4 with JavaScript, buttons without), sets
// retention, answers two quizzes, runs a three-question mock interview to its
// summary and sees the progress page with both charts; once with JavaScript
// and once without. Screenshots of each practice page, phone and desktop,
// light and dark, land in target/browser/.
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

async function signUp(page, email) {
  await page.goto(server.base + '/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-browser-passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Reviews `count` cards: reveal, then grade Good (key 3, or the button). */
async function review(page, count, withKeys) {
  for (let n = 0; n < count; n++) {
    await page.goto(server.base + '/practice/review');
    await page.getByLabel(/Your answer first/).fill(`answer ${n}`);
    await page.getByRole('button', { name: 'Show answer' }).click();
    await page.locator('#short').waitFor();
    if (withKeys) {
      await Promise.all([page.waitForURL('**/practice/review'), page.keyboard.press('3')]);
    } else {
      await page.getByRole('button', { name: /^Good/ }).click();
    }
    assert.equal(new URL(page.url()).pathname, '/practice/review');
  }
}

/** Answers one quiz from the list: the `n`th free one. */
async function answerQuiz(page, n) {
  await page.goto(server.base + '/quizzes');
  await page.locator('.badge.free').nth(n).locator('xpath=ancestor::li').getByRole('link').click();
  const choices = page.locator('input[type=radio]');
  if (await choices.count() > 0) {
    await choices.first().check();
  } else {
    await page.getByLabel(/The exact output/).fill('not the output');
  }
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.locator('#result').waitFor();
}

/** A three-question mock: reveal and grade each, then the summary. */
async function mock(page) {
  await page.goto(server.base + '/practice/mock');
  await page.getByLabel(/Questions \(3 to 10\)/).fill('3');
  await page.getByRole('button', { name: 'Start the mock' }).click();
  for (let n = 0; n < 3; n++) {
    await page.getByLabel(/Your answer/).fill(`mock answer ${n}`);
    await page.getByRole('button', { name: 'Reveal the answer' }).click();
    await page.getByRole('button', { name: 'Solid' }).click();
  }
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Mock interview summary');
  assert.match(await page.locator('.facts').innerText(), /3 of 6 points \(3 questions/);
}

async function journey(javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signUp(page, `practice-${javaScriptEnabled}@example.com`);

  await page.goto(server.base + '/questions/cargo');
  await page.getByRole('button', { name: 'Save question' }).click();
  assert.equal(new URL(page.url()).pathname, '/practice/questions/cargo');
  await page.getByLabel(/Plain text, only you see it/).fill('Cargo: <build> & test\nmore');
  await page.getByRole('button', { name: 'Keep note' }).click();
  await page.goto(server.base + '/questions/lifetimes');
  await page.getByRole('button', { name: 'Save question' }).click();
  await page.goto(server.base + '/practice/saved');
  assert.match(await page.locator('.note-line').first().innerText(), /Cargo: <build> & test/);
  assert.equal(await page.locator('main li a[href^="/questions/"]').count() >= 2, true, 'two saved questions listed');

  await page.goto(server.base + '/topics/async');
  await page.getByRole('button', { name: /Add every question of/ }).click();
  assert.match(await page.locator('.notice').innerText(), /cards added/);
  await review(page, 5, javaScriptEnabled);

  await page.goto(server.base + '/practice/settings');
  await page.getByLabel(/Desired retention/).fill('0.85');
  await page.getByRole('button', { name: 'Save settings' }).click();
  assert.match(await page.locator('.notice').innerText(), /Settings saved/);

  await answerQuiz(page, 0);
  await answerQuiz(page, 1);
  await mock(page);

  await page.goto(server.base + '/practice');
  assert.equal(await page.locator('svg.chart').count(), 2, 'both charts on the progress page');
  assert.match(await page.locator('.progress-facts').innerText(), /cards in your queue/);
  await context.close();
}

test('the practice journey with JavaScript', () => journey(true));
test('the practice journey without JavaScript', () => journey(false));

test('practice pages on phone and desktop, light and dark', async () => {
  for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      await signUp(page, `shots-${device}-${colorScheme}@example.com`);
      await page.goto(server.base + '/questions/cargo');
      await page.screenshot({ path: join(shots, `practice-question-${device}-${colorScheme}.png`), fullPage: false });
      await page.getByRole('button', { name: 'Practise this' }).click();
      await page.screenshot({ path: join(shots, `practice-review-front-${device}-${colorScheme}.png`), fullPage: true });
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.screenshot({ path: join(shots, `practice-review-back-${device}-${colorScheme}.png`), fullPage: true });
      for (const [name, path] of [['saved', '/practice/questions/cargo'], ['settings', '/practice/settings'], ['quizzes', '/quizzes']]) {
        await page.goto(server.base + path);
        await page.screenshot({ path: join(shots, `practice-${name}-${device}-${colorScheme}.png`), fullPage: false });
      }
      await context.close();
    }
  }
});
