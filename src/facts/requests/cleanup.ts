/**
 * Cleanup / retention functions and what runs them (scheduled-cleanup-never-called). A function named
 * for cleanup (cleanup-names.ts) in application code is wired when, anywhere in the parsed code
 * (app, scripts, migrations, configs), something:
 * - calls it by name (`cleanup_old()`, `self.cleanup()`, `tasks.purge.delay()`, `purge.s()`);
 * - uses it as a value (`add_job(cleanup)`, `schedule.every().do(cleanup)`, `setInterval(cleanup)`,
 *   `cron.schedule('0 3 * * *', cleanup)`, `atexit.register(cleanup)`, a dict of jobs);
 * - names it in a string (a Celery beat `"task": "app.tasks.cleanup"`, `send_task("…cleanup")`),
 *   also by its Celery `name=`;
 * - registers it with a decorator (a route, `@periodic_task`, `@scheduler.scheduled_job`, a CLI
 *   command); cache/retry/tracing wrappers and plain task declarations do not count;
 * - or a config / shell / CI / platform file names it (cron entries, Procfiles, workflows, entry points).
 * Being exported is not being called. Tests are not parsed; a call found in their text is reported as
 * "only tests call it". Methods of classes built on an outside base class may be framework hooks and
 * are left out, and so are front-end files and repositories with no web app or task worker (a
 * library's functions are called by its users).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, FunctionDef, Value } from '../code/model.js';
import type { CleanupFunction, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { decoratorName, isCleanupName, registers, taskName } from './cleanup-names.js';

const TEXT_LANGS = new Set(['yaml', 'json', 'jsonc', 'toml', 'shell', 'dockerfile', 'ini', 'text', 'other']);
const EXPORT_TARGET = /^(module\.exports|exports(\.[\w$]+)?|__all__)$/;

interface Candidate {
  name: string;
  file: string;
  fn: number;
  def: FunctionDef;
  /** Names strings may use: the function name and its Celery `name=`. */
  aliases: string[];
}

interface Ref {
  file: string;
  line: number;
  fn: number;
  how: string;
}

