/**
 * Long multi-step workflows (agents, graphs, fan-outs of LLM calls) and what bounds their total
 * run time. Each step may have its own client timeout; nothing bounds the sum unless the run is
 * wrapped. Recognised runs:
 *  - LangGraph: `.invoke/.ainvoke/.stream/.astream/.astream_events/.batch/.abatch` on a compiled
 *    graph (`builder.compile()`) or a prebuilt agent (`create_react_agent`), JS `@langchain/langgraph`
 *    the same way; LangChain `AgentExecutor` / `initialize_agent` runs; pydantic-ai `Agent.run*`;
 *  - OpenAI Agents SDK: `Runner.run/run_sync/run_streamed` (Python), `run(agent, …)` / `Runner.run` (JS);
 *  - Vercel AI SDK `generateText/streamText/generateObject` with `tools` and `maxSteps`/`stopWhen`;
 *  - fan-outs of LLM calls (facts.llmFanouts).
 * Bounded when the enclosing function, or a caller one level up, calls a timeout:
 * `asyncio.wait_for`, `asyncio.timeout`, `anyio.fail_after/move_on_after`, `async_timeout.timeout`,
 * any helper named like a timeout or deadline (`with_timeout`: we cannot open it, so it is credited),
 * `future.result(timeout=…)`; JS `AbortSignal.timeout`, `Promise.race`, an AbortController aborted
 * from a timer, p-timeout; or the run's own options carry `signal` / `abortSignal` / `timeout`;
 * LangChain `AgentExecutor(max_execution_time=…)`; a Celery task with `time_limit` / `soft_time_limit`;
 * a Next.js route file exporting `maxDuration` (the platform stops the function).
 * The code model has no `with`-block ranges: credit is per function, which is generous on purpose.
 */
import type { Evidence } from '../../core/evidence.js';
import { callsIn } from '../code/lookup.js';
import type { CallSite, CodeModel } from '../code/model.js';
import type { FactMap, LongOperation } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { originOf, originPackage } from '../routes/receivers.js';
import { appModels, callersOf, decoratorName, fnChain, optionKey, packageName } from './scope.js';

const RUN_METHODS = /^(invoke|ainvoke|stream|astream|astream_events|astream_log|batch|abatch|streamEvents|run|arun|run_sync|run_stream|run_streamed)$/;
const GRAPH_METHODS = /^(invoke|ainvoke|stream|astream|astream_events|astream_log|batch|abatch|streamEvents)$/;
const AGENT_PKG_PATH = /^(langgraph\.prebuilt|@langchain\/langgraph\/prebuilt|langchain\.agents|langchain\/agents|langchain)\.(create_react_agent|createReactAgent|AgentExecutor|initialize_agent|create_agent|createAgent)$/;
const VERCEL_MULTI = /^(generateText|streamText|generateObject|streamObject)$/;
const PY_TIMEOUT = /^(wait_for|timeout|timeout_at|fail_after|fail_at|move_on_after|move_on_at)$/;
const GENERIC_TIMEOUT = /timeout|deadline/i;
const CELERY_TASK = /(^|\.)(task|shared_task)$/;

