/**
 * The inventory: web apps, routes (with auth, rate-limit and LLM status), data stores, queues,
 * workers and external providers, each with the evidence it was found by.
 */
import type { Evidence } from '../core/evidence.js';
import type { Route } from '../facts/fact-map.js';
import { PROVIDERS } from './knowledge/providers.js';
import { workerLines, type StartLine } from './processes.js';
import type { ReportFacts } from './report-facts.js';
import type { Run } from './schema.js';

type Inventory = Run['inventory'];
type Stack = Run['stack'][number];

export function buildRouteInventory(routes: readonly Route[]): Inventory['routes'] {
  return routes.map((r) => ({
    method: r.method,
    path: r.path,
    framework: r.framework,
    location: r.evidence,
    auth: r.auth !== null,
    rateLimited: r.rateLimit !== null,
    callsLlm: r.llmCalls.length > 0,
  }));
}

/** The service directory a file belongs to: the longest service dir that contains it. */
export function serviceOf(file: string, services: readonly { dir: string }[]): string {
  let best = '';
  for (const s of services) if (s.dir && (file === s.dir || file.startsWith(`${s.dir}/`)) && s.dir.length > best.length) best = s.dir;
  return best;
}

export function buildApps(f: Pick<ReportFacts, 'appEntries' | 'routes'>, services: readonly { dir: string }[]): NonNullable<Inventory['apps']> {
  return f.appEntries.map((a) => {
    const service = serviceOf(a.evidence.file, services);
    return { framework: a.framework, service, routes: f.routes.filter((r) => serviceOf(r.evidence.file, services) === service).length, location: a.evidence };
  });
}

const SQL_CLIENT_TITLES: Record<string, string> = { postgres: 'PostgreSQL' };

export function buildDataStores(f: Pick<ReportFacts, 'dbEngines' | 'sqliteUses' | 'dependencies'>, stack: readonly Stack[], envVars: Inventory['envVars']): NonNullable<Inventory['dataStores']> {
  const out: NonNullable<Inventory['dataStores']> = [];
  const server = f.dbEngines.filter((e) => e.poolNotApplicable === null || !/sqlite/i.test(e.poolNotApplicable));
  const sqliteEngines = f.dbEngines.filter((e) => e.poolNotApplicable !== null && /sqlite/i.test(e.poolNotApplicable));
  const postgres = stack.find((s) => s.id === 'postgres');
  if (postgres) {
    // The driver package proves the server kind; the engines are where the code opens it.
    out.push({ kind: 'postgres', title: SQL_CLIENT_TITLES.postgres, clients: uniq(server.map((e) => e.kind)), evidence: [...postgres.evidence.slice(0, 1), ...server.map((e) => e.evidence)] });
  } else if (server.length > 0) {
    out.push({ kind: 'sql', title: `SQL database (${uniq(server.map((e) => e.kind)).join(', ')})`, clients: uniq(server.map((e) => e.kind)), evidence: server.map((e) => e.evidence) });
  }
  const sqlite = [...f.sqliteUses.filter((u) => !u.fallbackOnly).map((u) => u.evidence), ...sqliteEngines.map((e) => e.evidence)];
  if (sqlite.length > 0) out.push({ kind: 'sqlite', title: 'SQLite', clients: uniq(sqliteEngines.map((e) => e.kind)), evidence: sqlite });
  const redis = stack.find((s) => s.id === 'redis');
  if (redis) {
    // The client libraries are the dependencies the stack was detected by; the URL reads say where it is configured.
    const clients = f.dependencies.filter((d) => redis.evidence.some((e) => sameLine(e, d.evidence))).map((d) => d.name);
    const urls = envVars.filter((v) => /REDIS/i.test(v.name)).flatMap((v) => v.readAt.slice(0, 1));
    out.push({ kind: 'redis', title: 'Redis', clients: uniq(clients), evidence: [...redis.evidence.slice(0, 1), ...urls] });
  }
  return out;
}

