/**
 * Where the application's log level is set, and whether it is read from the environment / config.
 * Sites: Python `logging.basicConfig(level=…)`, `setLevel(…)` on the root logger, `getLogger(__name__)`
 * or a logger variable (not a handler, not a library logger named by a string such as
 * `getLogger("sqlalchemy.engine")`: quieting a dependency is not the app's level), loguru
 * `logger.add(..., level=…)`; JS `pino({ level })`, winston `createLogger({ level })`, Fastify
 * `{ logger: { level } }`. A level is literal when it is a string / number, `logging.INFO`, or a
 * module constant holding one; anything else (`os.getenv(...)`, `settings.log_level`, a conditional)
 * is configurable. A `LOG_LEVEL`-like environment variable read anywhere in the service also counts
 * as configurable (it usually feeds the logging set-up).
 */
import type { Value } from '../code/model.js';
import type { FactMap, OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, findImport, type Scanned } from './scan.js';
import { isFastifyFactory } from './logging.js';

const PY_LEVEL_NAMES = /^(logging\.)?(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|NOTSET)$/;
const LOGGER_VAR = /(^|\.)(_*log|_*logger|\w+_logger|LOGGER|\w*Logger)$/i;

type Site = OpsSignals['logLevels'][number];

export function logLevelSites(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Site[] {
  const out: Site[] = [];
  const svc = (p: string) => repo.file(p)?.service ?? '';
  const appFiles = new Set(facts.appEntries.map((e) => e.evidence.file));
  for (const s of files) {
    // A Python module run as a program (`if __name__ == "__main__":`, no web app in it: a pre-start
    // or seed script) sets its own level for its own run; the service's level is set elsewhere.
    if (s.python && s.model.mainGuards.length > 0 && !appFiles.has(s.file.path)) continue;
    const found: { v: Value; line: number; literal: boolean; key: string }[] = [];
    const add = (v: Value, line: number, literal: boolean, key = '') => found.push({ v, line, literal, key });
    if (s.python) pythonSites(s, add);
    else jsSites(s, add);
    // The same call with different literal levels in one file (`if settings.DEBUG: basicConfig(level=DEBUG)
    // else: basicConfig(level=INFO)`) is a level chosen from configuration.
    const switched = new Set(found.filter((f) => f.literal).map((f) => f.key).filter((k) => new Set(found.filter((f) => f.key === k && f.literal).map((f) => f.v.text)).size > 1));
    for (const f of found) {
      out.push({ evidence: repo.ev(s.file.path, f.line, { note: `log level ${f.v.text}` }), configurable: !f.literal || switched.has(f.key), service: s.file.service });
    }
  }
  for (const r of facts.envReads) {
    if (/(^|_)LOG_?LEVEL$/i.test(r.name)) out.push({ evidence: r.evidence, configurable: true, service: svc(r.evidence.file) });
  }
  return out;
}

function pythonSites(s: Scanned, add: (v: Value, line: number, literal: boolean, key: string) => void): void {
  const m = s.model;
  const constants = new Map<string, Value>();
  for (const a of m.assignments) if (a.scope === 'module') constants.set(a.target, a.value);
  const literal = (v: Value): boolean => {
    if (v.kind === 'string' || v.kind === 'number') return true;
    if ((v.kind === 'attr' || v.kind === 'name') && PY_LEVEL_NAMES.test(v.text)) return true;
    const c = v.kind === 'name' ? constants.get(v.text) : undefined;
    return !!c && c !== v && (c.kind === 'string' || c.kind === 'number' || PY_LEVEL_NAMES.test(c.text));
  };
  const loggingImported = !!findImport(m, ['logging']);
  const loguru = !!findImport(m, ['loguru']);
  for (const c of m.calls) {
    if ((c.callee === 'logging.basicConfig' || (c.callee === 'basicConfig' && loggingImported)) && c.kwargs.level) {
      add(c.kwargs.level, c.line, literal(c.kwargs.level), 'basicConfig');
    } else if (loguru && c.callee === 'logger.add' && c.kwargs.level) {
      add(c.kwargs.level, c.line, literal(c.kwargs.level), c.callee);
    } else if (c.name === 'setLevel' && c.args[0] && appLogger(s, c.callee.slice(0, -'.setLevel'.length), c.line)) {
      add(c.args[0], c.line, literal(c.args[0]), c.callee);
    }
  }
}

/** The receiver is the root logger, the module's own logger, or a variable holding one of those. */
function appLogger(s: Scanned, receiver: string, line: number): boolean {
  const m = s.model;
  if (receiver === 'logging.root' || receiver === 'logging.getLogger()') {
    // `logging.getLogger("uvicorn").setLevel(...)`: a named library logger.
    const get = m.calls.find((g) => g.line === line && g.name === 'getLogger');
    return !get || get.args.length === 0 || get.args[0].text === '__name__';
  }
  if (!LOGGER_VAR.test(receiver) || /handler/i.test(receiver)) return false;
  const assigned = m.assignments.filter((a) => a.target === receiver && a.value.kind === 'call' && /getLogger$/.test(a.value.callee ?? ''));
  if (assigned.length === 0) return true;
  return assigned.some((a) => {
    const call = a.value.call !== undefined ? m.calls[a.value.call] : undefined;
    const arg = call?.args[0];
    return !arg || arg.text === '__name__' || arg.kind !== 'string';
  });
}

function jsSites(s: Scanned, add: (v: Value, line: number, literal: boolean, key: string) => void): void {
  const m = s.model;
  const pino = !!findImport(m, ['pino']);
  const winston = !!findImport(m, ['winston']);
  for (const c of m.calls) {
    let opts: Value | undefined;
    if (pino && (c.callee === 'pino' || c.callee === 'pino.default' || c.callee === 'P')) opts = c.args[0];
    else if (winston && c.name === 'createLogger') opts = c.args[0];
    else if (isFastifyFactory(m.calls, c)) opts = entry(c.args[0], 'logger');
    const level = entry(opts, 'level');
    if (level) add(level, level.line, level.kind === 'string' || level.kind === 'number', c.callee);
  }
}
