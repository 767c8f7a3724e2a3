/**
 * Shared by the "capability present?" rules (error tracking, metrics, request ids, structured logs,
 * exception handlers, migrations): which services must have the capability, where the fix goes for
 * each, and which markers count for which service. Pure functions of facts; no framework branching.
 *
 * A repository may hold several services (backend/, frontend/, worker/). A capability counts for a
 * service when its marker sits in that service, or in a shared package: a service that is not
 * itself checked and is not a front end or worker (a `packages/observability` library, the root of a
 * workspace). So a Sentry init in the React front end never passes the API's check.
 */
import { evidenceForFile, type Evidence } from '../evidence.js';
import { fixKeyForFramework } from './frameworks.js';
import { fail, notApplicable, pass, type Finding, type FixKey, type RuleResult } from '../rule.js';
import type { AppEntry, FactMap, Framework, Marker, MarkerKind } from '../../facts/fact-map.js';

export type ServiceFacts = Pick<FactMap, 'appEntries' | 'files' | 'services'>;

export interface ServiceTarget {
  /** Service root dir ('' = repository root). */
  service: string;
  kind: 'backend' | 'frontend';
  /** Where the fix goes: the app entry, else the service manifest as a whole. */
  anchor: Evidence;
  frameworks: Framework[];
  entries: AppEntry[];
}

const CODE = new Set(['python', 'typescript', 'javascript', 'tsx', 'jsx']);
const ENTRY_NAMES = /(^|\/)(main|app|server|index|settings)\.[a-z]+$/;
/** Django's wsgi.py / asgi.py only hand the app to the server; settings.py is where set-up goes. */
const SERVER_SHIMS = /(^|\/)(wsgi|asgi)\.py$/;

export function serviceOf(facts: Pick<FactMap, 'files'>): (path: string) => string {
  const byPath = new Map(facts.files.map((f) => [f.path, f.service]));
  return (path) => byPath.get(path) ?? '';
}

export function describeService(service: string): string {
  return service === '' ? 'the repository root' : `${service}/`;
}

/** " in backend/" for a nested service, "" for the repository root (one service needs no location). */
export function inService(service: string): string {
  return service === '' ? '' : ` in ${service}/`;
}

const FRAMEWORK_NAMES: Record<Framework, string> = {
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
};

export function frameworkName(f: Framework): string {
  return FRAMEWORK_NAMES[f];
}

/**
 * Back-end services: those where a web app is created; when no app object is recognised anywhere,
 * the back-end services found by their manifests instead.
 */
