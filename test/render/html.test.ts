/**
 * The HTML report as text: everything from the scanned repository escaped, sections present only
 * when the run carries them, and nothing that could make the browser load anything.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { extensionFor, renderAs } from '../../src/cli/formats.js';
import { AREA_WEIGHTS, CAP_OPEN_CRITICAL, CAP_OPEN_HIGH, SCORING_VERSION, SEVERITY_WEIGHTS } from '../../src/core/scoring.js';
import { buildRun } from '../../src/report/build.js';
import { runSchema, type Run } from '../../src/report/schema.js';
import { renderHtml } from '../../src/render/html.js';
import { diagramSvg, layout } from '../../src/render/html/diagram.js';
import { fromMermaid } from '../../src/render/html/mermaid.js';
import { FORMULA } from '../../src/report/formula.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EVIL = '</code></pre><script>alert("x")</script><img src=x onerror=alert(1)>';

let example: Run;

/** Tags the renderer writes. */
const TAGS = (
  'html head meta link title style body a main script header h1 h2 h3 h4 p span strong small code pre ul ol li nav section div ' +
  'svg circle text defs marker path g rect polygon desc form fieldset legend label input select option button details summary ' +
  'dl dt dd table thead tbody tr th td br em'
).split(' ');

/** Start tags with their attribute names; a `<` not starting a tag would be left-over markup and fails the match. */
function tags(html: string): { name: string; attrs: string[] }[] {
  const out: { name: string; attrs: string[] }[] = [];
  const body = html.replace(/<script>[\s\S]*?<\/script>/, '<script></script>').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  for (const m of body.matchAll(/<(?!\/|!doctype)([^\s>\/]+)((?:\s+[^\s=>\/]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    out.push({ name: m[1].toLowerCase(), attrs: [...m[2].matchAll(/\s+([^\s=>\/]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()) });
  }
  const opened = (body.match(/<(?!\/|!doctype)/gi) ?? []).length;
  expect(out.length, 'every < opens a well-formed tag').toBe(opened);
  return out;
}

beforeAll(async () => {
  const audit = await runAudit(join(ROOT, 'examples', 'fastapi-celery-app'), { useGit: false });
  example = buildRun(audit, { path: 'examples/fastapi-celery-app' });
}, 120_000);

/** A small valid run with no optional section; `extra` overrides fields. */
function minimalRun(extra: Partial<Run> = {}): Run {
  return runSchema.parse({
    schemaVersion: 1,
    tool: { name: 'shipready', version: '0.0.0' },
    scoringVersion: 1,
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 5,
    target: { path: 'repo' },
    stats: { files: 1, parsedLines: 1 },
    stack: [],
    inventory: { services: [], routes: [], envVars: [] },
    score: { overall: 100, verdict: 'PRODUCTION READY', cappedBy: null, areas: {} },
    checks: [],
    findings: [],
    suppressed: [],
    errors: [],
    ...extra,
  });
}

function evilRun(): Run {
  const ev = { file: `src/${EVIL}.py`, line: 3, snippet: EVIL, note: EVIL };
  return minimalRun({
    target: { path: EVIL },
    stack: [{ id: 'fastapi', title: EVIL, evidence: [ev] }],
    score: { overall: 10, verdict: 'NOT READY', cappedBy: 'critical', areas: { security: { score: 10, passed: 0, failed: 1, notApplicable: 0, errors: 0 } } },
    checks: [
      { id: 'cors-wildcard', area: 'security', severity: 'critical', title: EVIL, outcome: 'fail', example: { code: EVIL } },
      { id: 'ok-check', area: 'security', severity: 'low', title: EVIL, outcome: 'pass', summary: EVIL, strengths: [ev] },
    ],
    findings: [
      {
        checkId: 'cors-wildcard',
        severity: 'critical',
        area: 'security',
        title: EVIL,
        message: `\`${EVIL}\` ${EVIL}`,
        impact: EVIL,
        location: { path: ev.file, line: 3, snippet: EVIL },
        evidence: [ev],
        fix: `Use \`${EVIL}\``,
        effort: 'minutes',
        fingerprint: `"><script>alert(2)</script>`,
      },
    ],
    inventory: {
      services: [{ dir: EVIL, kind: EVIL, manifests: [EVIL] }],
      routes: [{ method: EVIL, path: EVIL, framework: 'fastapi', location: ev, auth: false, rateLimited: false, callsLlm: false }],
      envVars: [{ name: EVIL, readAt: [ev], required: true, documented: false, secret: true }],
      dataStores: [{ kind: 'redis', title: EVIL, clients: [EVIL], evidence: [ev] }],
      providers: [{ kind: 'http', name: EVIL, calls: 1, routes: 0, evidence: [ev] }],
    },
    errors: [{ path: EVIL, message: EVIL }],
    runbook: { platform: { id: 'x', title: EVIL }, entries: [{ id: EVIL, title: EVIL, because: [EVIL], symptoms: [EVIL], diagnose: [{ text: EVIL, command: EVIL, shell: EVIL }], fix: [], notes: [{ text: EVIL, evidence: [ev] }], evidence: [ev] }] },
    architecture: { mermaid: `flowchart LR\n  a["${EVIL.replace(/"/g, "'")}"]\n  b[("x")]\n  a -->|${EVIL.replace(/[|"]/g, '')}| b\n` },
  });
}

describe('renderHtml', () => {
  it('escapes every string from the scanned repository', () => {
    const html = renderHtml(evilRun());
    // The only script element is the report's own, and no injected element or handler survives.
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toMatch(/<img/i);
    // Every tag in the page is one the renderer writes, with no event-handler attribute.
    for (const t of tags(html)) {
      expect(TAGS, `<${t.name}>`).toContain(t.name);
      for (const a of t.attrs) expect(a.startsWith('on'), `<${t.name} ${a}=…>`).toBe(false);
    }
    expect(html).not.toContain('alert("x")</script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // Escaped inside a code span too (fix and message use `code` spans).
    expect(html).toContain('<code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;');
    // Attribute values cannot be closed early.
    expect(html).toContain('data-fp="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
  });

  it('shows every section the example run carries, with its counts', () => {
    const html = renderHtml(example);
    for (const id of ['areas', 'findings', 'strengths', 'backlog', 'checklist', 'env', 'runbook', 'inventory', 'architecture', 'scaling', 'scoring']) {
      expect(html, id).toContain(`<section id="${id}"`);
    }
    expect(html).toContain(`id="verdict">${example.score.verdict}<`);
    expect(html).toContain(`id="overall">${example.score.overall}<`);
    expect(html.match(/<details class="finding /g)).toHaveLength(example.findings.length);
    expect(html).toContain('<svg class="arch"');
    expect(html).toContain('<svg class="gauge');
    for (const f of example.findings) expect(html).toContain(`data-fp="${f.fingerprint}"`);
  });

  it('omits the sections a run does not carry', () => {
    const html = renderHtml(minimalRun());
    for (const id of ['findings', 'strengths', 'backlog', 'checklist', 'env', 'runbook', 'inventory', 'architecture', 'scaling', 'problems', 'blockers', 'areas']) {
      if (id === 'findings') continue;
      expect(html, id).not.toContain(`<section id="${id}"`);
    }
    expect(html).toContain('No findings');
    expect(html).not.toContain('id="filters"');
    // The formula is always stated.
    expect(html).toContain('<section id="scoring"');
  });

  it('is self-contained: no remote URL in src, href or CSS url(), and a CSP that forbids loading', () => {
    for (const html of [renderHtml(example), renderHtml(evilRun()), renderHtml(minimalRun())]) {
      expect(html).not.toMatch(/\s(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
      expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
      // Only in-document references: url(#marker).
      for (const m of html.matchAll(/url\(\s*["']?([^)"']*)/gi)) expect(m[1].startsWith('#'), m[0]).toBe(true);
      expect(html).not.toMatch(/@import|<link[^>]+stylesheet|<iframe|<object|<embed/i);
      expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
      // The script hash in the CSP is the hash of the inline script.
      const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
      const hash = createHash('sha256').update(script).digest('base64');
      expect(html).toContain(`script-src &#39;sha256-${hash}&#39;`);
    }
  });

  it('states the formula with the weights scoring.ts uses', () => {
    const html = renderHtml(example);
    expect(html).toContain(`Scoring version ${SCORING_VERSION}.`);
    expect(html).toContain(`Security ${AREA_WEIGHTS.security}, Data safety ${AREA_WEIGHTS.data}`);
    expect(html).toContain(`critical ${SEVERITY_WEIGHTS.critical}, high ${SEVERITY_WEIGHTS.high}`);
    expect(html).toContain(`caps the overall score at ${CAP_OPEN_CRITICAL}`);
    expect(html).toContain(`an open high finding at ${CAP_OPEN_HIGH}`);
    expect(FORMULA.verdicts.map((v) => v.verdict)).toEqual(['NOT READY', 'NEEDS WORK', 'READY WITH RECOMMENDATIONS', 'PRODUCTION READY']);
    expect(html).toContain('NEEDS WORK</span> (overall below 75)');
    expect(html).toContain('critical 10, high 6, medium 3, low 1, info 0');
    expect(html).toContain('caps the overall score at 49');
    expect(renderHtml(minimalRun({ scoringVersion: 2 }))).toContain('scored with scoring version 2');
  });

  it('is registered as a format with the html extension', () => {
    expect(extensionFor('html')).toBe('html');
    expect(renderAs('html', example, { color: false })).toBe(renderHtml(example));
  });
});

describe('architecture diagram', () => {
  it('reads the Mermaid source shipready writes into nodes and edges', () => {
    const d = fromMermaid(example.architecture!.mermaid);
    const lines = example.architecture!.mermaid.trim().split('\n').slice(1);
    expect(d.nodes.length + d.edges.length).toBe(lines.length);
    expect(d.nodes.find((n) => n.id === 'clients')?.kind).toBe('client');
    expect(d.nodes.find((n) => n.id === 'store0')?.kind).toBe('store');
    expect(d.nodes.find((n) => n.id === 'app0')?.lines[0]).toBe('FastAPI app');
    expect(d.edges.some((e) => e.dashed)).toBe(true);
    expect(d.edges.find((e) => e.from === 'clients')?.label).toBe('HTTP');
  });

  it('lays nodes out in layers without overlaps, edges pointing rightwards', () => {
    const d = fromMermaid(example.architecture!.mermaid);
    const { placed, width, height } = layout(d);
    const boxes = [...placed.values()].filter((p) => p.node);
    expect(boxes).toHaveLength(d.nodes.length);
    for (const a of boxes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.w).toBeLessThanOrEqual(width);
      expect(a.y + a.h).toBeLessThanOrEqual(height);
      for (const b of boxes) {
        if (a === b) continue;
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    for (const e of d.edges) expect(placed.get(e.from)!.layer).toBeLessThan(placed.get(e.to)!.layer);
  });

  it('handles cycles, long edges and unknown ends', () => {
    const svg = diagramSvg({
      nodes: [
        { id: 'a', kind: 'app', lines: ['A'] },
        { id: 'b', kind: 'queue', lines: ['B'] },
        { id: 'c', kind: 'worker', lines: ['C'] },
        { id: 'd', kind: 'store', lines: ['D'] },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a', label: 'back' },
        { from: 'a', to: 'd' },
        { from: 'b', to: 'd' },
        { from: 'a', to: 'c' },
        { from: 'a', to: 'missing' },
        { from: 'a', to: 'a' },
      ],
    });
    expect(svg).toContain('marker-start="url(#arr-back)"');
    expect(svg.match(/class="node /g)).toHaveLength(4);
    expect(svg).not.toContain('NaN');
    expect(diagramSvg({ nodes: [], edges: [] })).toBe('');
  });
});
