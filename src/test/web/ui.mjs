// Drives quorch's web UI in the system's Chromium (Debian's chromium package) through
// playwright-core: no browser is downloaded. One case per run:
//
//   node ui.mjs CASE BASE_URL USER PASSWORD [ARGS...]
//
// It prints "OK <json>" and exits 0 when the case holds, or prints the reason and exits 1.
// Screenshots go to $QUORCH_UI_ARTIFACTS (default ../../../target/web-ui).
import { chromium } from 'playwright-core';
import { mkdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [, , name, base, user, password, ...args] = process.argv;
const artifacts = process.env.QUORCH_UI_ARTIFACTS || new URL('../../../target/web-ui', import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });
const executablePath = process.env.QUORCH_CHROMIUM || '/usr/bin/chromium';
const userDataDir = `${process.env.TMPDIR || '/tmp'}/quorch-ui-${process.pid}-${Date.now()}`;

function fail(message) {
  console.log('FAIL ' + message);
  process.exitCode = 1;
  throw new Error(message);
}

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  httpCredentials: user ? { username: user, password } : undefined,
  viewport: { width: 1400, height: 900 },
  colorScheme: 'light',
});
const page = context.pages()[0] || await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
// a failed request (a 4xx or 5xx the page shows as a refusal) is logged too: only script errors count
page.on('console', (m) => {
  if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push('console: ' + m.text());
});
page.on('dialog', async (d) => { problems.push('a script opened a dialog: ' + d.message()); await d.dismiss(); });

/** Opens a page of the UI and waits until it has drawn from the API. */
async function open(hash) {
  await page.goto(`${base}/#/${hash}`);
  await page.waitForFunction(() => document.body.dataset.rendered, null, { timeout: 15000 });
}

/** Each box's key and the key of the box it is drawn under ("" at a root). */
function parents() {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.tree .box')].map((b) => {
    const li = b.parentElement.parentElement.closest('li');
    return [b.dataset.key, li ? li.querySelector(':scope > .box').dataset.key : ''];
  })));
}

