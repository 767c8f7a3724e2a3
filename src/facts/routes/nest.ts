/**
 * NestJS routes: `@Controller('notes')` classes and their `@Get(':id')` / `@Post()` methods, with
 * `app.setGlobalPrefix('api')`. Guards: `@UseGuards(...)` on the method or the class, global guards
 * (`{ provide: APP_GUARD, useClass: X }`, `app.useGlobalGuards(new X())`); ThrottlerGuard (or a class
 * extending it) is the rate limiter, `@SkipThrottle()` opts a route out, `@Throttle()` tunes it.
 */
import type { Evidence } from '../../core/evidence.js';
import { callsIn } from '../code/lookup.js';
import type { ClassDef, CodeModel, Value } from '../code/model.js';
import { isAuthName, isRateLimitName, joinPath } from './names.js';
import type { Program } from './program.js';
import { callsOf } from './reach.js';
import { serviceOf } from './python.js';
import type { Extraction } from './types.js';
import { table } from '../../core/table.js';

const VERBS = table<string>({ Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Options: 'OPTIONS', Head: 'HEAD', All: 'ANY' });

const decoName = (d: Value) => (d.kind === 'call' ? (d.callee ?? '') : d.text).split('.').pop() ?? '';

function isThrottlerGuard(prog: Program, file: string, text: string, depth = 0): boolean {
  const name = text.replace(/^new\s+/, '').replace(/\(.*$/s, '');
  if (name === 'ThrottlerGuard') return true;
  const sym = prog.resolveName(file, name);
  if (sym?.kind !== 'class' || depth > 2) return false;
  const cls = prog.model(sym.file)?.classes[sym.cls];
  return !!cls?.bases.some((b) => isThrottlerGuard(prog, sym.file, b, depth + 1));
}

/**
 * A guard that checks who is calling: `AuthGuard('jwt')`, `JwtAuthGuard`, `RolesGuard`, `HasPermissionGuard`,
 * `ScopeGuard`. Judged on the name without its `Guard` suffix: every Nest guard is called a guard, and
 * one that blocks writes during impersonation or checks a feature flag lets anonymous callers through.
 */
function isAuthGuard(text: string): boolean {
  const name = (text.replace(/^new\s+/, '').replace(/\(.*$/s, '').split('.').pop() ?? '').replace(/Guard$/, '');
  return name !== '' && (isAuthName(name) || /^(roles?|scopes?)$/i.test(name));
}

function argsOf(model: CodeModel, d: Value): Value[] {
  return d.kind === 'call' && d.call !== undefined ? model.calls[d.call].args : [];
}

interface NestGuards {
  auth: Evidence | null;
  rateLimit: Evidence | null;
  throttle: Evidence | null;
  skipThrottle: boolean;
  isPublic: boolean;
}

function guardsOf(prog: Program, file: string, decorators: Value[]): NestGuards {
  const model = prog.model(file) as CodeModel;
  const g: NestGuards = { auth: null, rateLimit: null, throttle: null, skipThrottle: false, isPublic: false };
  /** One guard passed to UseGuards, its name resolved in `from` (the controller, or the file of a custom decorator). */
  const guard = (a: Value, from: string, line: number, via: string) => {
    const text = a.kind === 'call' ? (a.callee ?? '') : a.text;
    if (isThrottlerGuard(prog, from, text)) g.rateLimit ??= prog.repo.ev(file, line, { note: `@nestjs/throttler guard${via}` });
    // A limiter guard whose class cannot be followed (a workspace package): its name says what it is, and it is no auth guard.
    else if (isRateLimitName(text)) g.rateLimit ??= prog.repo.ev(file, line, { note: `rate-limit guard${via}` });
    else if (isAuthGuard(text)) g.auth ??= prog.repo.ev(file, line, { note: `Nest guard${via}` });
  };
  for (const d of decorators) {
    const name = decoName(d);
    if (name === 'UseGuards') for (const a of argsOf(model, d)) guard(a, file, d.line, '');
    else if (name === 'Throttle') g.throttle = prog.repo.ev(file, d.line, { note: '@nestjs/throttler @Throttle' });
    else if (name === 'SkipThrottle') {
      const arg = argsOf(model, d)[0];
      g.skipThrottle = !arg || (arg.kind === 'bool' && arg.value === 'true');
    } else if (/^(Public|AllowAnonymous|SkipAuth|IsPublic)$/.test(name)) g.isPublic = true;
    else {
      // A custom decorator of the repository that applies guards: `applyDecorators(SetMetadata(…), UseGuards(AuthGuard('jwt'), ScopeGuard))`.
      for (const u of customDecoratorGuards(prog, file, d)) for (const a of u.args) guard(a, u.file, d.line, ` (through @${name})`);
    }
  }
  return g;
}

/** The UseGuards calls inside the repository function a decorator names (its closures included). */
function customDecoratorGuards(prog: Program, file: string, d: Value): { file: string; args: Value[] }[] {
  const callee = d.kind === 'call' ? (d.callee ?? '') : d.text;
  if (!/^[\w$]+$/.test(callee)) return [];
  const sym = prog.resolveName(file, callee);
  const m = sym?.kind === 'function' ? prog.model(sym.file) : undefined;
  if (!m || sym?.kind !== 'function') return [];
  return callsOf(m, sym.fn)
    .filter(({ call }) => call.name === 'UseGuards')
    .map(({ call }) => ({ file: sym.file, args: call.args }));
}

/** Values inside a decorator argument, depth-first: where `{ provide: APP_GUARD, useClass: X }` hides. */
function* walk(v: Value, depth = 0): Generator<Value> {
  yield v;
  if (depth > 4) return;
  for (const i of v.items ?? []) yield* walk(i, depth + 1);
  for (const e of v.entries ?? []) yield* walk(e.value, depth + 1);
}

export function extractNest(prog: Program, allFiles: string[], out: Extraction): void {
  const files = allFiles.filter((f) => prog.imports(f, (m) => m.startsWith('@nestjs/')));
  const globalPrefix = new Map<string, string>();
  for (const file of files) {
    const model = prog.model(file) as CodeModel;
    for (const c of model.calls) {
      if (c.name === 'setGlobalPrefix' && c.args[0]?.kind === 'string') globalPrefix.set(serviceOf(prog, file), c.args[0].value ?? '');
      if (c.name === 'useGlobalGuards') for (const a of c.args) globalGuard(prog, file, a.callee ?? a.text, c.line, out);
    }
    // `providers: [{ provide: APP_GUARD, useClass: … }]`, in a @Module() or a providers constant.
    for (const c of model.calls) {
      for (const a of c.args) {
        // Only dicts (and lists holding them) can be providers: a plain argument is its own whole walk.
        if (!a.items && !a.entries) appGuard(prog, file, a, out);
        else for (const v of walk(a)) appGuard(prog, file, v, out);
      }
    }
  }
  for (const file of files) {
    const model = prog.model(file) as CodeModel;
    for (const cls of model.classes) {
      const decorators = classDecorators(model, cls);
      const ctrl = decorators.find((d) => decoName(d) === 'Controller');
      if (!ctrl) continue;
      const arg = argsOf(model, ctrl)[0];
      const prefix = arg?.kind === 'string' ? (arg.value ?? '') : (arg?.entries?.find((e) => e.key === 'path')?.value.value ?? '');
      const cg = guardsOf(prog, file, decorators);
      model.functions.forEach((fn, idx) => {
        if (fn.className !== cls.name) return;
        const decos = methodDecorators(model, idx, cls);
        for (const d of decos) {
          const method = VERBS[decoName(d)];
          if (!method) continue;
          const p = argsOf(model, d)[0];
          const path = joinPath(globalPrefix.get(serviceOf(prog, file)) ?? '', prefix, p?.kind === 'string' ? (p.value ?? '') : '');
          const mg = guardsOf(prog, file, decos);
          const skip = mg.skipThrottle || (cg.skipThrottle && !mg.throttle);
          const limiter = mg.rateLimit ?? cg.rateLimit;
          out.routes.push({
            framework: 'nestjs',
            method,
            path,
            file,
            line: d.line,
            handler: { file, fn: idx },
            auth: mg.auth ?? cg.auth,
            // @Throttle() is only the limit's settings; it is the evidence when a throttler guard applies.
            rateLimit: limiter && !skip ? (mg.throttle ?? cg.throttle ?? limiter) : null,
            rateLimitExempt: skip,
            entries: [],
            ...(mg.isPublic || cg.isPublic ? { publicRoute: true } : {}),
          });
        }
      });
      if (cg.rateLimit) out.limiterUsages.push({ evidence: cg.rateLimit, detail: '@nestjs/throttler' });
    }
  }
}

/**
 * Decorators of a class. tree-sitter puts the decorators of `export class` on the export statement,
 * where the code model does not record them; they are then the module-level calls between the
 * previous statement the model knows of and the class line (arguments of those calls excluded).
 */
function classDecorators(model: CodeModel, cls: ClassDef): Value[] {
  if (cls.decorators.length > 0) return cls.decorators;
  const before = [
    0,
    ...model.classes.filter((c) => c.endLine < cls.line).map((c) => c.endLine),
    ...model.imports.filter((i) => i.line < cls.line).map((i) => i.line),
    ...model.assignments.filter((a) => a.scope === 'module' && a.line < cls.line).map((a) => a.line),
  ];
  return topLevelCalls(model, Math.max(...before), cls.line);
}

/**
 * Decorators of a controller method. The code model stops at a comment between two decorators;
 * the module-level calls between the previous member and the method fill the gap.
 */
function methodDecorators(model: CodeModel, idx: number, cls: ClassDef): Value[] {
  const fn = model.functions[idx];
  const prev = model.functions.filter((g) => g.className === cls.name && g.endLine < fn.line).map((g) => g.endLine);
  const from = Math.max(cls.line, ...prev);
  const known = new Set(fn.decorators.map((d) => d.call));
  const extra = topLevelCalls(model, from, fn.line).filter((v) => !known.has(v.call));
  return [...extra, ...fn.decorators];
}

/** Module-level calls on lines (from, to], arguments of other such calls left out. */
function topLevelCalls(model: CodeModel, from: number, to: number): Value[] {
  const idx = callsIn(model, -1)
    .filter(({ call: c }) => c.line > from && c.line <= to)
    .map(({ call, idx: i }) => ({ c: call, i }));
  const nested = new Set<number>();
  for (const { c } of idx) for (const a of c.args) for (const v of walk(a)) if (v.kind === 'call' && v.call !== undefined) nested.add(v.call);
  return idx.filter(({ i }) => !nested.has(i)).map(({ c, i }) => ({ kind: 'call' as const, text: c.callee, line: c.line, callee: c.callee, call: i }));
}

function globalGuard(prog: Program, file: string, text: string, line: number, out: Extraction): void {
  const service = serviceOf(prog, file);
  if (isThrottlerGuard(prog, file, text)) out.serviceLimits.push({ service, evidence: prog.repo.ev(file, line, { note: '@nestjs/throttler global guard' }), detail: '@nestjs/throttler' });
  else if (isRateLimitName(text)) out.serviceLimits.push({ service, evidence: prog.repo.ev(file, line, { note: 'global rate-limit guard' }), detail: text });
  else if (isAuthGuard(text)) out.serviceAuth.push({ service, evidence: prog.repo.ev(file, line, { note: 'global guard' }) });
}

/** `{ provide: APP_GUARD, useClass: ThrottlerGuard }` in a module's providers. */
function appGuard(prog: Program, file: string, v: Value, out: Extraction): void {
  if (v.kind !== 'dict') return;
  const provide = v.entries?.find((e) => e.key === 'provide')?.value.text;
  const cls = v.entries?.find((e) => e.key === 'useClass' || e.key === 'useExisting')?.value;
  if (provide !== 'APP_GUARD' || !cls) return;
  globalGuard(prog, file, cls.text, v.line, out);
}
