/**
 * Adds the report sections to a run: executive summary, backlog, launch checklist, runbook,
 * inventory of apps, stores, queues, workers and providers, architecture diagram, scaling notes,
 * and the code example of each failing check. Each section is computed by its own module from the
 * run and the facts; a section with nothing to say is left out.
 */
import { buildArchitecture } from './architecture.js';
import { buildBacklog } from './backlog.js';
import { buildChecklist } from './checklist.js';
import { exampleFor } from './examples.js';
import { buildApps, buildDataStores, buildProviders, buildQueues, buildWorkers } from './inventory.js';
import { platformFor } from './knowledge/platforms.js';
import { startLines } from './processes.js';
import type { ReportFacts } from './report-facts.js';
import { buildRunbook } from './runbook.js';
import { buildScaling } from './scaling.js';
import type { Run } from './schema.js';
import { buildSummary } from './summary.js';

export function withSections(run: Run, facts: ReportFacts): Run {
  const stackIds = run.stack.map((s) => s.id);
  const ops = platformFor(stackIds);
  const lines = startLines(facts);
  const services = run.inventory.services;

  const apps = buildApps(facts, services);
  const dataStores = buildDataStores(facts, run.stack, run.inventory.envVars);
  const queues = buildQueues(facts);
  const workers = buildWorkers(facts, lines);
  const providers = buildProviders(facts, run.stack);
  const inventory: Run['inventory'] = {
    ...run.inventory,
    ...(apps.length ? { apps } : {}),
    ...(dataStores.length ? { dataStores } : {}),
    ...(queues.length ? { queues } : {}),
    ...(workers.length ? { workers } : {}),
    ...(providers.length ? { providers } : {}),
  };

  const checks = run.checks.map((c) => {
    if (c.outcome !== 'fail') return c;
    const mine = run.findings.filter((f) => f.checkId === c.id);
    // A fix that already carries a code block needs no second example.
    if (mine.every((f) => f.fix.includes('```'))) return c;
    const example = exampleFor(c.id, mine.map((f) => f.location.path));
    return example ? { ...c, example } : c;
  });
  const backlog = buildBacklog(run.findings);
  const checklist = buildChecklist({ checks, findings: run.findings, backlog, stackIds, ops, envVars: run.inventory.envVars, routes: run.inventory.routes });
  const runbook = buildRunbook({ stack: run.stack, facts, lines, ops, envVars: run.inventory.envVars });
  const architecture = buildArchitecture(inventory);
  const scaling = buildScaling({ stack: run.stack, facts, lines, ops });

  return {
    ...run,
    inventory,
    checks,
    summary: buildSummary(run, backlog),
    ...(backlog ? { backlog } : {}),
    ...(checklist ? { checklist } : {}),
    ...(runbook ? { runbook } : {}),
    ...(architecture ? { architecture } : {}),
    ...(scaling ? { scaling } : {}),
  };
}