const cases = {
  async clusters([cluster]) {
    await open('');
    await page.locator(`tr[data-cluster="${cluster}"]`).waitFor({ timeout: 15000 });
    const rows = await page.locator('.clusters-table tbody tr').count();
    await page.screenshot({ path: `${artifacts}/clusters.png` });
    return { rows, live: await page.locator('#live').textContent() };
  },

  async tree([cluster]) {
    await open(`cluster/${encodeURIComponent(cluster)}`);
    await page.locator('.tree .box').first().waitFor();
    return { parents: await parents() };
  },

  async downtime([host, port, reason]) {
    await open(`instance/${host}/${port}`);
    await page.click('button[data-action="begin-downtime"]');
    await page.fill('#confirm-fields input[name="reason"]', reason);
    await page.fill('#confirm-fields input[name="duration"]', '10m');
    const text = await page.locator('#confirm-text').textContent();
    await page.click('#confirm-ok');
    await page.locator('#confirm-result.ok, #confirm-result.error').waitFor();
    const result = await page.locator('#confirm-result').textContent();
    if (!result.startsWith('OK')) fail('begin-downtime answered: ' + result);
    await page.click('#confirm-cancel');
    // the page shows it once the server says it changed
    await page.locator('button[data-action="end-downtime"]').waitFor({ timeout: 10000 });
    return { confirmation: text, result };
  },

  async readonly([cluster, host, port]) {
    const seen = {};
    for (const [label, hash, ready] of [['clusters', '', 'tr[data-cluster]'],
      ['cluster', `cluster/${encodeURIComponent(cluster)}`, '.tree .box'], ['instance', `instance/${host}/${port}`, 'dl.fields'],
      ['problems', 'problems', 'section'], ['raft', 'raft', 'section']]) {
      await open(hash);
      await page.locator(ready).first().waitFor();
      seen[label] = {
        buttons: await page.locator('main button.action, main .actions button').count(),
        draggable: await page.locator('.box[draggable="true"]').count(),
      };
    }
    const who = await page.locator('#who').textContent();
    await page.screenshot({ path: `${artifacts}/readonly.png` });
    return { seen, who };
  },

  async cycle([cluster, source, target]) {
    await open(`cluster/${encodeURIComponent(cluster)}`);
    await page.locator(`.box[data-key="${target}"]`).waitFor();
    await page.locator(`.box[data-key="${source}"]`).dragTo(page.locator(`.box[data-key="${target}"]`));
    await page.locator('.notice.error').waitFor({ timeout: 10000 });
    const notice = await page.locator('.notice.error').textContent();
    const dialogOpen = await page.evaluate(() => document.getElementById('confirm').open);
    await page.screenshot({ path: `${artifacts}/refused-drag.png` });
    return { notice, dialogOpen };
  },

  async hostile([cluster, host, port]) {
    const pages = [['', 'tr[data-cluster]'], [`cluster/${encodeURIComponent(cluster)}`, '.tree .box'],
      [`instance/${host}/${port}`, 'dl.fields']];
    const texts = [];
    for (const [hash, ready] of pages) {
      await open(hash);
      await page.locator(ready).first().waitFor();
      await page.waitForTimeout(300);
      texts.push(await page.locator('main').innerText());
    }
    const result = await page.evaluate(() => ({
      pwned: window.__pwned === undefined ? null : String(window.__pwned),
      images: document.querySelectorAll('main img').length,
    }));
    await page.screenshot({ path: `${artifacts}/hostile.png`, fullPage: true });
    return { ...result, text: texts.join('\n') };
  },

  async failover([cluster, primary, ...replicas]) {
    await open(`cluster/${encodeURIComponent(cluster)}`);
    await page.locator(`.tree > li > .box[data-key="${primary}"]`).waitFor();
    await page.locator('#live.on').waitFor();
    await page.evaluate(() => {
      window.__sameDocument = true;
      // the dead primary may be drawn red for a moment before the recovery replaces it
      new MutationObserver(() => {
        if (!window.__redAt && document.querySelector('.box.down')) window.__redAt = Date.now();
      }).observe(document.getElementById('main'), { subtree: true, childList: true, attributes: true });
    });
    await page.screenshot({ path: `${artifacts}/cluster-before-failover.png` });
    console.log('READY');
    // the test kills the primary now and writes a line when it did
    await new Promise((resolve) => {
      const lines = createInterface({ input: process.stdin });
      lines.once('line', () => {
        lines.close();
        process.stdin.destroy();
        resolve();
      });
    });
    const killed = Date.now();
    // rearranged: a replica drawn as the live root, and every other replica drawn under it (the page shows
    // each server as it is next probed, so the successor may be drawn a moment before the others)
    await page.waitForFunction(([old, replicas]) => {
      const root = document.querySelector('.tree > li > .box');
      if (!root || root.dataset.key === old || root.classList.contains('down')) return false;
      return replicas.filter((r) => r !== root.dataset.key).every((r) => {
        const box = document.querySelector(`.tree .box[data-key="${r}"]`);
        const li = box && box.parentElement.parentElement.closest('li');
        return li && li.querySelector(':scope > .box') === root;
      });
    }, [primary, replicas], { timeout: 45000 });
    const rearranged = Date.now() - killed;
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${artifacts}/cluster-after-failover.png` });
    const sameDocument = await page.evaluate(() => window.__sameDocument === true);
    const root = await page.locator('.tree > li > .box').first().getAttribute('data-key');
    const redAt = await page.evaluate(() => window.__redAt || null);
    return { red: redAt ? redAt - killed : null, rearranged, sameDocument, root, hash: await page.evaluate(() => location.hash), parents: await parents() };
  },

  /** On a raft follower: its raft page, then a change through the follower proxy, shown live. */
  async follower() {
    await open('raft');
    const raft = await page.locator('main').innerText();
    await open('');
    await page.locator('#live.on').waitFor();
    await page.click('button[data-action="disable-global-recoveries"]');
    await page.click('#confirm-ok');
    await page.locator('#confirm-result.ok, #confirm-result.error').waitFor();
    const result = await page.locator('#confirm-result').textContent();
    if (!result.startsWith('OK')) fail('disable-global-recoveries through the follower answered: ' + result);
    await page.click('#confirm-cancel');
    await page.locator('button[data-action="enable-global-recoveries"]').waitFor({ timeout: 10000 });
    await page.screenshot({ path: `${artifacts}/follower.png` });
    return { raft, result };
  },

  /** Shows pages (hash=file.png pairs) in the given colour scheme; returns each page's text. */
  async pages([theme, ...pairs]) {
    await page.emulateMedia({ colorScheme: theme });
    const texts = {};
    for (const pair of pairs) {
      const [hash, file] = pair.split('=');
      await open(hash);
      await page.locator('main section').first().waitFor();
      texts[hash] = await page.locator('main').innerText();
      await page.screenshot({ path: `${artifacts}/${file}`, fullPage: true });
    }
    return { texts };
  },
};

try {
  if (!cases[name]) fail(`unknown case "${name}"; cases: ${Object.keys(cases).join(', ')}`);
  const result = await cases[name](args);
  if (problems.length) fail(problems.join('; '));
  console.log('OK ' + JSON.stringify(result));
} catch (e) {
  if (!process.exitCode) console.log('FAIL ' + e.message + (problems.length ? ' (' + problems.join('; ') + ')' : ''));
  process.exitCode = 1;
  await page.screenshot({ path: `${artifacts}/failed-${name}.png` }).catch(() => {});
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
