/**
 * Health routes served by a library instead of a handler in the code: `app.use('/health',
 * expressHealthcheck())`, `createTerminus(server, { healthChecks: { '/healthz': check } })` and
 * @fastify/under-pressure's `exposeStatusRoute`. Their handler is null (or the check function).
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import { nodeHandler } from './express.js';
import type { Program } from './program.js';
import type { Extraction } from './types.js';

const HEALTH_PACKAGE = /health|terminus/i;

/** `app.use('/health', healthcheck())`: a middleware from a health-check package mounted at a path. */
export function healthMiddlewareRoute(prog: Program, out: Extraction, model: CodeModel, c: CallSite, owner: string, prefix: string | null, arg: Value): boolean {
  if (prefix === null || arg.kind !== 'call') return false;
  const sym = prog.resolveName(model.file, (arg.callee ?? '').split('.')[0]);
  // `require('express-healthcheck')()`: the package is the inner require's argument.
  const required = arg.callee === 'require()' && model.calls.some((x) => x.callee === 'require' && x.line === arg.line && HEALTH_PACKAGE.test(x.args[0]?.value ?? ''));
  if (!required && (sym?.kind !== 'external' || !HEALTH_PACKAGE.test(sym.module))) return false;
  const fw = out.objects.get(owner)?.framework ?? 'express';
  out.routes.push({ framework: fw, method: 'GET', path: prefix, file: model.file, line: c.line, handler: null, owner, auth: null, rateLimit: null, entries: [] });
  return true;
}

/** createTerminus / @fastify/under-pressure health routes in Node files. */
export function extractHealthLibraries(prog: Program, files: string[], out: Extraction): void {
  for (const file of files) {
    const model = prog.model(file) as CodeModel;
    for (const c of model.calls) {
      if (c.name === 'createTerminus') {
        const sym = prog.resolveName(file, c.callee.split('.')[0]);
        if (sym?.kind !== 'external' || !/terminus/.test(sym.module)) continue;
        const checks = c.args[1]?.entries?.find((e) => e.key === 'healthChecks')?.value;
        for (const e of checks?.entries ?? []) {
          if (!e.key.startsWith('/')) continue;
          out.routes.push({ framework: 'express', method: 'GET', path: e.key, file, line: e.value.line, handler: nodeHandler(prog, file, e.value), auth: null, rateLimit: null, entries: [] });
        }
      } else if (c.name === 'register' && c.args[0]) {
        const sym = prog.resolveName(file, c.args[0].text);
        if (sym?.kind !== 'external' || !/under-pressure/.test(sym.module)) continue;
        const expose = c.args[1]?.entries?.find((e) => e.key === 'exposeStatusRoute')?.value;
        if (!expose || (expose.kind === 'bool' && expose.value === 'false')) continue;
        const path = expose.kind === 'string' ? (expose.value ?? '/status') : (expose.entries?.find((e) => e.key === 'url')?.value.value ?? '/status');
        out.routes.push({ framework: 'fastify', method: 'GET', path, file, line: c.line, handler: null, auth: null, rateLimit: null, entries: [] });
      }
    }
  }
}