/** A class with a base from outside the repository (directly or through its own bases). */
function outsideBase(prog: Program, file: string, bases: string[], depth: number): boolean {
  return bases.some((b) => {
    const base = b.replace(/[<[(].*$/s, '').trim();
    if (/^(object|ABC|abc\.ABC|Protocol|Generic)$/.test(base)) return false;
    const sym = prog.resolveName(file, base.split('.')[0]);
    if (sym?.kind !== 'class') return true;
    const cls = prog.model(sym.file)?.classes[sym.cls];
    return depth < 3 && !!cls && outsideBase(prog, sym.file, cls.bases, depth + 1);
  });
}

/** A method of a class built on an outside base class may be a hook the framework calls. */
function frameworkHook(prog: Program, model: CodeModel, def: FunctionDef): boolean {
  if (!def.className) return false;
  const cls = model.classes.find((c) => c.name === def.className && c.line <= def.line && def.line <= c.endLine);
  return !!cls && outsideBase(prog, model.file, cls.bases, 0);
}

/** Back-end application code: front-end components clean up listeners, not data. */
function backendFile(repo: RepoContext, path: string): boolean {
  const f = repo.file(path);
  if (f?.role !== 'app' || f.language === 'tsx' || f.language === 'jsx') return false;
  return repo.discovery.services.find((s) => s.dir === f.service)?.kind !== 'frontend';
}

function candidatesOf(prog: Program, repo: RepoContext): Candidate[] {
  const out: Candidate[] = [];
  for (const model of repo.models.values()) {
    if (!backendFile(repo, model.file)) continue;
    model.functions.forEach((def, fn) => {
      if (!def.name || !isCleanupName(def.name) || frameworkHook(prog, model, def)) return;
      const aliases = [def.name];
      for (const d of def.decorators) {
        const tn = taskName(d, d.call !== undefined ? model.calls[d.call] : undefined);
        if (tn) aliases.push(tn);
      }
      out.push({ name: def.name, file: model.file, fn, def, aliases });
    });
  }
  return out;
}

interface Mention {
  name: string;
  line: number;
}

/**
 * Names other files import a candidate under: `from .jobs import purge_old as purge`,
 * `import cleanup from './cleanup'` (a default-exported function). Calls by those names wire it.
 */
function importAliases(prog: Program, repo: RepoContext, cands: Candidate[]): void {
  const byName = new Map<string, Candidate[]>();
  for (const c of cands) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  for (const file of repo.models.keys()) {
    for (const b of prog.bindings(file)) {
      if (b.name === 'default') {
        const target = prog.resolveModule(file, b.module);
        const sym = target ? prog.defaultExport(target) : undefined;
        const c = sym?.kind === 'function' ? cands.find((x) => x.file === sym.file && x.fn === sym.fn) : undefined;
        if (c && !c.aliases.includes(b.local)) c.aliases.push(b.local);
      } else if (b.local !== b.name) {
        for (const c of byName.get(b.name) ?? []) if (!c.aliases.includes(b.local)) c.aliases.push(b.local);
      }
    }
  }
}

/** Every identifier a value mentions that is a candidate name or alias, with the line it is on. */
function namesIn(v: Value, wanted: Set<string>, out: Mention[]): void {
  if (v.kind === 'string') {
    const s = v.value ?? '';
    if (/^[\w$.:-]+$/.test(s)) {
      const last = s.split(/[.:]/).pop() ?? '';
      if (wanted.has(s)) out.push({ name: s, line: v.line });
      else if (wanted.has(last)) out.push({ name: last, line: v.line });
    }
    return;
  }
  if (v.kind === 'name' || v.kind === 'attr') {
    for (const seg of v.text.split('.')) if (wanted.has(seg)) out.push({ name: seg, line: v.line });
    return;
  }
  if (v.kind === 'call' || v.kind === 'function') return; // calls are CallSites of their own
  if (v.items) for (const i of v.items) namesIn(i, wanted, out);
  if (v.entries) for (const e of v.entries) namesIn(e.value, wanted, out);
  if (!v.items && !v.entries && (v.kind === 'binop' || v.kind === 'other' || v.kind === 'fstring')) {
    for (const w of v.text.match(/[A-Za-z_$][\w$]*/g) ?? []) if (wanted.has(w)) out.push({ name: w, line: v.line });
  }
}

/** Calls, value uses and string mentions of the wanted names, across every parsed file. */
function codeRefs(repo: RepoContext, wanted: Set<string>): Map<string, Ref[]> {
  const refs = new Map<string, Ref[]>();
  const add = (name: string, r: Ref) => {
    const list = refs.get(name);
    if (list) list.push(r);
    else refs.set(name, [r]);
  };
  for (const model of repo.models.values()) {
    const file = model.file;
    for (const c of model.calls) {
      for (const seg of c.callee.replace(/\(\)/g, '').split('.')) if (wanted.has(seg)) add(seg, { file, line: c.line, fn: c.fn, how: 'called' });
      const found: Mention[] = [];
      for (const a of [...c.args, ...Object.values(c.kwargs)]) namesIn(a, wanted, found);
      for (const m of found) add(m.name, { file, line: m.line, fn: c.fn, how: `passed to ${c.callee}()` });
    }
    for (const a of model.assignments) {
      if (EXPORT_TARGET.test(a.target)) continue;
      const found: Mention[] = [];
      namesIn(a.value, wanted, found);
      for (const m of found) add(m.name, { file, line: m.line, fn: a.fn, how: `referenced in ${a.target}` });
    }
    for (const r of model.returns) {
      if (!r.value) continue;
      const found: Mention[] = [];
      namesIn(r.value, wanted, found);
      for (const m of found) add(m.name, { file, line: m.line, fn: r.fn, how: 'returned as a value' });
    }
  }
  return refs;
}

/** Config, shell, CI and platform files that name a wanted identifier (cron lines, entry points). */
function textRefs(repo: RepoContext, wanted: Set<string>): Map<string, Evidence> {
  const out = new Map<string, Evidence>();
  for (const f of repo.discovery.files) {
    if (!TEXT_LANGS.has(f.language) || /^(docs|test|fixture|generated)$/.test(f.role) || /lock|\.min\./i.test(f.path) || f.size > 300_000) continue;
    const lines = repo.lines(f.path);
    lines.forEach((text, i) => {
      for (const w of text.match(/[A-Za-z_$][\w$]*/g) ?? []) if (wanted.has(w) && !out.has(w)) out.set(w, repo.ev(f.path, i + 1, { note: 'named in a config / script file' }));
    });
  }
  return out;
}

/** Test files (not parsed) whose text calls the name. */
function testCalls(repo: RepoContext, names: string[]): Set<string> {
  const out = new Set<string>();
  if (names.length === 0) return out;
  const re = new RegExp(`(?:^|[^\\w$])(${names.map((n) => n.replace(/\$/g, '\\$')).join('|')})\\s*\\(`, 'g');
  for (const f of repo.discovery.files) {
    if (f.role !== 'test' || !/^(python|typescript|tsx|javascript|jsx)$/.test(f.language)) continue;
    for (const m of repo.read(f.path)?.matchAll(re) ?? []) out.add(m[1]);
  }
  return out;
}

/** True when function `inner` (in the same file) is `outer` or nested in it. */
function inside(model: CodeModel | undefined, inner: number, outer: number): boolean {
  for (let f = inner; model && f >= 0; f = model.functions[f].parent) if (f === outer) return true;
  return false;
}

export function collectCleanupFunctions(repo: RepoContext, facts: FactMap): CleanupFunction[] {
  // A library's public functions are called by its users: only applications (a web app or task
  // workers) are judged.
  if (facts.appEntries.length === 0 && facts.tasks.length === 0) return [];
  const prog = programFor(repo);
  const cands = candidatesOf(prog, repo);
  if (cands.length === 0) return [];
  importAliases(prog, repo, cands);
  const wanted = new Set(cands.flatMap((c) => c.aliases));
  const refs = codeRefs(repo, wanted);
  let text: Map<string, Evidence> | undefined;
  const out: CleanupFunction[] = [];
  for (const c of cands) {
    const ev = repo.ev(c.file, c.def.line);
    const model = repo.models.get(c.file);
    const reg = c.def.decorators.find(registers);
    if (reg) {
      out.push({ name: c.name, evidence: ev, wiredBy: repo.ev(c.file, reg.line, { note: `registered by @${decoratorName(reg)}` }), how: 'decorator' });
      continue;
    }
    // Defined right where it is handed over: `schema.pre('save', function clearExpiredTokens() {…})`.
    const taker = model?.calls.find((call) => call.args.some((a) => a.kind === 'function' && a.fn === c.fn));
    if (taker) {
      out.push({ name: c.name, evidence: ev, wiredBy: repo.ev(c.file, taker.line, { note: `passed to ${taker.callee}()` }), how: `passed to ${taker.callee}()` });
      continue;
    }
    // References from the function's own body (recursion, its own log lines) or its own task
    // decorator (`@app.task(name="…")`) do not wire it.
    const declStart = Math.min(c.def.line, ...c.def.decorators.map((d) => d.line));
    const own = (r: Ref) => r.file === c.file && (inside(model, r.fn, c.fn) || (declStart <= r.line && r.line <= c.def.line));
    const ref = c.aliases.flatMap((a) => refs.get(a) ?? []).find((r) => !own(r));
    if (ref) {
      out.push({ name: c.name, evidence: ev, wiredBy: repo.ev(ref.file, ref.line, { note: ref.how }), how: ref.how });
      continue;
    }
    text ??= textRefs(repo, wanted);
    const t = c.aliases.map((a) => text?.get(a)).find(Boolean);
    out.push({ name: c.name, evidence: ev, wiredBy: t ?? null, ...(t ? { how: 'named in a config / script file' } : {}) });
  }
  const unwired = out.filter((f) => !f.wiredBy);
  const tested = testCalls(repo, [...new Set(unwired.map((f) => f.name))]);
  for (const f of unwired) if (tested.has(f.name)) f.testsOnly = true;
  return out;
}
