/**
 * What a Node middleware argument is: a rate limiter (an express-rate-limit / rate-limiter-flexible /
 * hono-rate-limiter / koa-ratelimit instance, @fastify/rate-limit route config, or a function that
 * consumes a limiter), authentication (by name: `requireAuth`, `passport.authenticate`, `verifyToken`),
 * or neither. Limiters are recognised by the package their factory is imported from.
 */
import type { Evidence } from '../../core/evidence.js';
import type { Value } from '../code/model.js';
import { isAuthName, isRateLimitName } from './names.js';
import type { Program } from './program.js';

export const RL_PACKAGES = new Set([
  'express-rate-limit',
  'express-slow-down',
  'rate-limiter-flexible',
  'hono-rate-limiter',
  'koa-ratelimit',
  'koa2-ratelimit',
  '@upstash/ratelimit',
  'express-brute',
  '@fastify/rate-limit',
  'fastify-rate-limit',
  '@nestjs/throttler',
]);

export interface NodeGuards {
  auth: Evidence | null;
  rateLimit: Evidence | null;
}

/** The rate-limit package a callee's root name is imported from (`rateLimit`, `RateLimiterRedis`, `Ratelimit`). */
export function limiterPackage(prog: Program, file: string, callee: string): string | null {
  const root = callee.split('.')[0];
  const sym = prog.resolveName(file, root);
  if (sym?.kind === 'external' && RL_PACKAGES.has(sym.module)) return sym.module;
  return null;
}

/** The package behind a limiter instance a name points at (`const limiter = rateLimit({...})`). */
export function limiterInstance(prog: Program, file: string, name: string, fnScope = -1): string | null {
  const model = prog.model(file);
  const local = model?.assignments.find((a) => a.target === name && (a.fn === fnScope || a.scope === 'module'));
  if (local?.value.kind === 'call') return limiterPackage(prog, file, local.value.callee ?? '');
  const sym = prog.resolveName(file, name);
  if (sym?.kind === 'value' && sym.assignment.value.kind === 'call') return limiterPackage(prog, sym.file, sym.assignment.value.callee ?? '');
  return null;
}

/** A function that calls `limiter.consume(...)` / `ratelimit.limit(...)` on a limiter instance. */
export function functionConsumesLimiter(prog: Program, file: string, fn: number): { line: number; lib: string } | null {
  const model = prog.model(file);
  for (const c of model?.calls ?? []) {
    if (c.fn !== fn || (c.name !== 'consume' && c.name !== 'limit' && c.name !== 'penalty')) continue;
    const recv = c.callee.slice(0, c.callee.lastIndexOf('.'));
    const lib = limiterInstance(prog, file, recv.replace(/^this\./, ''), fn);
    if (lib) return { line: c.line, lib };
  }
  return null;
}

/** Classifies one middleware argument (or a Fastify options object). */
export function nodeGuards(prog: Program, file: string, v: Value | undefined, depth = 0): NodeGuards {
  const g: NodeGuards = { auth: null, rateLimit: null };
  if (!v || depth > 3) return g;
  const ev = (note: string) => prog.repo.ev(file, v.line, { note });
  if (v.kind === 'list') {
    for (const item of v.items ?? []) {
      const inner = nodeGuards(prog, file, item, depth + 1);
      g.auth ??= inner.auth;
      g.rateLimit ??= inner.rateLimit;
    }
    return g;
  }
  if (v.kind === 'dict') {
    // Fastify route options: hooks and `config: { rateLimit: {...} }`.
    for (const e of v.entries ?? []) {
      if (/^(preHandler|onRequest|preValidation|preParsing)$/.test(e.key)) {
        const inner = nodeGuards(prog, file, e.value, depth + 1);
        g.auth ??= inner.auth;
        g.rateLimit ??= inner.rateLimit;
      } else if (e.key === 'config' && e.value.kind === 'dict') {
        const rl = e.value.entries?.find((x) => x.key === 'rateLimit');
        if (rl && rl.value.kind !== 'bool' && rl.value.kind !== 'none') g.rateLimit = prog.repo.ev(file, rl.value.line, { note: '@fastify/rate-limit route config' });
      }
    }
    return g;
  }
  const text = v.kind === 'call' ? (v.callee ?? '') : v.text;
  if (v.kind === 'call') {
    const lib = limiterPackage(prog, file, text);
    if (lib) g.rateLimit = ev(lib);
  } else if (v.kind === 'name') {
    const lib = limiterInstance(prog, file, v.text);
    if (lib) g.rateLimit = ev(lib);
    else {
      const sym = prog.resolveName(file, v.text);
      const consumed = sym?.kind === 'function' ? functionConsumesLimiter(prog, sym.file, sym.fn) : null;
      if (consumed) g.rateLimit = ev(consumed.lib);
    }
  }
  if (!g.rateLimit && isRateLimitName(text)) g.rateLimit = ev('custom rate limiter');
  if (!g.rateLimit && isAuthName(text)) g.auth = ev('auth middleware');
  return g;
}
