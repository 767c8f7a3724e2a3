/**
 * Routes that run slow work inside the request (long-task-in-request). The code a route runs is its
 * handler and what it calls (routes/reach.ts). Slow work is:
 * - an LLM chain: two or more generation / speech calls to one provider (outside `except` fallbacks;
 *   calls to different providers are often alternatives in branches the code model cannot see), a
 *   model call made once per item of a loop, or an agent / chain / graph run;
 * - an external sync: outbound HTTP calls made once per item of a `for` loop or comprehension (a
 *   `while` loop, `for _ in range(3)` or a loop over a literal list is a retry, poll or fallback);
 * - file processing: PDF parsing, OCR, ffmpeg, Whisper, pandas reading an uploaded file.
 * A route is left alone when its code hands anything to a queue or background task, or streams the
 * response (conservative: the slow part may be what is handed off or streamed). One model call in a
 * chat endpoint is not slow work here.
 */
import type { Evidence } from '../../core/evidence.js';
import { llmCallAt } from '../calls/llm.js';
import type { CallSite, CodeModel } from '../code/model.js';
import type { FactMap, SlowRequestWork, SlowRoute } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { callsOf, reach } from '../routes/reach.js';
import { httpClientOf } from '../routes/touches.js';
import { routeEntries } from './entries.js';
import { handoffCall, slowCall, streamingCall } from './slow-calls.js';

/** The loop a call runs once per item of, when it iterates over data (not a retry / poll loop). */
function dataLoop(model: CodeModel, call: CallSite): boolean {
  if (call.loop === undefined) return false;
  const loop = model.loops[call.loop];
  if (!loop || loop.kind === 'while') return false;
  const iter = loop.iter;
  // `for _ in range(5)` / `for attempt in Retrying(...)`: a retry loop; `for url in [A, B]`: a fallback
  // over a few fixed alternatives.
  if (iter?.kind === 'call' && /^(range|[\w.]*Retrying|[\w.]*retry\w*|[\w.]*backoff\w*)$/i.test(iter.callee ?? '')) return false;
  if (iter && /^(list|dict|string)$/.test(iter.kind)) return false;
  return true;
}

/** Whether the route takes an uploaded file (FastAPI UploadFile / File(...), Flask request.files, multer). */
function takesUpload(prog: Program, file: string, fn: number): boolean {
  const model = prog.model(file) as CodeModel;
  const f = model.functions[fn];
  if (f.params.some((p) => /UploadFile/.test(p.annotation ?? '') || /^(File|fastapi\.File)$/.test(p.default?.callee ?? ''))) return true;
  return callsOf(model, fn).some(({ call }) => /^request\.files\b/.test(call.callee));
}

interface Found {
  /** Text-generation and speech calls (embeddings are quick lookups), by provider. */
  llm: { provider: string; ev: Evidence }[];
  llmLoop: Evidence[];
  httpLoop: Evidence[];
  slow: { work: string; ev: Evidence }[];
  handoff: Evidence | null;
  stream: Evidence | null;
}

/** What one call means for a request's duration; classified once per call and run (helpers are shared by many routes). */
interface CallKind {
  handoff?: string;
  stream?: boolean;
  slow?: { work: string; needsUpload?: boolean };
  llm?: { provider: string; inLoop: boolean; inFallback: boolean };
  httpLoop?: boolean;
}

const kinds = new WeakMap<Program, Map<string, CallKind | null>>();

