/** Inventory (stack, services, apps, routes, stores, queues, workers, providers) and the architecture section. */
import type { Run } from '../../report/schema.js';
import { diagramSvg, type Diagram } from './diagram.js';
import { fromMermaid } from './mermaid.js';
import { esc, locations, plural, table, where } from './util.js';

type Inventory = Run['inventory'];

function loc(e: { file: string; line: number } | undefined): string {
  return e ? `<span class="loc">${esc(where(e))}</span>` : '';
}

function flag(v: boolean): string {
  return v ? '✓' : '<span class="muted">—</span>';
}

export function inventory(run: Run): string {
  const inv: Inventory = run.inventory;
  const parts: string[] = [];
  if (run.stack.length) {
    parts.push(`<h3>Stack</h3>${table(['detected', 'evidence'], run.stack.map((s) => [esc(s.title), locations(s.evidence, 2)]))}`);
  }
  const services = inv.services.filter((s) => s.dir !== '' || s.manifests.length > 0);
  if (services.length) {
    parts.push(`<h3>Services</h3>${table(['folder', 'kind', 'manifests'], services.map((s) => [`<code>${esc(s.dir || '.')}</code>`, esc(s.kind), esc(s.manifests.join(', '))]))}`);
  }
  if (inv.apps?.length) {
    parts.push(`<h3>Web apps</h3>${table(['framework', 'service', 'routes', 'created at'], inv.apps.map((a) => [esc(a.framework), `<code>${esc(a.service || '.')}</code>`, String(a.routes), loc(a.location)]))}`);
  }
  if (inv.routes.length) {
    const rows = inv.routes.map((r) => [
      `<code>${esc(r.method)}</code>`,
      `<code>${esc(r.path)}</code>`,
      flag(r.auth),
      flag(r.rateLimited),
      flag(r.callsLlm),
      loc(r.location),
    ]);
    parts.push(`<h3>Routes (${inv.routes.length})</h3>${table(['method', 'path', 'auth', 'rate limit', 'calls LLM', 'defined at'], rows, 'routes')}`);
  }
  if (inv.dataStores?.length) {
    parts.push(`<h3>Data stores</h3>${table(['store', 'clients', 'evidence'], inv.dataStores.map((d) => [esc(d.title), esc(d.clients.join(', ')), locations(d.evidence)]))}`);
  }
  if (inv.queues?.length) {
    const rows = inv.queues.flatMap((q) =>
      q.tasks.map((t) => [esc(q.framework), `<code>${esc(t.name)}</code>`, t.timeLimit ? 'yes' : '<span class="no">no</span>', loc(t.location)]),
    );
    parts.push(`<h3>Task queues</h3>${table(['framework', 'task', 'time limit', 'defined at'], rows)}`);
  }
  if (inv.workers?.length) {
    const rows = inv.workers.map((w) => [
      `${esc(w.framework)} ${esc(w.role)}`,
      w.command ? `<code>${esc(w.command)}</code>` : '',
      esc(w.concurrency ?? ''),
      w.background ? '<span class="no">background of another process</span>' : 'own process',
      `${loc(w.location)}${w.via ? ` <span class="muted">via</span> ${loc(w.via)}` : ''}`,
    ]);
    parts.push(`<h3>Workers</h3>${table(['worker', 'command', 'concurrency', 'runs as', 'started at'], rows)}`);
  }
  if (inv.providers?.length) {
    const rows = inv.providers.map((p) => [esc(p.name), esc(p.kind), String(p.calls), String(p.routes), locations(p.evidence, 2)]);
    parts.push(`<h3>External providers</h3>${table(['provider', 'kind', 'calls', 'routes', 'evidence'], rows)}`);
  }
  return parts.join('\n');
}

function name(d: Diagram, id: string): string {
  return d.nodes.find((n) => n.id === id)?.lines[0] ?? id;
}

/** The diagram's nodes and edges: from the run object when it carries them, else read from its Mermaid source. */
export function diagramOf(arch: NonNullable<Run['architecture']>): Diagram {
  return fromMermaid(arch.mermaid);
}

export function architecture(run: Run): string {
  const arch = run.architecture;
  if (!arch) return '';
  const d = diagramOf(arch);
  const svg = diagramSvg(d);
  if (!svg) return '';
  const dashed = d.edges.some((e) => e.dashed);
  return `<p class="meta">Drawn from the inventory: ${plural(d.nodes.length, 'component')}, ${plural(d.edges.length, 'connection')}.${dashed ? ' A solid arrow is proven by a route that reaches the component; a dashed one means the code uses it from somewhere not tied to a route.' : ''}</p>
<div class="diagram">${svg}</div>
<p class="meta narrow-only">Scroll the diagram sideways to see all of it.</p>
<details class="rb"><summary>Connections as a list</summary><ul class="edges">${d.edges.map((e) => `<li>${esc(name(d, e.from))} → ${esc(name(d, e.to))}${e.label ? ` <span class="muted">(${esc(e.label)})</span>` : ''}${e.dashed ? ' <span class="muted">— from code, not tied to a route</span>' : ''}</li>`).join('')}</ul></details>
<details class="rb"><summary>Mermaid source</summary><pre><code>${esc(arch.mermaid)}</code></pre></details>`;
}
