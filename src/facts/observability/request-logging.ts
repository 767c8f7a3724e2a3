/**
 * Per-request access logging (method, path, status, and for most of these the duration). Credited:
 * - the server's access log: uvicorn logs every request by default (method, path, status; no
 *   duration), so a production `uvicorn` start command or a `uvicorn.run(...)` call counts unless it
 *   has `--no-access-log` / `access_log=False`; gunicorn and hypercorn only with an access log file
 *   (`--access-logfile`, `accesslog = ...` in gunicorn.conf.py). When no production start command
 *   names a Python server at all, a declared uvicorn dependency is credited (noted as such): that is
 *   how FastAPI/Starlette apps are served; a tiangolo/uvicorn-gunicorn base image is its own server,
 *   with gunicorn's access log on by default;
 * - libraries: asgi-logger, django-request-logging and django-structlog middleware, morgan, pino-http /
 *   express-pino-logger, nestjs-pino, express-winston, koa-logger, hono `logger()`, Fastify's `logger`
 *   option (Fastify logs each request and its response time through pino);
 * - a hand-written middleware that logs and measures time: a `@app.middleware("http")` function, a
 *   `dispatch` / `__call__` method of a middleware class, or a Flask `after_request` hook, that calls a
 *   logger (and, for middleware, a clock); a JS `res.on('finish' | 'close', ...)` callback that logs.
 */
import type { CodeModel } from '../code/model.js';
import type { FactMap, OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, findImport, matchLib, type LibSpec, type Scanned } from './scan.js';
import { isFastifyFactory } from './logging.js';

type Signal = OpsSignals['requestLogging'][number];

const LIBS: LibSpec[] = [
  { detail: 'asgi-logger', lang: 'python', modules: ['asgi_logger'], args: ['AccessLoggerMiddleware'], calls: ['AccessLoggerMiddleware'] },
  { detail: 'morgan', lang: 'node', modules: ['morgan'], calls: ['morgan'] },
  { detail: 'pino-http', lang: 'node', modules: ['pino-http', 'express-pino-logger', 'hono-pino'], calls: ['pinoHttp', 'pino-http', 'expressPino', 'pinoLogger', 'logger'], importCredits: true },
  { detail: 'nestjs-pino', lang: 'node', modules: ['nestjs-pino'], calls: ['LoggerModule.forRoot', 'LoggerModule.forRootAsync'] },
  { detail: 'express-winston', lang: 'node', modules: ['express-winston'], calls: ['expressWinston.logger', 'logger'] },
  { detail: 'koa-logger', lang: 'node', modules: ['koa-logger'], importCredits: true },
  { detail: 'hono logger', lang: 'node', modules: ['hono/logger'], calls: ['logger'] },
];

const DJANGO_MIDDLEWARE = /^(request_logging\.middleware\.LoggingMiddleware|django_structlog\.middlewares\.RequestMiddleware|log_request_id\.middleware|django_guid\.middleware)/;
const LOG_CALL_PY = /(^|\.)(logging|_*log|_*logger|\w+_log(ger)?)\.(info|debug|warning|error|log|msg)$/i;
const LOG_CALL_JS = /(^|\.)(console|_*log|_*logger|\w*Logger)\.(info|log|debug|warn|error|http)$/i;
const CLOCK = /^(time\.(time|perf_counter|monotonic)(_ns)?|perf_counter|monotonic|datetime\.(now|utcnow)|datetime\.datetime\.(now|utcnow)|timezone\.now)$/;