function classify(prog: Program, model: CodeModel, call: CallSite, idx: number): CallKind | null {
  let cache = kinds.get(prog);
  if (!cache) kinds.set(prog, (cache = new Map()));
  const key = `${model.file}:${idx}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const k: CallKind = {};
  const off = handoffCall(prog, model, call);
  if (off) k.handoff = off;
  if (streamingCall(call)) k.stream = true;
  // An agent / graph run is slow work even though it also reads as one model call.
  const slow = slowCall(prog, model, call);
  const hit = slow ? null : llmCallAt(prog, model.file, idx);
  if (slow) k.slow = slow;
  else if (hit) {
    const generates = hit.completion || /\.(audio|speech|text_to_speech|textToSpeech|speech_to_text|speechToText)\./.test(call.callee);
    // A call in an `except` block is a fallback for another one, not a further step.
    if (generates) k.llm = { provider: hit.provider, inLoop: dataLoop(model, call), inFallback: call.handler !== undefined };
  } else if (dataLoop(model, call) && httpClientOf(prog, model, call)) k.httpLoop = true;
  const out = Object.keys(k).length > 0 ? k : null;
  cache.set(key, out);
  return out;
}

function scanRoute(prog: Program, file: string, fn: number): Found {
  const repo = prog.repo;
  const found: Found = { llm: [], llmLoop: [], httpLoop: [], slow: [], handoff: null, stream: null };
  const upload = takesUpload(prog, file, fn);
  const seen = new Set<string>();
  for (const r of reach(prog, [{ file, fn }])) {
    const model = prog.model(r.file) as CodeModel;
    for (const { call, idx } of callsOf(model, r.fn)) {
      const key = `${r.file}:${idx}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const k = classify(prog, model, call, idx);
      if (!k) continue;
      const ev = repo.ev(r.file, call.line, { endLine: call.endLine });
      if (k.handoff) found.handoff ??= { ...ev, note: k.handoff };
      if (k.stream) found.stream ??= { ...ev, note: 'streamed response' };
      if (k.slow && (!k.slow.needsUpload || upload)) found.slow.push({ work: k.slow.work, ev });
      if (k.llm?.inLoop) found.llmLoop.push(ev);
      else if (k.llm && !k.llm.inFallback) found.llm.push({ provider: k.llm.provider, ev });
      if (k.httpLoop) found.httpLoop.push(ev);
    }
  }
  return found;
}

export function collectSlowRequestWork(repo: RepoContext, facts: FactMap): SlowRequestWork {
  const prog = programFor(repo);
  const entries = routeEntries(prog, facts.routes);
  const slow: SlowRoute[] = [];
  const offloaded: Evidence[] = [];
  for (const e of entries) {
    const f = scanRoute(prog, e.ref.file, e.ref.fn);
    const work: string[] = [];
    const calls: Evidence[] = [];
    // Two calls to the same provider: calls to different providers are often alternatives in branches.
    const byProvider = new Map<string, Evidence[]>();
    for (const l of f.llm) byProvider.set(l.provider, [...(byProvider.get(l.provider) ?? []), l.ev]);
    if ([...byProvider.values()].some((list) => list.length >= 2)) {
      work.push(`an LLM chain (${f.llm.length} model calls)`);
      calls.push(...f.llm.map((l) => l.ev));
    }
    if (f.llmLoop.length > 0) {
      work.push('a model call per item of a loop');
      calls.push(...f.llmLoop);
    }
    if (f.httpLoop.length > 0) {
      work.push('outbound HTTP calls per item of a loop (an external sync)');
      calls.push(...f.httpLoop);
    }
    for (const w of [...new Set(f.slow.map((s) => s.work))]) work.push(w);
    calls.push(...f.slow.map((s) => ({ ...s.ev, note: s.work })));
    const route = e.route ? `${e.route.method} ${e.route.path}` : e.label;
    // Routes that hand work off or stream are what "done right" looks like (pass evidence).
    if (f.handoff || f.stream) {
      offloaded.push({ ...e.evidence, note: `${route}: ${f.handoff ? `hands work off (${f.handoff.note})` : 'streams its response'}` });
      continue;
    }
    if (work.length === 0) continue;
    slow.push({ route, evidence: { ...e.evidence, note: work.join('; ') }, work, calls });
  }
  return { slow, offloaded, routes: entries.length };
}
