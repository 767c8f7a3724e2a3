/**
 * unhandled-rejection: per Node service that runs its own server process (Express, Fastify, NestJS,
 * Koa, Hono or a plain `http.createServer`, and something calls `.listen(` or a production start
 * command runs a file with node / pm2), what handles
 * process-level errors anywhere in that service:
 * - `process.on` / `once` / `addListener` / `prependListener('unhandledRejection' | 'uncaughtException', …)`,
 *   `process.setUncaughtExceptionCaptureCallback(…)`. Either event is enough: since Node 15 an
 *   unhandled rejection with no `unhandledRejection` listener is raised as an uncaught exception.
 * - `Sentry.init(...)` from `@sentry/node` / `@sentry/nestjs` / `@sentry/bun`, whose default
 *   integrations register both handlers once a DSN is set (not with `defaultIntegrations: false`
 *   or `enabled: false`);
 * - `closeWithGrace(...)` (close-with-grace listens to both events by default).
 * `exit-hook`, `@godaddy/terminus` and `http-terminator` only handle signals and get no credit.
 * Next.js apps are left out (the platform owns the process), as are apps never started with
 * `.listen(` (serverless handlers, apps only imported by tests).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel } from '../code/model.js';
import type { FactMap, Framework, ProcessErrorHandling } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const SERVER_FRAMEWORKS = new Set<Framework>(['express', 'fastify', 'nestjs', 'koa', 'hono']);
const EVENTS = new Set(['unhandledRejection', 'uncaughtException']);
const LISTEN = /^process\.(on|once|addListener|prependListener|prependOnceListener)$/;
const SENTRY = /^@sentry\/(node|nestjs|bun|aws-serverless|google-cloud-serverless)$/;
/** A production start command that runs a Node server file (`node ./bin/www`, `pm2-runtime dist/main.js`). */
const NODE_START = /(^|[\s;&|])(node|nodemon|ts-node|tsx|bun|pm2|pm2-runtime)\s+\S/;
const ENTRY_FILE = /(^|\/)(main|app|server|index)\.[a-z]+$/;

export function collectProcessErrorHandling(repo: RepoContext, facts: FactMap): ProcessErrorHandling[] {
  const models = new Map<string, CodeModel[]>();
  for (const model of repo.models.values()) {
    const file = repo.file(model.file);
    if (!file || model.language === 'python' || (file.role !== 'app' && file.role !== 'config')) continue;
    models.set(file.service, [...(models.get(file.service) ?? []), model]);
  }
  const entries = new Map<string, { framework: Framework | 'http'; evidence: Evidence }>();
  const ordered = [...facts.appEntries].sort((a, b) => Number(ENTRY_FILE.test(b.evidence.file)) - Number(ENTRY_FILE.test(a.evidence.file)));
  for (const e of ordered) {
    const service = repo.file(e.evidence.file)?.service ?? '';
    if (SERVER_FRAMEWORKS.has(e.framework) && !entries.has(service)) entries.set(service, { framework: e.framework, evidence: e.evidence });
  }
  // Plain `http.createServer(...)` (or a routing-controllers server) where no framework app was found.
  for (const [service, list] of models) {
    if (entries.has(service)) continue;
    for (const m of list) {
      if (repo.file(m.file)?.role !== 'app') continue;
      const c = m.calls.find((c) => /^(https?\.)?createServer$/.test(c.callee) && importsHttp(m));
      // routing-controllers builds the Express / Koa app itself.
      const rc = m.imports.some((i) => i.module === 'routing-controllers') ? m.calls.find((c) => /^create(Express|Koa)Server$/.test(c.callee)) : undefined;
      if (rc) {
        entries.set(service, { framework: rc.callee.includes('Koa') ? 'koa' : 'express', evidence: repo.ev(m.file, rc.line) });
        break;
      }
      if (c) {
        entries.set(service, { framework: 'http', evidence: repo.ev(m.file, c.line) });
        break;
      }
    }
  }
  // Handlers in a shared package (a workspace library with no server of its own, not a front end) count for every server.
  const front = new Set(repo.discovery.services.filter((s) => s.kind === 'frontend').map((s) => s.dir));
  const shared = [...models.keys()].filter((s) => !entries.has(s) && !front.has(s));
  const out: ProcessErrorHandling[] = [];
  for (const [service, entry] of entries) {
    const list = models.get(service) ?? [];
    const started = facts.startCommands.some((c) => c.production && c.service === service && NODE_START.test(c.command) && !/\bnext\b/.test(c.command));
    if (!started && !list.some((m) => m.calls.some((c) => c.name === 'listen'))) continue;
    const handlers: Evidence[] = [];
    const libraries: Evidence[] = [];
    for (const m of [...list, ...shared.flatMap((s) => models.get(s) ?? [])]) {
      for (const c of m.calls) {
        if (isProcessHandler(c)) handlers.push(repo.ev(m.file, c.line, { note: `${c.callee}('${c.args[0]?.value ?? ''}')`.replace("('')", '()') }));
        else if (isSentryInit(m, c)) libraries.push(repo.ev(m.file, c.line, { note: 'Sentry.init registers unhandledRejection and uncaughtException handlers through its default integrations (once a DSN is set)' }));
        else if (c.callee === 'closeWithGrace' && m.imports.some((i) => i.module === 'close-with-grace')) {
          libraries.push(repo.ev(m.file, c.line, { note: 'close-with-grace handles uncaughtException and unhandledRejection' }));
        }
      }
    }
    out.push({ service, framework: entry.framework, entry: entry.evidence, handlers, libraries });
  }
  return out.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

function isProcessHandler(c: CallSite): boolean {
  if (c.callee === 'process.setUncaughtExceptionCaptureCallback') return true;
  return LISTEN.test(c.callee) && c.args[0]?.kind === 'string' && EVENTS.has(c.args[0].value ?? '');
}

function isSentryInit(m: CodeModel, c: CallSite): boolean {
  if (c.name !== 'init' || !m.imports.some((i) => SENTRY.test(i.module))) return false;
  if (c.callee !== 'init' && !/^\w+\.init$/.test(c.callee)) return false;
  const opts = c.args[0];
  const off = opts?.entries?.find((e) => e.key === 'defaultIntegrations');
  const disabled = opts?.entries?.find((e) => e.key === 'enabled');
  const isFalse = (v?: { kind: string; value?: string }) => v?.kind === 'bool' && v.value === 'false';
  return !isFalse(off?.value) && !isFalse(disabled?.value);
}

function importsHttp(m: CodeModel): boolean {
  return m.imports.some((i) => /^(node:)?https?$/.test(i.module));
}