export function collectLongOperations(repo: RepoContext, facts: FactMap): LongOperation[] {
  const prog = programFor(repo);
  const models = appModels(repo);
  const out: LongOperation[] = [];
  // Markers are costly to compute: read only when a workflow runs inside a Celery task.
  const celeryLimit = () => facts.markers.find((mk) => mk.kind === 'task-time-limit') ?? null;
  for (const m of models) {
    const py = m.language === 'python';
    if (!m.imports.some((i) => /^(langgraph|langchain|@langchain\/|agents$|@openai\/agents|pydantic_ai|ai$)/.test(i.module))) continue;
    m.calls.forEach((c) => {
      const what = workflowOf(prog, m, c);
      if (!what) return;
      const opt = py ? null : optionKey(c, /^(signal|abortSignal|timeout)$/);
      const own = opt ? prog.repo.ev(m.file, c.line, { note: opt === 'opaque' ? 'options spread from a variable cannot be read' : `${opt.key} option` }) : null;
      out.push({
        what,
        evidence: repo.ev(m.file, c.line, { endLine: c.endLine }),
        function: c.fn >= 0 ? m.functions[c.fn].name : '',
        family: py ? 'py' : 'node',
        timeout: own ?? executorLimit(prog, m, c) ?? timeoutAround(prog, models, m, c.fn, c, celeryLimit),
      });
    });
  }
  // A fan-out of workflow runs (`gather(*[graph.ainvoke(x) for x in xs])`) is reported once, at the run.
  const withOps = new Set(out.map((o) => `${o.evidence.file}:${o.function}`));
  for (const f of facts.llmFanouts) {
    const m = repo.models.get(f.evidence.file);
    const c = m?.calls.find((x) => x.line === f.evidence.line && /^(gather|all|allSettled)$/.test(x.name));
    if (!m || !c || withOps.has(`${f.evidence.file}:${f.function}`)) continue;
    out.push({
      what: f.family === 'py' ? 'asyncio.gather over LLM calls' : 'Promise.all over LLM calls',
      evidence: f.evidence,
      function: f.function,
      family: f.family,
      timeout: timeoutAround(prog, models, m, c.fn, c, celeryLimit) ?? perItemTimeout(prog, models, f.llmCall, celeryLimit),
    });
  }
  return out;
}

/** Each fanned-out model call bounded by its own deadline (`wait_for(model.ainvoke(...), 60)`): the concurrent whole is bounded too. */
function perItemTimeout(prog: Program, models: readonly CodeModel[], llm: Evidence, celeryLimit: () => { evidence: Evidence } | null): Evidence | null {
  const m = prog.model(llm.file);
  const c = m?.calls.find((x) => x.line === llm.line);
  if (!m || !c || c.fn < 0) return null;
  const t = timeoutAround(prog, models, m, c.fn, c, celeryLimit, 1);
  return t ? { ...t, note: `each model call is bounded (${t.note ?? ''})` } : null;
}

/** What kind of workflow run a call is, or null. */
function workflowOf(prog: Program, m: CodeModel, c: CallSite): string | null {
  const file = m.file;
  const pkg = packageName(prog, file, c.callee);
  if (!c.callee.includes('.')) {
    if (VERCEL_MULTI.test(c.name) && pkg === 'ai') {
      const tools = optionKey(c, /^tools$/);
      const steps = optionKey(c, /^(maxSteps|stopWhen)$/);
      return tools && tools !== 'opaque' && steps && steps !== 'opaque' ? `AI SDK ${c.name}() with tools and multiple steps` : null;
    }
    if (c.name === 'run' && pkg === '@openai/agents') return 'OpenAI Agents run()';
    return null;
  }
  if (!RUN_METHODS.test(c.name)) return null;
  const recv = c.callee.slice(0, c.callee.lastIndexOf('.'));
  if (/^(Runner|agents\.Runner)$/.test(recv) && (pkg === 'agents' || pkg === '@openai/agents')) return `OpenAI Agents Runner.${c.name}`;
  const o = originOf(prog, file, c.fn, recv);
  const op = originPackage(prog, o);
  if (op && AGENT_PKG_PATH.test(op.path)) return `${op.path.split('.').pop()} ${c.name}`;
  if (op?.module === 'pydantic_ai' && /^run/.test(c.name)) return `pydantic-ai agent.${c.name}`;
  if (!GRAPH_METHODS.test(c.name)) return null;
  const fromGraph = (f: string) => !!prog.model(f)?.imports.some((i) => /^(langgraph|@langchain\/langgraph)/.test(i.module));
  if (o?.value?.kind === 'call' && /(^|\.)compile$/.test(o.value.callee ?? '') && fromGraph(o.file)) return `LangGraph graph.${c.name}`;
  // An injected graph we cannot trace: the name says graph/workflow and the file uses LangGraph.
  if (!o?.value && !op && fromGraph(file) && /(graph|workflow)$/i.test(recv)) return `LangGraph graph.${c.name}`;
  return null;
}

