/**
 * Logging markers.
 * - 'structured-logging': logs leave the process as JSON (or key/value events): structlog,
 *   python-json-logger, loguru `serialize=True`, a `logging.Formatter` subclass that `json.dumps`,
 *   a dictConfig / Django LOGGING whose formatter is a JSON one; pino, pino-http, nestjs-pino,
 *   Fastify's built-in pino logger (`logger:` option), winston with `format.json()`, bunyan,
 *   Nest's `ConsoleLogger({ json: true })`; a logging config file (logging.yaml / .ini / .json) that
 *   names a JSON formatter class.
 * - 'logging-setup': where logging is configured at all (basicConfig, dictConfig, fileConfig, loguru
 *   `add`, winston `createLogger`, log4js `configure`, Django LOGGING): the place a JSON formatter
 *   belongs, so absence findings point there. Python modules run as scripts (with a `__main__`
 *   guard and no app object) configure logging for themselves and are left out.
 */
import type { CallSite, Value } from '../code/model.js';
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { depMarkers, entriesIn, entry, findImport, isTrue, libMarkers, type DepSpec, type LibSpec, type Scanned } from './scan.js';

const STRUCTURED_LIBS: LibSpec[] = [
  { detail: 'structlog', lang: 'python', modules: ['structlog'], calls: ['structlog.configure', 'structlog.get_logger', 'structlog.stdlib.get_logger'], importCredits: true },
  { detail: 'python-json-logger', lang: 'python', modules: ['pythonjsonlogger'], calls: ['JsonFormatter'], importCredits: true },
  { detail: 'json-log-formatter', lang: 'python', modules: ['json_log_formatter'], calls: ['JSONFormatter', 'VerboseJSONFormatter'], importCredits: true },
  { detail: 'ecs-logging', lang: 'python', modules: ['ecs_logging'], calls: ['StdlibFormatter', 'StructlogFormatter'], importCredits: true },
  { detail: 'google-cloud-logging', lang: 'python', modules: ['google.cloud.logging'], calls: ['setup_logging'] },
  { detail: 'pino', lang: 'node', modules: ['pino'], calls: ['pino'], importCredits: true },
  { detail: 'pino-http', lang: 'node', modules: ['pino-http'], calls: ['pinoHttp'], importCredits: true },
  { detail: 'nestjs-pino', lang: 'node', modules: ['nestjs-pino'], calls: ['LoggerModule.forRoot', 'LoggerModule.forRootAsync'], importCredits: true },
  { detail: 'bunyan', lang: 'node', modules: ['bunyan'], calls: ['bunyan.createLogger', 'createLogger'], importCredits: true },
  { detail: 'google-cloud-logging', lang: 'node', modules: ['@google-cloud/logging-winston', '@google-cloud/logging-bunyan'], calls: ['LoggingWinston', 'LoggingBunyan'], importCredits: true },
];

const STRUCTURED_DEPS: DepSpec[] = [
  { detail: 'structlog', names: ['structlog'] },
  { detail: 'python-json-logger', names: ['python-json-logger'] },
  { detail: 'json-log-formatter', names: ['json-log-formatter'] },
  { detail: 'ecs-logging', names: ['ecs-logging'] },
  { detail: 'pino', names: ['pino'] },
  { detail: 'pino-http', names: ['pino-http'] },
  { detail: 'nestjs-pino', names: ['nestjs-pino'] },
  { detail: 'bunyan', names: ['bunyan'] },
];

const JSON_DUMPS = new Set(['json.dumps', 'orjson.dumps', 'ujson.dumps', 'simplejson.dumps', 'rapidjson.dumps']);
/** A formatter named in a logging config (`"()": …` or `"class": …`) that writes JSON. */
const JSON_FORMATTER_REF = /json|ecs_logging|structlog\.stdlib\.ProcessorFormatter/i;

