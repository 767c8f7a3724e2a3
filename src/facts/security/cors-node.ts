/**
 * CORS policies of Node apps: the `cors` middleware (Express, Nest's enableCors, which wraps it),
 * `@fastify/cors`, Hono's `cors()`, Nest's `NestFactory.create(..., { cors })`, and a literal
 * `Access-Control-Allow-Origin: *` header set by hand. All of them default to every origin when no
 * `origin` option is given.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { CorsPolicy, Framework } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { callOf, entry, frameworkOf, importsModule, isTrue, resolveLiteral, stringItems } from './code-util.js';
import { regexAllowsAny } from './cors-python.js';

interface Origin {
  origins: string[] | null;
  allowsAny: boolean;
  /** `origin: true` echoes the caller's Origin; a literal "*" does not (browsers then refuse credentials). */
  reflects: boolean;
  note?: string;
}

/** Reads the `origin` option of cors / @fastify/cors / enableCors / hono cors. */
function readOrigin(m: CodeModel, opts: Value | undefined, at: CallSite): Origin {
  if (!opts) return { origins: ['*'], allowsAny: true, reflects: false, note: 'no options: every origin is allowed by default' };
  const resolved = resolveLiteral(m, opts, at);
  if (resolved?.kind !== 'dict') return { origins: null, allowsAny: false, reflects: false };
  const raw = entry(resolved, 'origin');
  if (!raw) return { origins: ['*'], allowsAny: true, reflects: false, note: 'no `origin` option: every origin is allowed by default' };
  const v = resolveLiteral(m, raw, at);
  if (v?.kind === 'bool') return v.value === 'true' ? { origins: null, allowsAny: true, reflects: true } : { origins: [], allowsAny: false, reflects: false };
  if (v?.kind === 'other' && /^\/.*\/[a-z]*$/.test(v.text)) {
    // A regex literal: /.*/ lets every site in.
    const body = v.text.slice(1, v.text.lastIndexOf('/'));
    const any = regexAllowsAny(body);
    return { origins: null, allowsAny: any, reflects: any };
  }
  const items = stringItems(v);
  if (items) return { origins: items, allowsAny: items.includes('*'), reflects: false };
  return { origins: null, allowsAny: false, reflects: false };
}

function policy(repo: RepoContext, m: CodeModel, fw: Framework, c: CallSite, opts: Value | undefined, note?: string): CorsPolicy {
  const o = readOrigin(m, opts, c);
  if (note) o.note = note;
  const dict = resolveLiteral(m, opts, c);
  const cred = dict?.kind === 'dict' ? entry(dict, 'credentials') : undefined;
  const methods = dict?.kind === 'dict' ? stringItems(resolveLiteral(m, entry(dict, 'methods'))) : null;
  const headers = dict?.kind === 'dict' ? stringItems(resolveLiteral(m, entry(dict, 'allowedHeaders') ?? entry(dict, 'allowHeaders'))) : null;
  return {
    framework: fw,
    evidence: repo.ev(m.file, c.line, { endLine: c.endLine, ...(o.note ? { note: o.note } : {}) }),
    origins: o.origins,
    allowsAny: o.allowsAny,
    reflectsOrigin: o.reflects,
    credentials: isTrue(cred) ? repo.ev(m.file, cred!.line) : null,
    methods: methods && methods.length ? methods : null,
    headers: headers && headers.length ? headers : null,
  };
}

/** Local names bound to a module by `const x = require('m')`; ESM default imports keep their conventional name. */
function requiredAs(m: CodeModel, test: (mod: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const a of m.assignments) {
    const call = callOf(m, a.value);
    if (call?.callee === 'require' && call.args[0]?.kind === 'string' && test(call.args[0].value ?? '')) out.add(a.target);
  }
  return out;
}

export function nodeCorsPolicies(repo: RepoContext, models: CodeModel[]): CorsPolicy[] {
  const out: CorsPolicy[] = [];
  for (const m of models) {
    if (m.language === 'python') continue;
    const fw = frameworkOf(m) ?? 'express';
    const isCorsPkg = (mod: string) => mod === 'cors' || mod === 'hono/cors';
    const corsNames = new Set(['cors', ...requiredAs(m, isCorsPkg)]);
    const hasCors = importsModule(m, isCorsPkg);
    const isFastifyCors = (mod: string) => mod === '@fastify/cors' || mod === 'fastify-cors';
    const fastifyCors = importsModule(m, isFastifyCors);
    const fastifyNames = requiredAs(m, isFastifyCors);
    for (const c of m.calls) {
      if (hasCors && corsNames.has(c.callee)) {
        out.push(policy(repo, m, mod(m, 'hono/cors') ? 'hono' : fw === 'nestjs' ? 'nestjs' : fw, c, c.args[0]));
      } else if (c.name === 'enableCors') {
        out.push(policy(repo, m, 'nestjs', c, c.args[0]));
      } else if (c.callee === 'NestFactory.create' || c.callee === 'NestFactory.createApplicationContext') {
        const cors = entry(resolveLiteral(m, c.args[1], c), 'cors');
        if (!cors) continue;
        if (cors.kind === 'bool') {
          if (cors.value === 'true') out.push(policy(repo, m, 'nestjs', c, undefined, '`cors: true` uses the cors defaults: every origin is allowed'));
        } else out.push(policy(repo, m, 'nestjs', c, cors));
      } else if (c.name === 'register' && isFastifyCorsPlugin(m, c.args[0], fastifyCors, fastifyNames)) {
        out.push(policy(repo, m, 'fastify', c, c.args[1]));
      } else if ((c.name === 'header' || c.name === 'setHeader' || c.name === 'set') && c.args.length >= 2) {
        const [k, v] = c.args;
        if (k.kind === 'string' && /^access-control-allow-origin$/i.test(k.value ?? '') && v.kind === 'string' && v.value === '*') {
          out.push({ framework: fw, evidence: repo.ev(m.file, c.line), origins: ['*'], allowsAny: true, reflectsOrigin: false, credentials: null, methods: null, headers: null });
        }
      }
    }
  }
  return out;
}

function mod(m: CodeModel, name: string): boolean {
  return m.imports.some((i) => i.module === name);
}

/** `fastify.register(cors, …)`, `register(require('@fastify/cors'))`, `register(import('@fastify/cors'))`. */
function isFastifyCorsPlugin(m: CodeModel, v: Value | undefined, imported: boolean, names: Set<string>): boolean {
  if (!v) return false;
  if (v.kind === 'name') return names.has(v.text) || (imported && /cors/i.test(v.text));
  const call = callOf(m, v);
  if (call && (call.callee === 'require' || call.callee === 'import')) return /^(@fastify\/cors|fastify-cors)$/.test(call.args[0]?.value ?? '');
  return false;
}