/** LangChain `AgentExecutor(max_execution_time=…)` bounds its own run. */
function executorLimit(prog: Program, m: CodeModel, c: CallSite): Evidence | null {
  const recv = c.callee.slice(0, Math.max(0, c.callee.lastIndexOf('.')));
  const o = recv ? originOf(prog, m.file, c.fn, recv) : null;
  if (o?.value?.kind !== 'call' || o.value.call === undefined) return null;
  const ctor = prog.model(o.file)?.calls[o.value.call];
  const k = ctor ? optionKey(ctor, /^(max_execution_time|maxExecutionTime|timeout)$/) : null;
  if (!k) return null;
  return prog.repo.ev(o.file, k === 'opaque' ? ctor!.line : k.value.line, { note: k === 'opaque' ? 'options cannot be read' : k.key });
}

/** A timeout in the function running `op` (or an enclosing one), else in a caller one level up. */
export function timeoutAround(prog: Program, models: readonly CodeModel[], m: CodeModel, fn: number, op: CallSite | null, celeryLimit: () => { evidence: Evidence } | null, depth = 0): Evidence | null {
  const py = m.language === 'python';
  const ev = (line: number, note: string) => prog.repo.ev(m.file, line, { note });
  // Next.js route segment config: the platform stops the function after `maxDuration` seconds.
  const segment = py ? undefined : m.assignments.find((a) => a.scope === 'module' && a.target === 'maxDuration');
  if (segment) return ev(segment.line, 'Next.js maxDuration bounds the route');
  for (const f of fnChain(m, fn)) {
    const def = m.functions[f];
    for (const d of def.decorators) {
      const name = decoratorName(d);
      if (GENERIC_TIMEOUT.test(name)) return ev(d.line, `timeout decorator ${name}`);
      if (CELERY_TASK.test(name)) {
        const k = d.kind === 'call' && d.call !== undefined ? m.calls[d.call].kwargs : {};
        const lim = k.time_limit ?? k.soft_time_limit;
        if (lim) return ev(lim.line, 'Celery task time limit');
        const global = celeryLimit();
        if (global) return { ...global.evidence, note: 'Celery task time limit configured for all tasks' };
      }
    }
    for (const { call } of callsIn(m, f)) {
      if (call === op) continue;
      if (py) {
        const pkg = packageName(prog, m.file, call.callee);
        if (PY_TIMEOUT.test(call.name) && /^(asyncio|anyio|async_timeout|trio)$/.test(pkg)) return ev(call.line, `${pkg}.${call.name}`);
        if (GENERIC_TIMEOUT.test(call.name) && !/^(set|get)|^(Timeout|ClientTimeout)$/.test(call.name)) return ev(call.line, `${call.callee}()`);
        if (/^(result|wait|join)$/.test(call.name) && call.kwargs.timeout) return ev(call.line, `${call.callee}(timeout=…)`);
      } else {
        if (/^AbortSignal\.(timeout|any)$/.test(call.callee) || call.callee === 'Promise.race') return ev(call.line, call.callee);
        if (packageName(prog, m.file, call.callee) === 'p-timeout') return ev(call.line, 'p-timeout');
        if (GENERIC_TIMEOUT.test(call.name) && !/^(setTimeout|clearTimeout)$/.test(call.name)) return ev(call.line, `${call.callee}()`);
        if (call.name === 'setTimeout' && callsIn(m, f).some((x) => x.call.name === 'abort' || (x.call.isNew && x.call.name === 'AbortController'))) return ev(call.line, 'AbortController aborted by a timer');
      }
    }
  }
  if (depth === 0 && fn >= 0) {
    for (const f of fnChain(m, fn)) {
      for (const caller of callersOf(prog, models, m.file, f)) {
        const up = timeoutAround(prog, models, caller.model, caller.call.fn, null, celeryLimit, 1);
        if (up) return { ...up, note: `the caller bounds it (${up.note ?? ''})` };
      }
    }
  }
  return null;
}
