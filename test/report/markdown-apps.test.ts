/**
 * The Markdown report of the two example apps: every applicable section, in order, no filler, and
 * figures recomputed here from the run object (not from the report modules' own helpers).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { AREAS, AREA_TITLES } from '../../src/core/types.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { buildRun } from '../../src/report/build.js';
import { runSchema, type Run } from '../../src/report/schema.js';

const HOURS = { minutes: 0.25, hours: 2, days: 8 } as const;

const app = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

/** Lines outside fenced code blocks: code examples may contain '#' lines of their own. */
function prose(md: string): string[] {
  let fenced = false;
  return md.split('\n').filter((l) => {
    if (/^\s*```/.test(l)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

const h2 = (md: string) => prose(md).filter((l) => l.startsWith('## ')).map((l) => l.slice(3));

function expectedSections(run: Run): string[] {
  const areas = AREAS.filter((a) => run.score.areas[a] || run.checks.some((c) => c.area === a && (c.outcome === 'pass' || c.outcome === 'fail'))).map((a) => AREA_TITLES[a]);
  return [
    'Executive summary',
    'Scores by area',
    ...areas,
    ...(run.findings.length ? ['Prioritised backlog'] : []),
    'Launch checklist',
    ...(run.inventory.envVars.length ? ['Recommended environment variables'] : []),
    ...(run.runbook ? ['Runbook'] : []),
    'Inventory',
    ...(run.scaling ? ['Scaling notes and triggers'] : []),
  ];
}

function hoursOf(run: Run, severities: string[]): number {
  return run.findings.filter((f) => severities.includes(f.severity)).reduce((sum, f) => sum + HOURS[f.effort], 0);
}

/** "0.25", "2", "22.25" */
const fmt = (h: number) => String(Number(h.toFixed(2)));

function checkNoFiller(md: string): void {
  // Inline code spans quote code (`null` / `undefined` in a why text); filler hides in prose.
  const lines = prose(md).map((l) => l.replace(/`[^`]*`/g, '``'));
  for (const word of [/\bTODO\b/, /lorem/i, /\bTBD\b/, /\bundefined\b/, /\bNaN\b/, /\[object Object\]/, /^#+\s*N\/A\s*$/i]) {
    expect(lines.filter((l) => word.test(l)), String(word)).toEqual([]);
  }
  // A heading is followed by content, not directly by another heading of the same or a higher level.
  const headings = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^#{1,6} /.test(l));
  for (const { l, i } of headings) {
    const next = lines.slice(i + 1).find((x) => x.trim() !== '');
    const level = l.match(/^#+/)?.[0].length ?? 0;
    const nextLevel = next?.match(/^(#+) /)?.[1].length;
    expect(nextLevel === undefined || nextLevel > level, `empty section: ${l}`).toBe(true);
  }
  // Every table has a body row.
  lines.forEach((l, i) => {
    if (/^\|[-:| ]+\|$/.test(l)) expect(lines[i + 1]?.startsWith('|'), `empty table after: ${lines[i - 1]}`).toBe(true);
  });
}

describe.each([
  ['fastapi-celery-app', 'railway'],
  ['express-api', 'fly'],
])('Markdown report of examples/%s', (name, platform) => {
  let run: Run;
  let md: string;
  beforeAll(async () => {
    run = buildRun(await runAudit(app(name)), { path: `examples/${name}` });
    md = renderMarkdown(run);
  });

  it('is a valid run object', () => {
    expect(() => runSchema.parse(run)).not.toThrow();
  });

  it('has every applicable section, in order', () => {
    expect(h2(md)).toEqual(expectedSections(run).map((t) => expect.stringMatching(new RegExp(`^${t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`))));
  });

  it('opens every code fence at the start of a line and closes it', () => {
    const fences = md.split('\n').filter((l) => /^\s*```/.test(l)).length;
    expect(fences % 2).toBe(0);
    // A fence after text on the same line (`**Fix:** ```ts`) never opens: it breaks the document.
    expect(md).not.toMatch(/[^\s`][ \t]*```[a-z]*\n/);
  });

  it('has no placeholder text, empty sections or empty tables', () => {
    checkNoFiller(md);
  });

  it('prioritises by severity and totals effort from the stated mapping', () => {
    const p0 = run.backlog?.priorities.find((p) => p.id === 'P0');
    const blocking = run.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length;
    expect(p0?.findings).toBe(blocking);
    expect(run.summary?.blockers.length).toBe(blocking);
    expect(p0?.hours).toBe(hoursOf(run, ['critical', 'high']));
    expect(run.backlog?.priorities.find((p) => p.id === 'P1')?.hours).toBe(hoursOf(run, ['medium']));
    expect(run.backlog?.totalHours).toBe(hoursOf(run, ['critical', 'high', 'medium', 'low', 'info']));
    expect(md).toContain(`### P0 — must fix before launch: ${blocking} findings, ${fmt(hoursOf(run, ['critical', 'high']))} h`);
    expect(md).toContain(`Whole backlog: **${fmt(hoursOf(run, ['critical', 'high', 'medium', 'low', 'info']))} h**`);
    expect(md).toContain('minutes = 0.25 h, hours = 2 h, days = 8 h');
    expect(md).toContain('**P0** (critical, high): must fix before launch');
  });

  it('writes runbook commands for the detected platform only', () => {
    const commands = prose(md).join('\n');
    expect(commands).toContain(platform === 'railway' ? '`railway logs`' : '`fly logs`');
    expect(commands).not.toMatch(platform === 'railway' ? /`fly / : /`railway /);
  });

  it('draws a Mermaid architecture diagram from the inventory', () => {
    expect(md).toContain('```mermaid\nflowchart LR\n');
    for (const store of run.inventory.dataStores ?? []) expect(run.architecture?.mermaid).toContain(store.title);
  });
});

describe('figures specific to the example apps', () => {
  it('FastAPI + Celery on Railway', async () => {
    const run = buildRun(await runAudit(app('fastapi-celery-app')), { path: 'examples/fastapi-celery-app' });
    const md = renderMarkdown(run);
    expect(md).toContain('| `TRANSCRIPT_API_URL` | backend/app/services/transcripts.py:17 | required | **no** | no |');
    // os.getenv with no default: the code runs without it.
    expect(md).toContain('| `SLACK_WEBHOOK_URL` | backend/app/services/webhooks.py:35 | optional | **no** | no |');
    expect(md).toMatch(/\| POST \| `\/api\/notes\/\{note_id\}\/summarize` \| yes \| \*\*no\*\* \| yes \| backend\/app\/api\/routes\/notes\.py:91 \|/);
    // The Celery app module comes from the start script, run inside the Railway service.
    expect(md).toContain('`railway ssh -- celery -A app.worker.celery_app inspect active`');
    expect(md).toContain('backend/start.sh:4, a script without `set -e`');
    expect(md).toContain("uses SQLAlchemy's default pool (pool_size=5 + max_overflow=10");
    const required = run.inventory.envVars.filter((v) => v.required).map((v) => v.name);
    expect(md).toContain(`Set the ${required.length} environment variables the code reads without a default on Railway`);
  });

  it('Express + BullMQ on Fly.io', async () => {
    const run = buildRun(await runAudit(app('express-api')), { path: 'examples/express-api' });
    const md = renderMarkdown(run);
    expect(md).toContain('fly.toml:9 runs `npm run migrate` as Fly\'s release command');
    expect(md).toContain('`fly ssh console -C "npm run migrate"`');
    expect(md).toContain("src/db/pool.ts:5 uses node-postgres (pg)'s default pool (max=10 connections per Pool)");
    expect(md).toMatch(/\| POST \| `\/invoices\/:id\/categorize` \| yes \| yes \| yes \|/);
    // Python examples are left out of a TypeScript app's findings.
    expect(run.checks.filter((c) => c.example?.lang === 'python')).toEqual([]);
  });
});
