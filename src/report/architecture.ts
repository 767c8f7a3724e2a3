/**
 * The architecture diagram as Mermaid flowchart source, drawn only from the inventory: web apps,
 * data stores, task queues, workers and external providers. A solid edge is proven by a route that
 * reaches the thing; a dotted one means the code uses it from somewhere the facts do not tie to a route.
 */
import { serviceOf } from './inventory.js';
import type { Run } from './schema.js';

type Inventory = Run['inventory'];

export function buildArchitecture(inv: Inventory): { mermaid: string } | undefined {
  const apps = inv.apps ?? [];
  const workers = inv.workers ?? [];
  if (apps.length === 0 && workers.length === 0) return undefined;
  const services = inv.services;
  const lines = ['flowchart LR', '  clients(["Clients"])'];
  const edges: string[] = [];
  const sameService = (a: string, b: string) => serviceOf(a, services) === serviceOf(b, services);

  apps.forEach((a, i) => {
    lines.push(`  app${i}["${label(`${title(a.framework)} app`, at(a.location), `${a.routes} routes`)}"]`);
    edges.push(`  clients -->|HTTP| app${i}`);
  });
  const stores = inv.dataStores ?? [];
  stores.forEach((s, i) => {
    lines.push(`  store${i}[("${label(s.title, s.clients.join(', '))}")]`);
    apps.forEach((a, j) => {
      if (s.evidence.some((e) => sameService(e.file, a.location.file))) edges.push(`  app${j} --> store${i}`);
    });
  });
  const queues = inv.queues ?? [];
  queues.forEach((q, i) => {
    lines.push(`  queue${i}[["${label(`${title(q.framework)} tasks`, `${q.tasks.length} defined`)}"]]`);
    apps.forEach((a, j) => {
      if (q.tasks.some((t) => sameService(t.location.file, a.location.file))) edges.push(`  app${j} -->|enqueue| queue${i}`);
    });
    // BullMQ keeps its jobs in Redis by design; Celery's broker is configuration the facts do not read.
    const redis = stores.findIndex((s) => s.kind === 'redis');
    if ((q.framework === 'bullmq' || q.framework === 'bull') && redis >= 0) edges.push(`  queue${i} -.->|stored in| store${redis}`);
  });
  workers.forEach((w, i) => {
    const what = w.role === 'beat' ? `${title(w.framework)} beat` : `${title(w.framework)} worker`;
    lines.push(`  worker${i}["${label(what, at(w.location), w.background ? 'background of the web start script' : '')}"]`);
    const q = queues.findIndex((x) => x.framework === w.framework);
    if (q >= 0) edges.push(w.role === 'beat' ? `  worker${i} -->|schedule| queue${q}` : `  queue${q} -->|consume| worker${i}`);
  });
  (inv.providers ?? []).forEach((p, i) => {
    lines.push(`  provider${i}{{"${label(p.kind === 'http' ? `HTTP API: ${p.name}` : p.name, at(p.evidence[0]))}"}}`);
    const app = apps.findIndex((a) => p.evidence.some((e) => sameService(e.file, a.location.file)));
    if (app < 0) return;
    if (p.routes > 0) edges.push(`  app${app} -->|${p.routes} route${p.routes === 1 ? '' : 's'}| provider${i}`);
    else edges.push(`  app${app} -.->|${p.kind === 'monitoring' ? 'errors' : 'from code'}| provider${i}`);
  });
  return { mermaid: `${[...lines, ...edges].join('\n')}\n` };
}

const TITLES: Record<string, string> = {
  fastapi: 'FastAPI',
  flask: 'Flask',
  django: 'Django',
  starlette: 'Starlette',
  express: 'Express',
  fastify: 'Fastify',
  nestjs: 'NestJS',
  nextjs: 'Next.js',
  koa: 'Koa',
  hono: 'Hono',
  celery: 'Celery',
  bullmq: 'BullMQ',
  bull: 'Bull',
  rq: 'RQ',
  dramatiq: 'Dramatiq',
};

function title(id: string): string {
  return TITLES[id] ?? id;
}

function at(e: { file: string; line: number } | undefined): string {
  if (!e) return '';
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}

/** Mermaid labels are quoted: a double quote would end them, and angle brackets read as HTML. */
function label(...parts: string[]): string {
  return parts
    .filter((p) => p.length > 0)
    .map((p) => p.replace(/"/g, "'").replace(/[<>]/g, ''))
    .join('<br/>');
}
