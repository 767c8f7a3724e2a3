/**
 * Error boundaries of a React front end: what keeps one component's render error from blanking the
 * whole page. Recognised forms:
 * - a class component with `componentDidCatch` or `static getDerivedStateFromError`;
 * - an element or wrapper named like one: `<ErrorBoundary>` (react-error-boundary, Sentry),
 *   `<Sentry.ErrorBoundary>`, `withErrorBoundary(…)`, an exported `ErrorBoundary` function
 *   (React Router / Remix route modules);
 * - router-level boundaries: `errorComponent` (TanStack Router), `errorElement` (React Router data
 *   routers) as an option or a JSX attribute;
 * - Next.js App Router `error.tsx` / `global-error.tsx` files.
 */
import { evidenceForFile, type Evidence } from '../../core/evidence.js';
import type { CodeModel, Value } from '../code/model.js';
import type { RepoContext } from '../repo.js';
import { relativeTo, type AppShell } from './apps.js';

const LIFECYCLE = new Set(['componentDidCatch', 'getDerivedStateFromError']);
const ROUTER_KEYS = new Set(['errorComponent', 'errorElement', 'ErrorBoundary']);
const NEXT_ERROR_FILE = /(^|\/)app\/(.+\/)?(error|global-error)\.[cm]?[jt]sx?$/;

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** `errorElement` / `errorComponent` keys in route objects, nested lists (`children: [...]`) included. */
function routerOptions(v: Value, found: (key: string, v: Value) => void): void {
  for (const item of v.items ?? []) routerOptions(item, found);
  for (const entry of v.entries ?? []) {
    if (ROUTER_KEYS.has(entry.key)) found(entry.key, entry.value);
    else routerOptions(entry.value, found);
  }
}

function inModel(repo: RepoContext, m: CodeModel): Evidence[] {
  const out: Evidence[] = [];
  const ev = (line: number, note: string) => out.push(repo.ev(m.file, line, { note }));
  for (const f of m.functions) {
    if (f.className !== undefined && LIFECYCLE.has(f.name)) ev(f.line, `${f.className}.${f.name}`);
    else if (f.name === 'ErrorBoundary' && f.className === undefined) ev(f.line, 'ErrorBoundary route export');
  }
  for (const e of m.jsxElements) {
    if (lastSegment(e.name).endsWith('ErrorBoundary')) ev(e.line, `<${e.name}>`);
    for (const a of e.attributes) if (ROUTER_KEYS.has(a.name) && a.value) ev(a.line, `${a.name} on <${e.name}>`);
  }
  // Route objects may be built apart from the router call: `const routes = [{ errorElement: … }]`.
  for (const a of m.assignments) routerOptions(a.value, (key, v) => ev(v.line, `${key} in ${a.target}`));
  for (const c of m.calls) {
    if (c.name === 'withErrorBoundary') ev(c.line, c.callee);
    for (const a of c.args) routerOptions(a, (key, v) => ev(v.line, `${key} in ${c.callee}()`));
  }
  return out;
}

export function collectErrorBoundaries(repo: RepoContext, shell: AppShell): Evidence[] {
  const out: Evidence[] = [];
  const nextjs = shell.app.frameworks.includes('nextjs');
  for (const m of shell.models) {
    if (nextjs && NEXT_ERROR_FILE.test(relativeTo(shell.app.service, m.file))) out.push(evidenceForFile(m.file, 'Next.js error boundary file'));
    out.push(...inModel(repo, m));
  }
  return out;
}