export function backendTargets(facts: ServiceFacts): ServiceTarget[] {
  const svc = serviceOf(facts);
  const byService = new Map<string, AppEntry[]>();
  for (const e of facts.appEntries) {
    const s = svc(e.evidence.file);
    byService.set(s, [...(byService.get(s) ?? []), e]);
  }
  const out: ServiceTarget[] = [];
  for (const [service, entries] of byService) {
    const sorted = [...entries].sort(entryOrder);
    out.push({ service, kind: 'backend', anchor: sorted[0].evidence, frameworks: [...new Set(sorted.map((e) => e.framework))], entries: sorted });
  }
  // Only when no app object was recognised anywhere (e.g. `require('fastify')()`): otherwise a folder
  // that merely looks like a back end (a stray manage.py) would be checked as a service of its own.
  for (const s of byService.size > 0 ? [] : facts.services) {
    if (s.kind !== 'backend' || !hasAppCode(facts, s.dir)) continue;
    out.push({ service: s.dir, kind: 'backend', anchor: manifestEvidence(facts, s.dir, s.manifests, 'back-end service'), frameworks: [], entries: [] });
  }
  return out.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

/**
 * Front-end services deployed to browsers: application code plus a page entry (an `index.html`, or a
 * Next.js / Nuxt / SvelteKit / Remix / Astro config). A React package with neither (email templates,
 * a component library) renders nowhere on its own and is not checked.
 */
export function frontendTargets(facts: ServiceFacts): ServiceTarget[] {
  return facts.services
    .filter((s) => s.kind === 'frontend' && hasAppCode(facts, s.dir) && hasPageEntry(facts, s.dir))
    .map((s) => ({ service: s.dir, kind: 'frontend' as const, anchor: manifestEvidence(facts, s.dir, s.manifests, 'front end'), frameworks: [], entries: [] }));
}

/** Markers of `kind` that count for `target` (same service, or a shared package). */
export function covering(target: ServiceTarget, markers: readonly Marker[], kind: MarkerKind, facts: ServiceFacts, targets: readonly ServiceTarget[]): Marker[] {
  const svc = serviceOf(facts);
  const checked = new Set(targets.map((t) => t.service));
  const kinds = new Map(facts.services.map((s) => [s.dir, s.kind]));
  return markers.filter((m) => {
    if (m.kind !== kind) return false;
    const s = svc(m.evidence.file);
    return s === target.service || (!checked.has(s) && kinds.get(s) === 'unknown');
  });
}

/** Code evidence (no note) before import-only and manifest-only evidence. */
export function strongestFirst(markers: readonly Marker[]): Marker[] {
  return [...markers].sort((a, b) => Number(!!a.evidence.note) - Number(!!b.evidence.note));
}

/** A short "what and where" for pass summaries: `sentry (app/main.py:12)`. */
export function cite(m: Marker): string {
  const where = m.evidence.line > 0 ? `${m.evidence.file}:${m.evidence.line}` : m.evidence.file;
  return `${m.detail} (${where}${m.evidence.note ? `; ${m.evidence.note}` : ''})`;
}

export function fixKeyOf(target: ServiceTarget): FixKey | undefined {
  const f = target.frameworks[0];
  return f ? fixKeyForFramework(f) : undefined;
}

export function frameworkLabel(target: ServiceTarget): string {
  return target.frameworks.length ? `${target.frameworks.map(frameworkName).join('/')} app` : 'back-end service';
}

const PAGE_ENTRY = /^((public\/|src\/)?index\.html|(next|nuxt|svelte|remix|astro)\.config\.[cm]?[jt]s)$/;

function hasPageEntry(facts: ServiceFacts, dir: string): boolean {
  const prefix = dir === '' ? '' : `${dir}/`;
  return facts.files.some((f) => f.service === dir && f.path.startsWith(prefix) && PAGE_ENTRY.test(f.path.slice(prefix.length)));
}

function hasAppCode(facts: ServiceFacts, dir: string): boolean {
  return facts.files.some((f) => f.service === dir && f.role === 'app' && CODE.has(f.language));
}

function manifestEvidence(facts: ServiceFacts, dir: string, manifests: readonly string[], note: string): Evidence {
  const name = manifests.find((m) => m === 'package.json') ?? manifests[0];
  if (!name) {
    const code = facts.files.find((f) => f.service === dir && f.role === 'app' && CODE.has(f.language));
    return evidenceForFile(code?.path ?? dir, note);
  }
  return evidenceForFile(dir === '' ? name : `${dir}/${name}`, note);
}

/** The app entry a reader would open first: main/app/server/index/settings files, then others, then wsgi/asgi shims; shorter paths first. */
function entryOrder(a: AppEntry, b: AppEntry): number {
  const rank = (e: AppEntry) => (ENTRY_NAMES.test(e.evidence.file) ? 0 : SERVER_SHIMS.test(e.evidence.file) ? 2 : 1);
  const pa = rank(a);
  const pb = rank(b);
  if (pa !== pb) return pa - pb;
  if (a.evidence.file.length !== b.evidence.file.length) return a.evidence.file.length - b.evidence.file.length;
  if (a.evidence.file !== b.evidence.file) return a.evidence.file < b.evidence.file ? -1 : 1;
  return a.evidence.line - b.evidence.line;
}

export interface PresenceOptions {
  kind: MarkerKind;
  targets: readonly ServiceTarget[];
  /** Reason when there is nothing to check. */
  naReason: string;
  /** Which markers of `kind` credit a service (default: all). */
  credits?: (m: Marker) => boolean;
  /** The finding for a service without the capability. */
  missing: (target: ServiceTarget) => Finding;
  /** Pass summary prefix: "Error tracking initialised". */
  passLabel: string;
}

/**
 * The common shape of "is X set up": every target service needs a crediting marker. Passing services
 * cite their strongest marker; each failing service is one finding anchored where the fix goes.
 */
export function presence(facts: ServiceFacts & Pick<FactMap, 'markers'>, o: PresenceOptions): RuleResult {
  if (o.targets.length === 0) return notApplicable(o.naReason);
  const findings: Finding[] = [];
  const strengths: Marker[] = [];
  for (const t of o.targets) {
    const found = strongestFirst(covering(t, facts.markers, o.kind, facts, o.targets).filter((m) => !o.credits || o.credits(m)));
    if (found.length === 0) findings.push(o.missing(t));
    else if (!strengths.includes(found[0])) strengths.push(found[0]);
  }
  if (findings.length > 0) return fail(findings);
  return pass(`${o.passLabel}: ${strengths.map(cite).join('; ')}`, strengths.map((m) => m.evidence));
}
