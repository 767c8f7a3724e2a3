/**
 * Route handlers that read a raw request body and validate it nowhere on their path.
 *
 * A raw read (see body-reads.ts) is `await request.json()` / `.body()` / `.form()` on a Starlette
 * Request, a FastAPI body parameter typed `dict` / `Dict[...]` (or `Any` with `Body()`), Flask
 * `request.get_json()` / `request.json` / `request.form`, Django `json.loads(request.body)`,
 * `req.body` in Express / Fastify / Next pages handlers, `await request.json()` in Next route handlers,
 * and a Nest `@Body()` parameter typed `any` / `object` / `Record<…>` or untyped.
 *
 * The read is validated (no finding) when any function the handler runs (routes/reach.ts) calls a
 * schema validator: pydantic `model_validate` / `Model(**data)`, marshmallow `.load`, WTForms
 * `validate_on_submit`, Django forms / DRF `.is_valid()`, zod `.parse` / `.safeParse`, joi / yup
 * `.validate`, class-validator `validate` / `validateOrReject`, express-validator `validationResult`,
 * or any function named like `validate…`; when the route registration carries a validating middleware
 * (express-validator chains, celebrate, a `validate(schema)` call) or a Fastify `schema`; when a Nest
 * DTO-typed `@Body()` is used with a ValidationPipe anywhere in the service.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { Evidence } from '../../core/evidence.js';
import type { FactMap, Route, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { callsOf, reach } from '../routes/reach.js';
import { bodyReads, handlerIndex } from './body-reads.js';
import { walkValue } from './code-util.js';

const VALIDATOR_NAME = /valid|^(model_validate\w*|parse_obj|parse_raw|parse_obj_as|safeParse|safeParseAsync|parseAsync|matchedData|constructEvent|constructEventAsync|validate_on_submit|is_valid|checkSchema|celebrate)$/i;
/** Receivers whose `.parse` / `.load` is not schema validation. */
const NOT_SCHEMA = /^(JSON|json|url|URL|qs|querystring|path|Date|yaml|YAML|toml|tomllib|pickle|marshal|csv|cookie|ast|dateutil\.parser|parser|urllib\.parse|moment|dayjs|datetime|email|marked|simplejson|orjson|ujson)$/;

function isValidatorCall(prog: Program, m: CodeModel, c: CallSite): boolean {
  if (VALIDATOR_NAME.test(c.name) && !/(Error|Exception)$/.test(c.name)) return true;
  const recv = c.callee.slice(0, Math.max(0, c.callee.lastIndexOf('.')));
  if ((c.name === 'parse' || c.name === 'load') && recv && !NOT_SCHEMA.test(recv)) {
    // zod `Schema.parse(body)`, marshmallow `UserSchema().load(data)`, `schema.load(data)`.
    return /^[A-Z]/.test(recv) || /schema|validator|^z\./i.test(recv);
  }
  // pydantic `Model(**data)`: building a pydantic model from the raw dict validates it (an ORM model does not).
  if (m.language === 'python' && c.kwargs['**'] && /^[A-Z]\w*$/.test(c.callee)) return isPydantic(prog, m.file, c.callee, 0);
  return false;
}

