/** The inventory: services, apps, routes, data stores, queues, workers, providers, and the diagram. */
import type { Run } from '../../report/schema.js';
import { cell, code, where } from './util.js';

const yesNo = (b: boolean) => (b ? 'yes' : '**no**');

export function inventorySection(run: Run): string[] {
  const inv = run.inventory;
  const out: string[] = [];
  const services = inv.services.filter((s) => s.manifests.length > 0 || s.kind !== 'unknown');
  if (services.length) {
    out.push('### Services', '', '| directory | kind | manifests |', '|---|---|---|');
    for (const s of services) out.push(`| ${s.dir || '.'} | ${s.kind} | ${s.manifests.join(', ')} |`);
    out.push('');
  }
  if (inv.apps?.length) {
    out.push('### Web apps', '', '| framework | created at | routes |', '|---|---|---:|');
    for (const a of inv.apps) out.push(`| ${a.framework} | ${where(a.location)} | ${a.routes} |`);
    out.push('');
  }
  if (inv.routes.length) {
    const noLimit = inv.routes.filter((r) => !r.rateLimited).length;
    const noAuth = inv.routes.filter((r) => !r.auth).length;
    out.push(`### Routes (${inv.routes.length})`, '', `${noAuth} without authentication, ${noLimit} without a rate limit, ${inv.routes.filter((r) => r.callsLlm).length} calling a model provider.`, '');
    out.push('| method | path | auth | rate limit | calls LLM | where |', '|---|---|---|---|---|---|');
    for (const r of inv.routes) out.push(`| ${r.method} | ${code(cell(r.path))} | ${yesNo(r.auth)} | ${yesNo(r.rateLimited)} | ${r.callsLlm ? 'yes' : 'no'} | ${where(r.location)} |`);
    out.push('');
  }
  if (inv.dataStores?.length) {
    out.push('### Data stores', '', '| store | client | evidence |', '|---|---|---|');
    for (const d of inv.dataStores) out.push(`| ${d.title} | ${d.clients.join(', ') || 'driver only'} | ${d.evidence.map(where).join(', ')} |`);
    out.push('');
  }
  if (inv.queues?.length || inv.workers?.length) {
    out.push('### Queues and workers', '');
    for (const q of inv.queues ?? []) {
      out.push(`**${q.framework}** tasks:`, '', '| task | time limit | defined at |', '|---|---|---|');
      for (const t of q.tasks) out.push(`| ${code(cell(t.name))} | ${yesNo(t.timeLimit)} | ${where(t.location)} |`);
      out.push('');
    }
    if (inv.workers?.length) {
      out.push('| worker | started by | concurrency | where |', '|---|---|---|---|');
      for (const w of inv.workers) {
        const started = w.command ? `${code(cell(w.command))}${w.background ? ' in the background' : ''}${w.via ? ` (run by ${where(w.via)})` : ''}` : 'constructed in code';
        out.push(`| ${w.framework} ${w.role === 'in-code' ? 'worker' : w.role} | ${started} | ${w.concurrency ?? (w.role === 'in-code' ? 'set in code (not read)' : 'default')} | ${where(w.location)} |`);
      }
      out.push('');
    }
  }
  if (inv.providers?.length) {
    out.push('### External providers', '', '| provider | kind | calls | from routes | where |', '|---|---|---:|---:|---|');
    for (const p of inv.providers) out.push(`| ${cell(p.name)} | ${p.kind} | ${p.kind === 'monitoring' ? 'initialised' : p.calls} | ${p.routes} | ${p.evidence.slice(0, 3).map(where).join(', ')} |`);
    out.push('');
  }
  if (run.architecture) {
    out.push('### Architecture', '', 'Drawn from the inventory above: solid edges are reached from routes, dotted ones from code the facts do not tie to a route.', '');
    out.push('```mermaid', run.architecture.mermaid.trimEnd(), '```', '');
  }
  return out.length ? ['## Inventory', '', ...out] : [];
}
