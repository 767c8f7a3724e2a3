/**
 * The HTML report: one self-contained file that works from disk and makes no network request.
 * Inline CSS, one small inline script (allowed by hash in the page's Content-Security-Policy), an
 * inline-SVG gauge and architecture diagram. Every string from the scanned repository is escaped.
 * Sections the run object does not carry are left out.
 */
import { createHash } from 'node:crypto';
import type { Run } from '../report/schema.js';
import { formulaHtml } from './html/formula.js';
import { architecture, inventory } from './html/inventory.js';
import { SCRIPT } from './html/script.js';
import { analysisProblems, backlog, checklist, envTable, runbook, scaling, strengths } from './html/sections.js';
import { STYLES } from './html/styles.js';
import { areaBars, blockers, findings, header, page } from './html/template.js';
import { section } from './html/util.js';

const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

export function renderHtml(run: Run): string {
  const blocking = blockers(run);
  const sections: { id: string; title: string; body: string }[] = [
    { id: 'areas', title: 'Scores by area', body: areaBars(run) },
    { id: 'blockers', title: 'Blocks launch', body: blocking },
    { id: 'findings', title: `Findings (${run.findings.length})`, body: findings(run) },
    { id: 'strengths', title: 'Strengths', body: strengths(run) },
    { id: 'backlog', title: 'Backlog', body: backlog(run.backlog) },
    { id: 'checklist', title: 'Launch checklist', body: checklist(run.checklist) },
    { id: 'env', title: 'Environment variables', body: envTable(run) },
    { id: 'runbook', title: 'Runbook', body: runbook(run.runbook) },
    { id: 'inventory', title: 'Inventory', body: inventory(run) },
    { id: 'architecture', title: 'Architecture', body: architecture(run) },
    { id: 'scaling', title: 'Scaling notes', body: scaling(run.scaling) },
    { id: 'scoring', title: 'How the score is computed', body: formulaHtml(run.scoringVersion) },
    { id: 'problems', title: 'Analysis problems', body: analysisProblems(run) },
  ].filter((s) => s.body !== '');
  const toc = sections.map(({ id, title }) => ({ id, title: title.replace(/ \(\d+\)$/, '') }));
  const body = [header(run, toc), ...sections.map((s) => section(s.id, s.title, s.body))].join('\n');
  return page({
    title: `shipready: ${run.target.path} — ${run.score.overall}/100 ${run.score.verdict}`,
    styles: STYLES,
    script: SCRIPT,
    scriptHash: SCRIPT_HASH,
    body,
  });
}
