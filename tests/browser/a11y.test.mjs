// A site everyone can read: axe-core on every page type, in the light and the
// dark theme, at phone and desktop widths, as a signed-out and a premium
// reader; and a keyboard-only walk (skip link first, focus moves into main,
// every focused control shows a ring). Fails on any axe violation, printing
// rule, target and page, and on any page that scrolls sideways. Starts the
// real server itself (RUSTPREP_BIN or target/debug/rustprep) on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startServer, launchBrowser, premiumContext, shots } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const ANON = 'signed-out';
const PREMIUM = 'premium';
const BOTH = [ANON, PREMIUM];

// Every page type, and who reads it. Add new page types (the practice pages)
// here: the sweep covers each entry in both themes at both widths. `shows`
// names what a reader must see there, so the sweep checks the page it means
// (the premium reader's full answer with its code, not the paywall).
export const PAGES = [
  { name: 'landing', path: '/', readers: BOTH },
  { name: 'question list', path: '/questions?level=intermediate&free=true', readers: [ANON] },
  { name: 'level', path: '/levels/beginner', readers: [ANON] },
  { name: 'topic', path: '/topics/lifetimes', readers: [ANON] },
  { name: 'experience', path: '/experience/2-5', readers: [ANON] },
  { name: 'free question', path: '/questions/lifetimes', readers: BOTH, shows: { [ANON]: 'figure.code pre', [PREMIUM]: 'figure.code pre' } },
  { name: 'premium question', path: '/questions/backpressure', readers: BOTH, shows: { [ANON]: 'section.locked', [PREMIUM]: '#code_example ~ figure.code pre' } },
  { name: '2026 list', path: '/rust/2026', readers: [ANON] },
  { name: 'search', path: '/search?q=borrow+checker', readers: BOTH },
  { name: 'FAQ', path: '/faq', readers: [ANON] },
  { name: 'sign-up', path: '/signup', readers: [ANON] },
  { name: 'login', path: '/login', readers: [ANON] },
  { name: 'account', path: '/account', readers: [PREMIUM] },
  { name: 'billing', path: '/billing', readers: [PREMIUM] },
  { name: 'not found', path: '/no-such-page', readers: BOTH, status: 404 },
  { name: 'quizzes', path: '/quizzes', readers: BOTH },
  { name: 'free quiz', path: '/quizzes/q1-shadowing-does-not-drop', readers: BOTH },
  { name: 'progress', path: '/practice', readers: [PREMIUM] },
  { name: 'review queue', path: '/practice/review', readers: [PREMIUM] },
  { name: 'saved questions', path: '/practice/saved', readers: [PREMIUM] },
  { name: 'practice settings', path: '/practice/settings', readers: [PREMIUM] },
  { name: 'question notes', path: '/practice/questions/lifetimes', readers: [PREMIUM] },
  { name: 'mock interview setup', path: '/practice/mock', readers: [PREMIUM] },
  { name: 'interviewer kit', path: '/kit', readers: [PREMIUM] },
];

const THEMES = ['light', 'dark'];
const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

let server, browser;
const contexts = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contexts[ANON] = await browser.newContext();
  contexts[PREMIUM] = await premiumContext(browser, server, 'a11y@example.com');
  // Cards in the queue, so the review page shows a card, not its empty state.
  for (const topic of ['lifetimes', 'ownership']) {
    const added = await contexts[PREMIUM].request.post(server.base + '/practice/cards', {
      form: { topic }, headers: { Origin: server.base }, maxRedirects: 0,
    });
    assert.equal(added.status(), 303, `adding the ${topic} topic to the queue`);
  }
});

after(async () => {
  for (const context of Object.values(contexts)) await context.close();
  await browser?.close();
  server?.stop();
});

/** axe-core's violations on the page as it is now, one line per node. */
async function axeViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations));
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