export function loggingMarkers(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Marker[] {
  const out: Marker[] = libMarkers(repo, files, 'structured-logging', STRUCTURED_LIBS);
  const entryFiles = new Set(facts.appEntries.map((e) => e.evidence.file));
  for (const s of files) {
    const add = (kind: 'structured-logging' | 'logging-setup', detail: string, line: number) =>
      out.push({ kind, detail, evidence: repo.ev(s.file.path, line), scope: 'app' });
    if (s.python) {
      for (const m of pythonStructured(s)) add('structured-logging', m.detail, m.line);
      // A module run as a script (`if __name__ == "__main__":`, e.g. a pre-start check) configures
      // logging for itself, not for the web app, unless it also creates the app.
      const scriptLike = s.model.mainGuards.length > 0 && !entryFiles.has(s.file.path);
      if (!scriptLike) for (const m of pythonSetup(s)) add('logging-setup', m.detail, m.line);
    } else {
      for (const m of nodeStructured(s)) add('structured-logging', m.detail, m.line);
      for (const m of nodeSetup(s)) add('logging-setup', m.detail, m.line);
    }
  }
  out.push(...configFileMarkers(repo));
  return [...out, ...depMarkers(repo, facts, 'structured-logging', STRUCTURED_DEPS, out)];
}

/** Logging configuration files (`uvicorn --log-config logging.yaml`, `fileConfig("logging.ini")`). */
const LOG_CONFIG_FILE = /(^|\/|[._-])log(ging|s)?([._-][\w.-]*)?\.(ya?ml|json|ini|conf|cfg|toml)$/i;
/** A JSON formatter named in plain-text configuration. */
const JSON_FORMATTER_NAME = /pythonjsonlogger|json_log_formatter|ecs_logging|JsonFormatter|JSONFormatter/;

function configFileMarkers(repo: RepoContext): Marker[] {
  const out: Marker[] = [];
  for (const f of repo.discovery.files) {
    if (f.role !== 'config' || !LOG_CONFIG_FILE.test(f.path)) continue;
    const i = repo.lines(f.path).findIndex(namesJsonFormatter);
    if (i >= 0) out.push({ kind: 'structured-logging', detail: 'JSON formatter in logging config file', evidence: repo.ev(f.path, i + 1), scope: 'app' });
  }
  return out;
}

/** Comment lines (`#`, `;`, `//`) do not configure anything. */
function namesJsonFormatter(line: string): boolean {
  return !/^\s*(#|;|\/\/)/.test(line) && JSON_FORMATTER_NAME.test(line);
}

type Hit = { detail: string; line: number };

function pythonStructured(s: Scanned): Hit[] {
  const m = s.model;
  const hits: Hit[] = [];
  // A logging.Formatter subclass whose methods serialise with json.dumps.
  const jsonFormatters = new Set<string>();
  for (const cls of m.classes) {
    if (!cls.bases.some((b) => /(^|\.)Formatter$/.test(b))) continue;
    const dumps = m.calls.some((c) => JSON_DUMPS.has(c.callee) && c.fn >= 0 && m.functions[c.fn].className === cls.name);
    if (!dumps) continue;
    jsonFormatters.add(cls.name);
    hits.push({ detail: `${cls.name} (JSON logging.Formatter)`, line: cls.line });
  }
  // loguru: logger.add(sink, serialize=True) or logger.configure(handlers=[{"serialize": True}]).
  if (findImport(m, ['loguru'])) {
    for (const c of m.calls) {
      if (c.name === 'add' && isTrue(c.kwargs.serialize)) hits.push({ detail: 'loguru serialize=True', line: c.line });
      else if (c.name === 'configure' && [...entriesIn(c)].some((e) => e.key === 'serialize' && isTrue(e.value))) {
        hits.push({ detail: 'loguru serialize=True', line: c.line });
      }
    }
  }
  // dictConfig(...) / Django LOGGING = {...} whose formatters are JSON formatters.
  for (const dict of loggingConfigDicts(s)) {
    for (const f of entry(dict, 'formatters')?.entries ?? []) {
      const ref = entry(f.value, '()') ?? entry(f.value, 'class');
      if (!ref) continue;
      const text = ref.value ?? ref.text;
      const local = text.slice(text.lastIndexOf('.') + 1);
      if (JSON_FORMATTER_REF.test(text) || jsonFormatters.has(local)) hits.push({ detail: `logging config formatter ${text}`, line: ref.line });
    }
  }
  return hits;
}

/** Dict literals that configure logging: dictConfig's argument (or the module dict it names) and LOGGING settings. */
function loggingConfigDicts(s: Scanned): Value[] {
  const m = s.model;
  const moduleDicts = new Map<string, Value>();
  for (const a of m.assignments) if (a.scope === 'module' && a.value.kind === 'dict') moduleDicts.set(a.target, a.value);
  const out: Value[] = [];
  for (const c of m.calls) {
    if (c.name !== 'dictConfig') continue;
    const arg = c.args[0];
    if (arg?.kind === 'dict') out.push(arg);
    else if (arg && moduleDicts.has(arg.text.replace(/^settings\./, ''))) out.push(moduleDicts.get(arg.text.replace(/^settings\./, '')) as Value);
  }
  for (const [name, v] of moduleDicts) if (/^LOGGING(_CONFIG)?$/.test(name) && !out.includes(v)) out.push(v);
  return out;
}

function pythonSetup(s: Scanned): Hit[] {
  const m = s.model;
  const hits: Hit[] = [];
  const fromLogging = findImport(m, ['logging']);
  const loguru = findImport(m, ['loguru']);
  for (const c of m.calls) {
    if (c.callee === 'logging.basicConfig' || (c.callee === 'basicConfig' && fromLogging)) hits.push({ detail: 'logging.basicConfig', line: c.line });
    else if (c.name === 'dictConfig' || c.name === 'fileConfig') hits.push({ detail: `logging.config.${c.name}`, line: c.line });
    else if (loguru && c.callee === 'logger.add') hits.push({ detail: 'loguru logger.add', line: c.line });
    else if (c.callee === 'coloredlogs.install') hits.push({ detail: 'coloredlogs', line: c.line });
  }
  for (const a of m.assignments) {
    if (a.scope === 'module' && a.target === 'LOGGING' && a.value.kind === 'dict') hits.push({ detail: 'Django LOGGING setting', line: a.line });
  }
  return hits;
}

function nodeStructured(s: Scanned): Hit[] {
  const m = s.model;
  const hits: Hit[] = [];
  // winston: structured only with a JSON (or logstash / ECS) format.
  if (findImport(m, ['winston'])) {
    const json = m.calls.find((c) => isWinstonJson(c));
    if (json) {
      const create = m.calls.find((c) => c.name === 'createLogger');
      hits.push({ detail: 'winston format.json()', line: create?.line ?? json.line });
    }
  }
  if (findImport(m, ['@elastic/ecs-winston-format', '@elastic/ecs-pino-format'])) {
    const ecs = m.calls.find((c) => c.name === 'ecsFormat');
    if (ecs) hits.push({ detail: 'ECS JSON format', line: ecs.line });
  }
  // Fastify logs through pino as JSON once its `logger` option is on.
  for (const c of m.calls) {
    if (!isFastifyFactory(m.calls, c)) continue;
    const opts = c.args[0];
    const logger = entry(opts, 'logger') ?? entry(opts, 'loggerInstance');
    if (logger && !(logger.kind === 'bool' && logger.value === 'false') && logger.kind !== 'none') {
      hits.push({ detail: 'Fastify logger (pino)', line: logger.line });
    }
  }
  // NestJS 11: new ConsoleLogger({ json: true }).
  for (const c of m.calls) {
    if (c.name === 'ConsoleLogger' && [...entriesIn(c)].some((e) => e.key === 'json' && isTrue(e.value))) {
      hits.push({ detail: 'Nest ConsoleLogger json', line: c.line });
    }
  }
  return hits;
}

function isWinstonJson(c: CallSite): boolean {
  if (c.name === 'json' || c.name === 'logstash') return c.callee === c.name || /(^|\.)format\.(json|logstash)$/.test(c.callee);
  return false;
}

/** `Fastify({...})`, `fastify({...})`, and `require('fastify')({...})` (callee `require()` on the same line). */
export function isFastifyFactory(calls: readonly CallSite[], c: CallSite): boolean {
  if (c.callee === 'Fastify' || c.callee === 'fastify' || c.callee === 'fastify.default') return true;
  if (c.callee !== 'require()') return false;
  return calls.some((r) => r.callee === 'require' && r.line === c.line && r.args[0]?.value === 'fastify');
}

function nodeSetup(s: Scanned): Hit[] {
  const m = s.model;
  const hits: Hit[] = [];
  const winston = findImport(m, ['winston']);
  const log4js = findImport(m, ['log4js']);
  for (const c of m.calls) {
    if (winston && c.name === 'createLogger') hits.push({ detail: 'winston.createLogger', line: c.line });
    else if (log4js && c.callee === 'log4js.configure') hits.push({ detail: 'log4js.configure', line: c.line });
  }
  return hits;
}
