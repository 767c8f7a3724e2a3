/**
 * What happens around text-generation calls: whether their failure is covered (a fallback), and
 * whether the routes that reach them account usage per user (a quota). Both questions are answered
 * on the code model: except/catch blocks, returns, the functions a route runs (routes/reach.ts).
 *
 * Fallback: a call is covered when
 *  - it sits before an except/catch block of its own function (or of a function that calls it, a
 *    method also matched by name when the caller's receiver cannot be resolved) whose body returns a
 *    value or sends a response (a degraded answer, not a re-raise), or
 *  - its file also makes a text-generation call to another provider (a second provider), or
 *  - its file uses LangChain `.with_fallbacks(...)` or a LiteLLM `fallbacks=` option.
 * Quota: a route is accounted when a function it runs is named like quota / credits / usage
 * accounting (`check_quota`, `consumeCredits`, `record_usage`), or reads the response's token usage
 * (`.usage`, `usage_metadata`, `usageMetadata`).
 */
import type { CodeModel, ErrorHandlerBlock } from '../code/model.js';
import type { Evidence } from '../../core/evidence.js';
import type { FactMap, LlmProvider, LlmUsage } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { callsOf, reach, resolveCall, within } from '../routes/reach.js';
import { llmCallAt } from './llm.js';

/** Providers that are one concrete vendor (wrappers such as LangChain or LiteLLM may be any). */
const CONCRETE: LlmProvider[] = ['openai', 'anthropic', 'groq', 'google', 'mistral', 'cohere'];
const ACCOUNTING_FN = /quota|credit|usage|billing|allowance|entitlement|token_?budget|tokenBudget|spend/i;
const USAGE_READ = /(\.usage\b|\busage_metadata\b|\busageMetadata\b|\btotal_tokens\b|\btotalTokens\b)/;
/** JS calls inside a catch block that answer the request. */
const RESPONSE_CALL = /^(res|reply|response|ctx)\.(.*\.)?(json|send|render|end|sendStatus|code)$|^(NextResponse|Response)\.json$/;

/** The except/catch block body answers instead of re-raising: it returns a value or sends a response. */
function degrades(m: CodeModel, h: ErrorHandlerBlock): Evidence | null {
  const ret = m.returns.find((r) => r.fn === h.fn && r.line > h.line && r.line <= h.endLine && r.value && r.value.kind !== 'none');
  if (ret) return { file: m.file, line: ret.line, snippet: '' };
  const idx = m.handlers.indexOf(h);
  const sent = m.calls.find((c) => c.handler === idx && RESPONSE_CALL.test(c.callee));
  return sent ? { file: m.file, line: sent.line, snippet: '' } : null;
}

/** An except/catch block after `line` in function `fn` (or an enclosing one) that degrades. */
function handledAfter(m: CodeModel, fn: number, line: number): Evidence | null {
  for (const h of m.handlers) {
    if (h.line <= line) continue;
    if (h.fn !== fn && !(fn >= 0 && h.fn >= 0 && within(m, fn, h.fn))) continue;
    const d = degrades(m, h);
    if (d) return d;
  }
  return null;
}

/** Method names too common to match an unresolved call to a definition by name alone. */
const GENERIC = /^(create|get|run|call|invoke|execute|send|post|put|handle|process|parse|stream|update|delete|save|load|__call__)$/;

/**
 * Call sites (in app files) that run function `fn` of `file`: one level of callers. A method is also
 * matched by name when the call's receiver cannot be resolved (a plugin registry, an injected client:
 * `plugin.instance.chat_parse(...)`), unless the name is generic.
 */
function callersOf(prog: Program, models: CodeModel[], file: string, fn: number): { m: CodeModel; fn: number; line: number }[] {
  const def = prog.model(file)?.functions[fn];
  const name = def?.name;
  if (!name) return [];
  const byName = !!def.className && name.length >= 5 && !GENERIC.test(name);
  const out: { m: CodeModel; fn: number; line: number }[] = [];
  for (const m of models) {
    for (const c of m.calls) {
      if (c.name !== name) continue;
      const t = resolveCall(prog, m, c);
      if ((t && t.file === file && t.fn === fn) || (!t && byName && c.callee.includes('.'))) out.push({ m, fn: c.fn, line: c.line });
    }
  }
  return out;
}