/** The class named `name` in `file` is a pydantic model (its bases lead to BaseModel / pydantic). */
function isPydantic(prog: Program, file: string, name: string, depth: number): boolean {
  if (/^(pydantic\.)?(BaseModel|RootModel|BaseSettings)$/.test(name)) return true;
  if (depth > 5) return false;
  const sym = prog.resolveName(file, name.replace(/[[(].*$/s, ''));
  if (sym?.kind === 'external') return /^(pydantic|pydantic_settings|sqlmodel)(\.|$)/.test(sym.module);
  if (sym?.kind !== 'class') return false;
  const cls = prog.model(sym.file)?.classes[sym.cls];
  return !!cls && cls.bases.some((b) => isPydantic(prog, sym.file, b, depth + 1));
}

/** A validating call in any function the handler runs. */
function validatedOnPath(repo: RepoContext, file: string, fn: number): Evidence | null {
  const prog = programFor(repo);
  for (const f of reach(prog, [{ file, fn }])) {
    const m = prog.model(f.file);
    if (!m) continue;
    const hit = callsOf(m, f.fn).find(({ call }) => isValidatorCall(prog, m, call));
    if (hit) return repo.ev(f.file, hit.call.line, { note: `validated: ${hit.call.callee}` });
  }
  return null;
}

/** The route registration call (`app.post(path, mw…, handler)`, `fastify.route({...})`). */
function registration(m: CodeModel, r: Route): CallSite | undefined {
  return m.calls.find((c) => c.line === r.evidence.line && /^(get|post|put|patch|delete|all|route|options)$/.test(c.name));
}

/** Validating middleware or a Fastify schema on the registration. */
function validatedAtRegistration(repo: RepoContext, r: Route): Evidence | null {
  const m = repo.models.get(r.evidence.file);
  const reg = m && registration(m, r);
  if (!m || !reg) return null;
  for (const a of reg.args) {
    for (const v of walkValue(a)) {
      if (v.kind === 'dict' && v.entries?.some((e) => e.key === 'schema')) return repo.ev(m.file, v.line, { note: 'route schema' });
      if ((v.kind === 'call' || v.kind === 'name') && /valid|celebrate|schema|^(body|check|param|query)\(/i.test(v.text)) {
        return repo.ev(m.file, v.line, { note: `validating middleware: ${v.text.slice(0, 40)}` });
      }
    }
  }
  return null;
}

/**
 * A ValidationPipe anywhere in the Nest service (global pipe, APP_PIPE, @UsePipes, @Body(new
 * ValidationPipe())). Where it is, per service, is looked up once per run (`seen`): asked per DTO
 * route, the scan of every call of the service was quadratic on large Nest apps.
 */
function validationPipe(repo: RepoContext, service: string, seen: Map<string, { file: string; line: number } | null>): Evidence | null {
  let at = seen.get(service);
  if (at === undefined) {
    at = null;
    for (const m of repo.models.values()) {
      if (repo.file(m.file)?.service !== service) continue;
      const c = m.calls.find((x) => /(^|\.)ValidationPipe$/.test(x.callee) || x.args.some((a) => /\bValidationPipe\b/.test(a.text)));
      if (c) {
        at = { file: m.file, line: c.line };
        break;
      }
    }
    seen.set(service, at);
  }
  return at ? repo.ev(at.file, at.line, { note: 'ValidationPipe' }) : null;
}

export function collectInputValidation(repo: RepoContext, facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  const done = new Set<string>();
  const pipes = new Map<string, { file: string; line: number } | null>();
  for (const r of facts.routes) {
    if (!r.handler || repo.file(r.handler.file)?.role !== 'app') continue;
    // A view registered for GET and POST reads the body on its POST: that is the route to name.
    if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS') continue;
    const key = `${r.handler.file}:${r.handler.line}`;
    if (done.has(key)) continue;
    done.add(key);
    const m = repo.models.get(r.handler.file);
    const fn = m ? handlerIndex(m, r.handler.line, r.handler.endLine) : -1;
    if (!m || fn < 0) continue;
    const reads = bodyReads(m, fn, r.framework, r.path);
    if (reads.length === 0) continue;
    const raw = reads.filter((x) => !x.dto);
    const dto = reads.filter((x) => x.dto);
    const ok = validatedAtRegistration(repo, r) ?? validatedOnPath(repo, m.file, fn);
    if (ok) {
      out.safe.push(ok);
      continue;
    }
    if (dto.length > 0 && raw.length === 0) {
      const pipe = validationPipe(repo, repo.file(m.file)?.service ?? '', pipes);
      if (pipe) {
        out.safe.push(pipe);
        continue;
      }
    }
    const first = raw[0] ?? dto[0];
    out.issues.push({
      evidence: repo.ev(m.file, first.line, { note: first.what }),
      message: first.dto
        ? `${r.method} ${r.path} takes a DTO body (${first.what}) but no ValidationPipe is set up, so its class-validator rules never run`
        : `${r.method} ${r.path} reads the request body raw (${first.what}) and validates it nowhere on its path: any shape or type reaches the code`,
      stack: r.framework,
    });
  }
  return out;
}