test('axe finds no violation on any page type, theme, width or reader', async () => {
  const found = [];
  let sweeps = 0;
  for (const reader of BOTH) {
    const page = await contexts[reader].newPage();
    for (const { name, path, status = 200, shows = {} } of PAGES.filter((p) => p.readers.includes(reader))) {
      for (const { name: width, ...size } of WIDTHS) {
        await page.setViewportSize(size);
        for (const theme of THEMES) {
          await page.emulateMedia({ colorScheme: theme });
          const response = await page.goto(server.base + path);
          assert.equal(response.status(), status, `${path} as ${reader}`);
          assert.equal(new URL(page.url()).pathname, path.split('?')[0], `${path} as ${reader} is not redirected`);
          if (shows[reader]) assert.ok(await page.locator(shows[reader]).count() > 0, `${path} as ${reader} shows ${shows[reader]}`);
          const where = `${name} ${path} [${reader}, ${theme}, ${width}]`;
          for (const line of await axeViolations(page)) found.push(`${where}: ${line}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) found.push(`${where}: the page scrolls sideways by ${overflow} px`);
          sweeps += 1;
        }
      }
    }
    await page.close();
  }
  console.log(`axe: ${sweeps} page views, ${found.length} problems`);
  assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
});

test('Tab reaches the skip link first and Enter moves focus into main', async () => {
  const page = await contexts[ANON].newPage();
  await page.goto(server.base + '/questions/backpressure');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)),
    'the next Tab stays in main, past the header');
  await page.close();
});

/** Tabs through the whole page; returns the focused controls that show no outline. */
async function unringedControls(page) {
  const bare = [];
  let count = 0;
  for (let i = 0; i < 500; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el.dataset.tabbed) return null;
      el.dataset.tabbed = 'yes';
      const style = getComputedStyle(el);
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
      return { label: `${el.tagName.toLowerCase()} "${name}"`, ringed: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!focused) break;
    count += 1;
    if (!focused.ringed) bare.push(focused.label);
  }
  return { bare, count };
}

test('every control shows where keyboard focus is', async () => {
  const pages = [[PREMIUM, '/questions/backpressure'], [PREMIUM, '/account'], [ANON, '/questions'], [ANON, '/signup']];
  for (const [reader, path] of pages) {
    const page = await contexts[reader].newPage();
    await page.goto(server.base + path);
    const { bare, count } = await unringedControls(page);
    assert.ok(count > 10, `${path}: Tab reached ${count} controls`);
    assert.deepEqual(bare, [], `${path} as ${reader}: focused without a visible outline`);
    await page.close();
  }
});

test('the header is one line from 1024 px and stays inside a phone screen', async () => {
  const page = await contexts[ANON].newPage();
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(server.base + '/questions/lifetimes');
    const boxes = await page.locator('header.site nav > *').evaluateAll((items) => items.map((el) => el.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })));
    const lowestTop = Math.max(...boxes.map((b) => b.top));
    const highestBottom = Math.min(...boxes.map((b) => b.bottom));
    assert.ok(lowestTop < highestBottom, `header items share one line at ${width} px: ${JSON.stringify(boxes)}`);
    assert.ok((await page.locator('header.site').boundingBox()).height < 70, `header is one line high at ${width} px`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.base + '/questions/lifetimes');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll on a phone');
  for (const name of ['Questions', 'FAQ', 'Log in', 'Sign up']) {
    const box = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${name} is on screen`);
  }
  await page.close();
});

test('screenshots of the header and a code block in both themes', async () => {
  const page = await contexts[ANON].newPage();
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const { name, width, height } of WIDTHS) {
      await page.setViewportSize({ width, height });
      await page.goto(server.base + '/questions/lifetimes');
      await page.locator('header.site').screenshot({ path: join(shots, `header-${theme}-${name}.png`) });
    }
    const code = page.locator('figure.code').filter({ hasText: 'first_word' }).first();
    const box = await code.boundingBox();
    await code.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `code-${theme}.png`), fullPage: true, clip: { ...box, height: Math.min(box.height, 420) } });
  }
  await page.close();
});