export function buildQueues(f: Pick<ReportFacts, 'tasks'>): NonNullable<Inventory['queues']> {
  const frameworks = uniq(f.tasks.map((t) => t.framework));
  return frameworks.map((fw) => ({
    framework: fw,
    tasks: f.tasks.filter((t) => t.framework === fw).map((t) => ({ name: t.name, timeLimit: t.timeLimit !== null, location: t.evidence })),
  }));
}

export function buildWorkers(f: Pick<ReportFacts, 'tasks'>, lines: readonly StartLine[]): NonNullable<Inventory['workers']> {
  const out: NonNullable<Inventory['workers']> = workerLines(lines).map((w) => ({
    framework: w.framework,
    role: w.role,
    command: w.command,
    ...(w.app ? { app: w.app } : {}),
    ...(w.concurrency ? { concurrency: w.concurrency } : {}),
    background: w.background,
    location: w.evidence,
    ...(w.via ? { via: w.via } : {}),
  }));
  // A BullMQ Worker is constructed in code; whichever process imports that module runs it.
  for (const t of f.tasks) if (t.framework === 'bullmq' || t.framework === 'bull') out.push({ framework: t.framework, role: 'in-code', background: false, location: t.evidence });
  return out;
}

export function buildProviders(f: Pick<ReportFacts, 'llmClients' | 'llmCalls' | 'httpCalls' | 'markers' | 'routes'>, stack: readonly Stack[]): NonNullable<Inventory['providers']> {
  const out: NonNullable<Inventory['providers']> = [];
  const llmRoutes = routesByLine(f.routes, (r) => r.llmCalls);
  const httpRoutes = routesByLine(f.routes, (r) => r.httpCalls);
  for (const provider of uniq(f.llmClients.map((c) => c.provider as string).concat(f.llmCalls.map((c) => c.provider)))) {
    const calls = f.llmCalls.filter((c) => c.provider === provider);
    const title = PROVIDERS[provider]?.title ?? stack.find((s) => s.id === provider)?.title ?? provider;
    const routes = routesAt(llmRoutes, calls);
    out.push({ kind: 'llm', name: title, calls: calls.length, routes, evidence: [...f.llmClients.filter((c) => c.provider === provider).map((c) => c.evidence), ...calls.map((c) => c.evidence)] });
  }
  // Outbound HTTP calls, one provider per calling function: the facts give the client, not the host.
  const byFn = new Map<string, typeof f.httpCalls>();
  for (const c of f.httpCalls) {
    const key = `${c.evidence.file}\u0000${c.function}`;
    const list = byFn.get(key);
    if (list) list.push(c);
    else byFn.set(key, [c]);
  }
  for (const calls of byFn.values()) {
    const first = calls[0];
    const routes = routesAt(httpRoutes, calls);
    out.push({ kind: 'http', name: `${uniq(calls.map((c) => c.client)).join('/')} in ${first.function || 'module code'}()`, calls: calls.length, routes, evidence: calls.map((c) => c.evidence) });
  }
  const trackers = f.markers.filter((m) => m.kind === 'error-tracker');
  for (const tool of uniq(trackers.map((m) => m.detail))) {
    out.push({ kind: 'monitoring', name: tool, calls: 0, routes: 0, evidence: trackers.filter((m) => m.detail === tool).map((m) => m.evidence) });
  }
  return out;
}

/** `file:line` of a piece of evidence, to ask "is this one of those lines" with a set instead of a scan. */
function lineKey(e: Evidence): string {
  return `${e.file}\u0000${e.line}`;
}

/** Which routes (by index) make a call at each line. */
function routesByLine(routes: readonly Route[], callsOf: (r: Route) => readonly Evidence[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  routes.forEach((r, i) => {
    for (const e of callsOf(r)) {
      const k = lineKey(e);
      const list = out.get(k);
      if (!list) out.set(k, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return out;
}

/** How many routes make one of these calls. */
function routesAt(byLine: Map<string, number[]>, calls: readonly { evidence: Evidence }[]): number {
  const routes = new Set<number>();
  for (const c of calls) for (const i of byLine.get(lineKey(c.evidence)) ?? []) routes.add(i);
  return routes.size;
}

function sameLine(a: Evidence, b: Evidence): boolean {
  return a.file === b.file && a.line === b.line;
}

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
