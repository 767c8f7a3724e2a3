/**
 * health-status-always-ok: health handlers whose body can say "unhealthy" (a status string such as
 * "degraded" / "down" / "error", `ok: false`, `healthy = False`, a ternary that yields such a
 * string) and whether the handler ever answers with something other than 200 (a status argument,
 * `res.status(503)`, `reply.code(…)`, `response.status_code = …`, `raise HTTPException(503)`, a Flask
 * `(body, 503)` tuple, or any raised exception, which the framework turns into a 500).
 *
 * Looks inside the handler's line range and one level into same-file functions it calls (a
 * `build_health()` helper). A handler that only ever returns `{"status": "ok"}` has nothing to
 * signal and yields no fact (health-endpoint-shallow judges it).
 */
import { isHealthRoute } from '../../core/rule-support/health-routes.js';
import type { CodeModel, Value } from '../code/model.js';
import type { FactMap, HealthStatusFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { findStatusSet, HTTP_ERRORS } from './status-codes.js';

const UNHEALTHY = /^(degraded|unhealthy|not[ _-]?healthy|down|error|errored|fail|failed|failing|failure|unavailable|not[ _-]?(ready|ok)|critical|dead|offline|unreachable)$/i;
/** `"error: connection refused"`, f"unhealthy: {e}". */
const UNHEALTHY_PREFIX = /^(unhealthy|error|down|degraded|failed|failing)\s*[:\-–]/i;
const QUOTED = /(['"`])(degraded|unhealthy|down|error|fail(ed|ing|ure)?|unavailable|not[ _-]?(ready|ok|healthy))\1/i;
const OK_KEYS = /^(ok|healthy|is_?healthy|status|up|ready|alive|success|database|db|redis|cache)$/i;
const EXCEPTION = /^([A-Z]\w*)?(Error|Exception)$/;
const LOG_NAMES = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'trace', 'print']);

export interface Span {
  model: CodeModel;
  from: number;
  to: number;
}

export function collectHealthStatuses(repo: RepoContext, facts: FactMap): HealthStatusFact[] {
  const out: HealthStatusFact[] = [];
  const seen = new Set<string>();
  for (const r of facts.routes) {
    const h = r.handler;
    if (!h || !isHealthRoute(r)) continue;
    const key = `${h.file}:${h.line}`;
    const model = repo.models.get(h.file);
    if (!model || seen.has(key)) continue;
    seen.add(key);
    const spans = [{ model, from: h.line, to: h.endLine }, ...calledHelpers(model, h.line, h.endLine)];
    const bad = spans.map(unhealthyIn).find((v) => v !== null) ?? null;
    if (!bad) continue;
    const status = spans.map((s, i) => findStatusSet(s, i === 0)).find((s) => s !== null) ?? null;
    out.push({
      route: r.evidence,
      method: r.method,
      path: r.path,
      framework: r.framework,
      unhealthy: repo.ev(h.file, bad.line, { note: `reports ${bad.what}` }),
      statusSet: status ? repo.ev(h.file, status.line, { note: status.what }) : null,
    });
  }
  return out;
}

/** Same-file functions the span calls by name (`build_health()`, `self.check_all()`), one level deep. */
function calledHelpers(model: CodeModel, from: number, to: number): Span[] {
  const names = new Set(model.calls.filter((c) => c.line >= from && c.line <= to).map((c) => c.name));
  return model.functions
    .filter((f) => f.name && names.has(f.name) && (f.line < from || f.line > to))
    .map((f) => ({ model, from: f.line, to: f.endLine }));
}

/** The first place in the span where the response body can say "not healthy". */
export function unhealthyIn(span: Span): { line: number; what: string } | null {
  const { model, from, to } = span;
  const inRange = (line: number) => line >= from && line <= to;
  const hits: { line: number; what: string }[] = [];
  for (const r of model.returns) if (r.value && inRange(r.line)) walk(r.value, hits);
  for (const a of model.assignments) {
    if (!inRange(a.line)) continue;
    const name = a.target.split(/[.[\]"']/).filter(Boolean).pop() ?? '';
    if (OK_KEYS.test(name) && isFalse(a.value)) hits.push({ line: a.line, what: `${a.target} = ${a.value.text}` });
    walk(a.value, hits);
  }
  for (const c of model.calls) {
    // Log lines and plain exception messages (`throw new Error('unhealthy')`) are not the response body;
    // an HTTP error's payload is (and comes with its error status).
    if (!inRange(c.line) || LOG_NAMES.has(c.name) || /^console\./.test(c.callee) || (EXCEPTION.test(c.name) && !HTTP_ERRORS.test(c.name))) continue;
    for (const v of [...c.args, ...Object.values(c.kwargs)]) walk(v, hits);
  }
  hits.sort((a, b) => a.line - b.line);
  return hits[0] ?? null;
}

function walk(v: Value, hits: { line: number; what: string }[], depth = 0): void {
  if (depth > 6) return;
  if (v.kind === 'string' && v.value !== undefined && (UNHEALTHY.test(v.value.trim()) || UNHEALTHY_PREFIX.test(v.value))) {
    hits.push({ line: v.line, what: `"${v.value.trim().slice(0, 40)}"` });
  } else if (v.kind === 'fstring' && UNHEALTHY_PREFIX.test((v.literal ?? '').trim())) {
    hits.push({ line: v.line, what: v.text.slice(0, 40) });
  } else if (v.kind === 'dict') {
    for (const e of v.entries ?? []) {
      if (OK_KEYS.test(e.key) && isFalse(e.value)) hits.push({ line: e.value.line, what: `${e.key}: ${e.value.text}` });
      else walk(e.value, hits, depth + 1);
    }
  } else if (v.kind === 'list') {
    for (const i of v.items ?? []) walk(i, hits, depth + 1);
  } else if (v.kind === 'other' || v.kind === 'binop') {
    // A ternary / conditional expression: `"ok" if db_ok else "degraded"`, `ok ? 'up' : 'down'`.
    const m = QUOTED.exec(v.text);
    if (m) hits.push({ line: v.line, what: `"${m[2]}"` });
  }
}

function isFalse(v: Value): boolean {
  return v.kind === 'bool' && v.value === 'false';
}
