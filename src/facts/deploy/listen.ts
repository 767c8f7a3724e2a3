/**
 * Server binds (fact ListenPort): which port a server listens on, and whether it is a literal or
 * comes from configuration.
 *
 * From code (the code models; application files only):
 * - Node: `app.listen(3000)`, `server.listen(PORT)` with a module-level `const PORT = 8080`,
 *   `fastify.listen({ port: 3000 })`, Nest's `await app.listen(3000)`.
 * - Python: `uvicorn.run(app, port=8000)`, Flask `app.run(port=5000)`, `web.run_app(app, port=…)`,
 *   `serve(app, port=…)`. Code under `if __name__ == "__main__":` (or in a function) only runs when
 *   the file is executed, so it counts only when a production start line runs that file, or when
 *   the service declares no production start command at all.
 * From start commands (production ones, plain shell text): `--port 8000`, `--bind 0.0.0.0:8000`,
 * `-b :8000`, `runserver 0.0.0.0:8000`, `next start -p 3000` for uvicorn, gunicorn, hypercorn,
 * daphne, granian, waitress-serve, flask run, manage.py runserver and next start.
 *
 * `port` is null when the value is not a literal (`process.env.PORT || 3000`, `$PORT`,
 * `${PORT:-8000}`, `settings.port`): the port is then configurable, which is what the check wants.
 * `EXPOSE` in a Dockerfile is documentation of a port, not a bind, and is not read here.
 */
import type { CodeModel, Value } from '../code/model.js';
import { inMainGuard } from '../code/model.js';
import type { FactMap, ListenPort, StartCommand } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const NODE = new Set(['typescript', 'tsx', 'javascript']);
const SERVER = /(^|[\s/])(uvicorn|gunicorn|hypercorn|daphne|granian|waitress-serve|flask\s+run|manage\.py\s+runserver|next\s+start)\b/;

export function collectListenPorts(repo: RepoContext, facts: FactMap): ListenPort[] {
  const out: ListenPort[] = [];
  const prodLines = productionLines(facts.startCommands, facts);
  const servicesWithStart = new Set(facts.startCommands.filter((c) => c.production).map((c) => c.service));
  for (const [path, model] of repo.models) {
    const file = repo.file(path);
    if (!file || file.role !== 'app') continue;
    if (NODE.has(model.language)) out.push(...nodeBinds(repo, model, file.service));
    else if (model.language === 'python') {
      const executed = prodLines.some((l) => runsPythonFile(l, path));
      out.push(...pythonBinds(repo, model, file.service, executed || !servicesWithStart.has(file.service)));
    }
  }
  for (const c of facts.startCommands) {
    if (!c.production) continue;
    for (const b of commandBinds(c.command)) out.push({ ...b, evidence: c.evidence, source: 'command', service: c.service });
  }
  for (const s of facts.startScripts) {
    if (!s.production) continue;
    const service = repo.file(s.file)?.service ?? '';
    for (const l of s.lines) {
      if (l.conditional) continue;
      for (const b of commandBinds(l.text)) out.push({ ...b, evidence: l.evidence ?? repo.ev(s.file, l.line), source: 'command', service });
    }
  }
  return out;
}

/** A literal port, null for configuration, undefined for "cannot tell" (a call result, a parameter). */
function portOf(model: CodeModel, v: Value | undefined, depth = 0): number | null | undefined {
  if (!v) return undefined;
  if (v.kind === 'number' && /^\d+$/.test(v.text)) return Number(v.text);
  if (v.kind === 'string' && v.value !== undefined && /^\d+$/.test(v.value)) return Number(v.value);
  if (v.kind === 'name') {
    const a = depth < 2 ? model.assignments.filter((x) => x.scope === 'module' && x.target === v.text).pop() : undefined;
    // An imported or computed name: where it comes from is not known here.
    return a ? portOf(model, a.value, depth + 1) : undefined;
  }
  if (/process\.env|environ|getenv|settings\.|config\.|\bconfig\b|argv/i.test(v.text)) return null;
  if (v.kind === 'dict') return portOf(model, v.entries?.find((e) => e.key === 'port')?.value, depth);
  return undefined;
}