export function collectLlmUsage(repo: RepoContext, facts: FactMap): LlmUsage {
  // Most repositories call no model at all: skip resolving every call site against the program.
  if (facts.llmCalls.length === 0) return { calls: [], routes: [] };
  const prog = programFor(repo);
  const models = [...repo.models.values()].filter((m) => repo.file(m.file)?.role === 'app');
  const ev = (file: string, line: number, note?: string) => repo.ev(file, line, note ? { note } : {});
  const out: LlmUsage = { calls: [], routes: [] };

  for (const m of models) {
    const hits = m.calls.map((_, i) => llmCallAt(prog, m.file, i));
    const providers = new Set(hits.filter((h) => h?.completion).map((h) => h!.provider).filter((p) => CONCRETE.includes(p)));
    const chainFallback = m.calls.find((c) => c.name === 'with_fallbacks' || 'fallbacks' in c.kwargs || c.args.some((a) => a.kind === 'dict' && a.entries?.some((e) => e.key === 'fallbacks')));
    m.calls.forEach((c, i) => {
      const hit = hits[i];
      if (!hit?.completion) return;
      let fallback: Evidence | null = null;
      if (chainFallback) fallback = ev(m.file, chainFallback.line, 'model fallbacks configured');
      const other = [...providers].find((p) => p !== hit.provider && CONCRETE.includes(hit.provider));
      if (!fallback && other) {
        const second = m.calls.findIndex((_, j) => hits[j]?.completion && hits[j]!.provider === other);
        fallback = ev(m.file, m.calls[second].line, `second provider (${other}) in the same file`);
      }
      if (!fallback && c.handler === undefined) {
        const own = handledAfter(m, c.fn, c.line);
        if (own) fallback = ev(m.file, own.line, 'the failure is caught and answered');
        if (!fallback && c.fn >= 0) {
          for (const caller of callersOf(prog, models, m.file, c.fn)) {
            const up = handledAfter(caller.m, caller.fn, caller.line);
            if (up) {
              fallback = ev(caller.m.file, up.line, 'the caller catches the failure and answers');
              break;
            }
          }
        }
      }
      out.calls.push({ provider: hit.provider, evidence: repo.ev(m.file, c.line, { endLine: c.endLine }), service: repo.file(m.file)?.service ?? '', fallback });
    });
  }

  for (const r of facts.routes) {
    if (r.llmCalls.length === 0 || !r.handler) continue;
    const hm = prog.model(r.handler.file);
    const fn = hm ? hm.functions.findIndex((f) => f.line === r.handler!.line && f.endLine === r.handler!.endLine) : -1;
    let accounting: Evidence | null = null;
    const roots = fn >= 0 ? [{ file: r.handler.file, fn }] : [];
    for (const f of reach(prog, roots)) {
      const m = prog.model(f.file);
      if (!m) continue;
      const def = m.functions[f.fn];
      if (f.depth > 0 && ACCOUNTING_FN.test(def.name)) {
        accounting = ev(f.file, def.line, `usage accounting: ${def.name}`);
        break;
      }
      const named = callsOf(m, f.fn).find(({ call }) => ACCOUNTING_FN.test(call.name) && !/^(getrusage|memoryUsage|cpuUsage)$/.test(call.name));
      if (named) {
        accounting = ev(f.file, named.call.line, `usage accounting: ${named.call.name}`);
        break;
      }
      const read =
        m.assignments.find((a) => a.fn === f.fn && USAGE_READ.test(a.value.text)) ??
        callsOf(m, f.fn).find(({ call }) => [...call.args, ...Object.values(call.kwargs)].some((a) => USAGE_READ.test(a.text)))?.call;
      if (read) {
        accounting = ev(f.file, read.line, 'token usage is read from the response');
        break;
      }
    }
    out.routes.push({ route: r.evidence, method: r.method, path: r.path, framework: r.framework, call: r.llmCalls[0], accounting });
  }
  return out;
}
