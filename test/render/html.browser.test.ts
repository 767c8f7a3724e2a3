/**
 * The HTML report in a real browser: playwright-core drives Debian's chromium (apt-get install
 * chromium; .ci/run installs it). It opens the FastAPI example's report from disk, checks the
 * verdict and counts, uses the filters, expands a finding, proves no request leaves the page,
 * checks a 375 px phone layout, and keeps screenshots in test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { AREA_TITLES, type Area } from '../../src/core/types.js';
import { buildRun } from '../../src/report/build.js';
import type { Run } from '../../src/report/schema.js';
import { renderHtml } from '../../src/render/html.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const RESULTS = join(ROOT, 'test-results');
const MISSING = `${CHROMIUM} is missing: the HTML report's browser test needs Debian's chromium ("apt-get update && apt-get install -y chromium"; .ci/run installs it)`;

let run: Run;
let work: string;
let reportUrl: string;
let context: BrowserContext;
let page: Page;
/** Every request the page tried that is not the report file itself. */
const attempted: string[] = [];
const problems: string[] = [];

/**
 * Fail, never skip: without the browser every test below fails with MISSING. (A throwing beforeAll
 * would mark them skipped, and CI's count line would then report no failure.)
 */
function inBrowser(name: string, fn: () => Promise<void> | void): void {
  it(name, async () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
    await fn();
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  const audit = await runAudit(join(ROOT, 'examples', 'fastapi-celery-app'), { useGit: false });
  run = buildRun(audit, { path: 'examples/fastapi-celery-app' });
  work = mkdtempSync(join(tmpdir(), 'shipready-html-'));
  const file = join(work, 'report.html');
  writeFileSync(file, renderHtml(run));
  reportUrl = pathToFileURL(file).href;
  mkdirSync(RESULTS, { recursive: true });
  // A fresh profile each run: Playwright passes it to chromium as --user-data-dir.
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  await context.route('**', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    attempted.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) attempted.push(r.url());
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(reportUrl);
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const visibleFindings = () => page.locator('#findings-list > details.finding:visible');

describe('HTML report in chromium', () => {
  inBrowser('shows the verdict, the overall score and every finding', async () => {
    expect((await page.locator('#verdict').textContent())?.trim()).toBe(run.score.verdict);
    expect((await page.locator('#overall').textContent())?.trim()).toBe(String(run.score.overall));
    expect((await page.locator('svg.gauge #score').textContent())?.trim()).toBe(String(run.score.overall));
    expect(run.findings.length).toBeGreaterThan(0);
    expect(await visibleFindings().count()).toBe(run.findings.length);
    expect(await page.locator('#shown').textContent()).toBe(String(run.findings.length));
    // The script ran (it removes the no-js class) under the page's own Content-Security-Policy.
    expect(await page.evaluate(() => document.documentElement.className)).not.toContain('no-js');
    // One bar per scored area, each with its score.
    const areas = Object.entries(run.score.areas);
    expect(await page.locator('#areas .bar').count()).toBe(areas.length);
    expect(await page.locator('#areas .area-score').allTextContents()).toEqual(areas.map(([, s]) => String(s.score)));
    const names = await page.locator('#areas .area-name').evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));
    expect(names).toEqual(areas.map(([a]) => AREA_TITLES[a as Area]));
  });

  inBrowser('filters by severity, area and text', async () => {
    const critical = run.findings.filter((f) => f.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    for (const box of await page.locator('#filters input[name="sev"]').all()) {
      if ((await box.getAttribute('value')) !== 'critical') await box.uncheck();
    }
    expect(await visibleFindings().count()).toBe(critical.length);
    expect(await page.locator('#shown').textContent()).toBe(String(critical.length));
    for (const item of await visibleFindings().all()) expect(await item.getAttribute('data-sev')).toBe('critical');

    await page.locator('#filters button[type="reset"]').click();
    await expect.poll(() => visibleFindings().count()).toBe(run.findings.length);

    const area = run.findings[run.findings.length - 1].area;
    await page.locator('#filters select[name="area"]').selectOption(area);
    expect(await visibleFindings().count()).toBe(run.findings.filter((f) => f.area === area).length);
    await page.locator('#filters select[name="area"]').selectOption('');

    // Text: a file name that some findings cite and others do not; matches case-insensitively.
    const query = 'WEBHOOKS.PY';
    await page.locator('#filters input[name="q"]').fill(query);
    const shown = await visibleFindings().count();
    const cites = run.findings.filter((f) => JSON.stringify(f).toLowerCase().includes(query.toLowerCase())).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(run.findings.length);
    expect(shown).toBeGreaterThanOrEqual(cites);
    const states = await page.locator('#findings-list > details.finding').evaluateAll((items, q) => items.map((el) => ({ hidden: (el as HTMLElement).hidden, has: (el.textContent ?? '').toLowerCase().includes(q) })), query.toLowerCase());
    for (const s of states) expect(s.hidden).toBe(!s.has);

    await page.locator('#filters input[name="q"]').fill('no finding says this 7f3a');
    expect(await visibleFindings().count()).toBe(0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await page.locator('#filters button[type="reset"]').click();
    await expect.poll(() => visibleFindings().count()).toBe(run.findings.length);
  });

  inBrowser('expands a finding to its evidence snippet and fix', async () => {
    const i = run.findings.findIndex((f) => f.location.snippet.length > 0);
    const f = run.findings[i];
    const item = page.locator(`#f-${i}`);
    expect(await item.locator('.snippet').first().isVisible()).toBe(false);
    await item.locator('summary').click();
    expect(await item.getAttribute('open')).not.toBeNull();
    const snippet = item.locator('.snippet').first();
    expect(await snippet.isVisible()).toBe(true);
    expect((await snippet.textContent())?.trim()).toBe(f.location.snippet.trim());
    const fix = item.locator('.fix');
    expect(await fix.isVisible()).toBe(true);
    // Code spans lose their backticks when rendered.
    expect((await fix.textContent())?.trim()).toBe(f.fix.replace(/`/g, '').trim());
    expect(await item.locator('.loc').first().textContent()).toContain(`${f.location.path}:${f.location.line}`);
    await page.locator('header.top').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'html-report.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 2000 } });
  });

  inBrowser('draws the architecture diagram inline', async () => {
    const nodes = page.locator('#architecture svg.arch g.node');
    expect(await nodes.count()).toBeGreaterThan(2);
    expect(await page.locator('#architecture svg.arch g.edge').count()).toBeGreaterThan(1);
    const box = await page.locator('#architecture svg.arch').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(100);
  });

  inBrowser('fits a 375 px phone screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(client).toBe(375);
    expect(scroll).toBeLessThanOrEqual(client);
    // Nothing sticks out of the page (wide tables and the diagram scroll inside their own boxes).
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => !el.closest('.table-wrap, .diagram'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .slice(0, 5),
    );
    expect(wide).toEqual([]);
    await page.screenshot({ path: join(RESULTS, 'html-report-mobile.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  inBrowser('makes no network request and logs no error', () => {
    expect(attempted).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('HTML report with hostile repository content', () => {
  inBrowser('shows injected markup as text and runs none of it', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror="alert(2)"><svg onload=alert(3)>';
    const f = run.findings[0];
    const hostile: Run = {
      ...run,
      target: { path: evil },
      findings: [{ ...f, message: evil, fix: `\`${evil}\``, location: { ...f.location, path: evil, snippet: evil }, evidence: [{ file: evil, line: 1, snippet: evil, note: evil }] }, ...run.findings.slice(1)],
    };
    const file = join(work, 'hostile.html');
    writeFileSync(file, renderHtml(hostile));
    const before = problems.length;
    await page.goto(pathToFileURL(file).href);
    expect(await page.evaluate(() => document.scripts.length)).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    await page.locator('#f-0 summary').click();
    expect((await page.locator('#f-0 .snippet').first().textContent())?.trim()).toBe(evil);
    expect(await page.locator('#f-0 .f-msg').textContent()).toBe(evil);
    expect(problems.slice(before)).toEqual([]);
    expect(attempted).toEqual([]);
  });
});