export function requestLoggingSignals(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Signal[] {
  const out: Signal[] = [];
  let pythonServer = false;
  // Production start commands, and the lines of start scripts they run.
  const commands = facts.startCommands.filter((c) => c.production).map((c) => ({ cmd: c.command, evidence: c.evidence, service: c.service }));
  for (const sc of facts.startScripts) {
    if (!sc.production) continue;
    for (const l of sc.lines) commands.push({ cmd: l.text, evidence: l.evidence ?? repo.ev(sc.file, l.line), service: repo.file(sc.file)?.service ?? '' });
  }
  for (const c of commands) {
    const cmd = c.cmd;
    const add = (detail: string) => out.push({ detail, evidence: c.evidence, service: c.service });
    if (/\b(uvicorn|gunicorn|hypercorn|daphne|granian|waitress-serve)\b/.test(cmd)) pythonServer = true;
    if (/\bgunicorn\b/.test(cmd)) {
      if (/--access-logfile(=|\s)/.test(cmd)) add('gunicorn access log');
    } else if (/\bhypercorn\b/.test(cmd)) {
      if (/--access-logfile(=|\s)/.test(cmd)) add('hypercorn access log');
    } else if (/\buvicorn\b/.test(cmd) && !/--no-access-log\b/.test(cmd)) add('uvicorn access log (on by default)');
  }
  for (const s of files) {
    const add = (detail: string, line: number) => out.push({ detail, evidence: repo.ev(s.file.path, line), service: s.file.service });
    for (const lib of LIBS) {
      const hit = matchLib(s, lib);
      if (hit) add(lib.detail, hit.line);
    }
    const m = s.model;
    if (s.python) {
      for (const c of m.calls) {
        if (c.callee === 'uvicorn.run' || (c.callee === 'run' && findImport(m, ['uvicorn'])?.names.includes('run'))) {
          pythonServer = true;
          const off = c.kwargs.access_log;
          if (!(off?.kind === 'bool' && off.value === 'false')) add('uvicorn access log (on by default)', c.line);
        }
      }
      for (const a of m.assignments) {
        if (a.scope === 'module' && a.target === 'accesslog' && a.value.kind !== 'none') add('gunicorn accesslog setting', a.line);
        if (a.scope === 'module' && (a.target === 'MIDDLEWARE' || a.target === 'MIDDLEWARE_CLASSES')) {
          const item = (a.value.items ?? []).find((i) => DJANGO_MIDDLEWARE.test(i.value ?? ''));
          if (item) add(`Django ${item.value}`, item.line);
        }
      }
      for (const line of pythonMiddleware(m)) add('request logging middleware', line);
    } else {
      for (const c of m.calls) {
        if (isFastifyFactory(m.calls, c)) {
          const logger = entry(c.args[0], 'logger') ?? entry(c.args[0], 'loggerInstance');
          const disabled = entry(c.args[0], 'disableRequestLogging');
          if (logger && !(logger.kind === 'bool' && logger.value === 'false') && !(disabled?.kind === 'bool' && disabled.value === 'true')) add('Fastify request logging (pino)', logger.line);
        }
      }
      for (const line of jsFinishLoggers(m)) add('request logging middleware', line);
    }
  }
  // tiangolo's uvicorn-gunicorn images start gunicorn with their own config, whose access log goes to
  // stdout unless ACCESS_LOG is emptied: the image is the server.
  for (const img of facts.dockerImages) {
    if (img.notBuilt || img.serviceImage || !/\btiangolo\/uvicorn-gunicorn(-fastapi|-starlette)?\b/.test(img.finalStage.snippet)) continue;
    pythonServer = true;
    out.push({ detail: 'gunicorn access log of the tiangolo/uvicorn-gunicorn image (on by default)', evidence: { ...img.finalStage, note: 'the image runs gunicorn with access logs to stdout (ACCESS_LOG="-")' }, service: repo.file(img.file)?.service ?? '' });
  }
  if (!pythonServer) {
    for (const d of facts.dependencies) {
      if (d.dev || d.name !== 'uvicorn') continue;
      out.push({ detail: 'uvicorn access log (on by default)', evidence: { ...d.evidence, note: 'uvicorn is a declared dependency and logs each request by default; no start command was found' }, service: repo.file(d.evidence.file)?.service ?? '' });
    }
  }
  return out;
}

/** Inside function `f` or a function nested in it. */
function within(m: CodeModel, fn: number, f: number): boolean {
  for (let x = fn; x >= 0; x = m.functions[x].parent) if (x === f) return true;
  return false;
}

function pythonMiddleware(m: CodeModel): number[] {
  const out: number[] = [];
  m.functions.forEach((f, i) => {
    const decorated = f.decorators.map((d) => (d.kind === 'call' ? d.callee ?? '' : d.text));
    const isHook = decorated.some((d) => /(^|\.)after_request$/.test(d));
    const isMiddleware =
      decorated.some((d) => /(^|\.)middleware$/.test(d)) ||
      ((f.name === 'dispatch' || f.name === '__call__') && /Middleware/i.test(f.className ?? '') && f.parent === -1);
    if (!isHook && !isMiddleware) return;
    const calls = m.calls.filter((c) => c.fn >= 0 && within(m, c.fn, i));
    const logs = calls.find((c) => LOG_CALL_PY.test(c.callee));
    if (!logs) return;
    if (isMiddleware && !calls.some((c) => CLOCK.test(c.callee))) return;
    out.push(logs.line);
  });
  return out;
}

function jsFinishLoggers(m: CodeModel): number[] {
  const out: number[] = [];
  for (const c of m.calls) {
    if (c.name !== 'on' || !['finish', 'close'].includes(c.args[0]?.value ?? '')) continue;
    const cb = c.args[1];
    if (cb?.fn === undefined) continue;
    const log = m.calls.find((x) => x.fn >= 0 && within(m, x.fn, cb.fn as number) && LOG_CALL_JS.test(x.callee));
    if (log) out.push(log.line);
  }
  return out;
}