function nodeBinds(repo: RepoContext, model: CodeModel, service: string): ListenPort[] {
  const out: ListenPort[] = [];
  for (const c of model.calls) {
    if (c.name !== 'listen' || c.callee === 'listen' || c.isNew) continue;
    const arg = c.args[0];
    if (!arg || (arg.kind === 'dict' && !arg.entries?.some((e) => e.key === 'port'))) continue;
    const port = portOf(model, arg);
    if (port === undefined) continue;
    const expression = arg.kind === 'dict' ? (arg.entries?.find((e) => e.key === 'port')?.value.text ?? arg.text) : arg.text;
    out.push({ port, expression, evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), source: 'code', service });
  }
  return out;
}

const PY_RUNNERS = /^(uvicorn\.run|.*\.run|run_app|.*\.run_app|serve|waitress\.serve|.*\.serve)$/;

function pythonBinds(repo: RepoContext, model: CodeModel, service: string, executed: boolean): ListenPort[] {
  const out: ListenPort[] = [];
  for (const c of model.calls) {
    if (!PY_RUNNERS.test(c.callee) || !c.kwargs.port) continue;
    if (/^(subprocess|asyncio|os|loop|trio|anyio)\./.test(c.callee)) continue;
    const guarded = inMainGuard(model, c.line) || c.fn >= 0;
    if (guarded && !executed) continue;
    const port = portOf(model, c.kwargs.port);
    if (port === undefined) continue;
    out.push({ port, expression: c.kwargs.port.text, evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), source: 'code', service });
  }
  return out;
}

/** Production command lines (declarations and script lines), for "is this Python file executed". */
function productionLines(commands: readonly StartCommand[], facts: FactMap): string[] {
  const lines = commands.filter((c) => c.production).map((c) => c.command);
  for (const s of facts.startScripts) if (s.production) for (const l of s.lines) lines.push(l.text);
  return lines;
}

/** `python app/main.py`, `python -m app.main`: shell text naming the file. */
function runsPythonFile(line: string, path: string): boolean {
  const noExt = path.replace(/\.py$/, '');
  for (const m of line.matchAll(/\bpython[\d.]*\s+(?:-[uOB]+\s+)*(-m\s+)?([\w./-]+)/g)) {
    const target = m[1] ? m[2].replace(/\./g, '/') : m[2].replace(/^\.\//, '').replace(/\.py$/, '');
    if (noExt === target || noExt.endsWith(`/${target}`) || (m[1] && (`${noExt}` === `${target}/__main__` || noExt.endsWith(`/${target}/__main__`)))) return true;
  }
  return false;
}

/** Ports in one start command line. Shell text; each server statement is read on its own. */
export function commandBinds(text: string): { port: number | null; expression: string }[] {
  const out: { port: number | null; expression: string }[] = [];
  for (const stmt of text.split(/&&|\|\||;|\|/)) {
    if (!SERVER.test(stmt)) continue;
    const tokens = stmt.trim().split(/\s+/);
    let value: string | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const eq = /^(--port|--bind|--listen|-b|-p)=(.+)$/.exec(t);
      if (eq) value = eq[2];
      else if (/^(--port|--bind|--listen|-b|-p)$/.test(t) && tokens[i + 1]) value = tokens[i + 1];
      else if (t === 'runserver' && tokens[i + 1] && !tokens[i + 1].startsWith('-')) value = tokens[i + 1];
      if (value !== undefined) break;
    }
    if (value === undefined) continue;
    value = value.replace(/^["']|["']$/g, '');
    if (/^unix:|^fd:\/\//.test(value)) continue;
    if (value.includes('$')) {
      out.push({ port: null, expression: value });
      continue;
    }
    const m = /(?:^|:)(\d{2,5})$/.exec(value);
    if (m) out.push({ port: Number(m[1]), expression: value });
  }
  return out;
}
