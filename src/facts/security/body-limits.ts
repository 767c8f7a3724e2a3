/**
 * Request bodies and uploads accepted with no size bound (request-size-unbounded).
 *
 * Decisions (the defaults they rely on):
 *  - Express / body-parser `json`, `urlencoded`, `text` default to 100kb: a limit is only reported when
 *    it is set above 10 MB (or to Infinity); `raw` parsers (used for uploads and webhooks) are not judged.
 *  - Fastify's `bodyLimit` defaults to 1 MiB: reported above 10 MB. Next.js pages API routes default to
 *    1mb: `config.api.bodyParser.sizeLimit` above 10 MB is reported.
 *  - multer has no default file size limit (Infinity): `multer()` with no `limits.fileSize` is
 *    reported; busboy likewise without `limits`. Options passed in a variable that cannot be read are
 *    not judged.
 *  - Flask has no default MAX_CONTENT_LENGTH (uploads are unbounded): reported when a view reads
 *    `request.files` and no MAX_CONTENT_LENGTH is set anywhere (and config is not loaded from the
 *    environment or a file, which could set it).
 *  - Starlette / FastAPI set no request size limit: `await file.read()` on an `UploadFile` with no
 *    size check in the handler (`file.size`, a content-length check, `len(data) > …` on what was
 *    read, a bounded `read(n)`) is reported.
 *  - Django caps non-file bodies at 2.5 MB (DATA_UPLOAD_MAX_MEMORY_SIZE): `= None` is reported.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { within } from '../routes/reach.js';
import { appModels, entry, isPython, resolveLiteral } from './code-util.js';

const MAX = 10 * 1024 * 1024;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** Bytes of a size literal ('50mb', 1048576, 50 * 1024 * 1024, Infinity); undefined when unreadable. */
export function sizeOf(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'number') return Number(v.value ?? v.text.replace(/_/g, ''));
  if (v.kind === 'name' && v.text === 'Infinity') return Infinity;
  if (v.kind === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?b)?\s*$/i.exec(v.value ?? '');
    return m ? Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()] : undefined;
  }
  if (v.kind === 'binop' && /^[\d_\s*()]+$/.test(v.text)) {
    return v.text.replace(/[()_\s]/g, '').split('*').reduce((a, x) => a * Number(x), 1);
  }
  return undefined;
}

const human = (n: number) => (n === Infinity ? 'Infinity' : `${Math.round(n / 1024 / 1024)} MB`);

function importsFrom(m: CodeModel, re: RegExp): boolean {
  return m.imports.some((i) => re.test(i.module));
}

function nodeChecks(repo: RepoContext, m: CodeModel, out: SecurityScan): void {
  const ev = (line: number, note?: string) => repo.ev(m.file, line, note ? { note } : {});
  const opts = (c: CallSite, i: number) => resolveLiteral(m, c.args[i], { fn: c.fn, line: c.line });
  const bodyParser = importsFrom(m, /^(express|body-parser)$/);
  for (const c of m.calls) {
    // express.json({ limit }), bodyParser.json(...), json(...) imported from express / body-parser.
    const parser = /^(express|bodyParser|body_parser|bodyparser)\.(json|urlencoded|text)$/.test(c.callee) || (bodyParser && /^(json|urlencoded|text)$/.test(c.callee) && m.imports.some((i) => /^(express|body-parser)$/.test(i.module) && i.names.includes(c.callee)));
    const nest = c.name === 'useBodyParser' && c.args[0]?.kind === 'string' && /^(json|urlencoded|text)$/.test(c.args[0].value ?? '');
    if (parser || nest) {
      const limit = entry(opts(c, nest ? 1 : 0), 'limit');
      const n = sizeOf(limit);
      if (limit && n !== undefined && n > MAX) {
        out.issues.push({ evidence: ev(limit.line), message: `The ${nest ? c.args[0].value : c.name} body parser accepts bodies up to ${human(n)}: one request can hold that much memory while it is parsed, and a few at once exhaust the process`, stack: 'express' });
      } else if (limit && n !== undefined) out.safe.push(ev(limit.line, `body limit ${limit.text}`));
      continue;
    }
    if (c.callee === 'multer' && importsFrom(m, /^multer$/)) {
      const o = opts(c, 0);
      if (c.args.length > 0 && o?.kind !== 'dict') continue; // options in a variable we cannot read
      const fileSize = entry(entry(o, 'limits'), 'fileSize');
      const n = sizeOf(fileSize);
      if (!fileSize) out.issues.push({ evidence: ev(c.line), message: 'multer is set up with no `limits.fileSize`: its default is unlimited, so one upload can fill the disk or memory', stack: 'express' });
      else if (n !== undefined && n === Infinity) out.issues.push({ evidence: ev(fileSize.line), message: 'multer `limits.fileSize` is Infinity: uploads are unbounded', stack: 'express' });
      else out.safe.push(ev(fileSize.line, 'upload size limit'));
      continue;
    }
    if (/^(busboy|Busboy)$/.test(c.callee) && importsFrom(m, /^busboy$/)) {
      const o = opts(c, 0);
      if (o?.kind !== 'dict') continue;
      const limits = entry(o, 'limits');
      if (!limits) out.issues.push({ evidence: ev(c.line), message: 'busboy is created with no `limits`: file sizes and counts are unbounded by default', stack: 'node' });
      else out.safe.push(ev(limits.line, 'busboy limits'));
      continue;
    }
    if (/^(Fastify|fastify)$/.test(c.callee) && importsFrom(m, /^fastify$/)) {
      const limit = entry(opts(c, 0), 'bodyLimit');
      const n = sizeOf(limit);
      if (limit && n !== undefined && n > MAX) out.issues.push({ evidence: ev(limit.line), message: `Fastify's bodyLimit is ${human(n)} (default 1 MiB): every route accepts bodies that large`, stack: 'fastify' });
      else if (limit && n !== undefined) out.safe.push(ev(limit.line, `bodyLimit ${limit.text}`));
    }
  }
  // Next.js pages API: export const config = { api: { bodyParser: { sizeLimit: '50mb' } } }
  for (const a of m.assignments) {
    if (a.scope !== 'module' || a.target !== 'config') continue;
    const limit = entry(entry(entry(a.value, 'api'), 'bodyParser'), 'sizeLimit');
    const n = sizeOf(limit);
    if (limit && n !== undefined && n > MAX) out.issues.push({ evidence: ev(limit.line), message: `This API route accepts bodies up to ${human(n)} (Next.js default 1mb)`, stack: 'nextjs' });
  }
}

/**
 * FastAPI `UploadFile` parameters read whole with no size check in the handler. A size check is a
 * comparison in the handler that bounds the upload (`file.size > MAX`), the bytes read
 * (`len(data) > limit`), the Content-Length, or any `MAX_…_SIZE` / `…_bytes` limit.
 */
function fastapiUploads(repo: RepoContext, m: CodeModel, out: SecurityScan): void {
  m.functions.forEach((f, fn) => {
    const uploads = f.params.filter((p) => /\bUploadFile\b/.test(p.annotation ?? '')).map((p) => p.name);
    if (uploads.length === 0) return;
    const sizeChecks = m.comparisons.filter((c) => c.topic === 'size' && c.fn >= 0 && within(m, c.fn, fn));
    for (const c of m.calls.filter((x) => x.fn >= 0 && within(m, x.fn, fn))) {
      const recv = /^([\w]+)(\.file)?\.read$/.exec(c.callee);
      if (!recv || !uploads.includes(recv[1]) || c.args.length > 0) continue;
      const target = m.assignments.find((a) => a.line === c.line && a.fn === c.fn)?.target;
      const bounds = (side: string) =>
        side.startsWith(`${recv[1]}.size`) || (target !== undefined && side === `len(${target})`) || /content[-_]?length|(max|limit)\w*(size|bytes)|(size|bytes)\w*(max|limit)/i.test(side);
      const check = sizeChecks.find((s) => bounds(s.left) || bounds(s.right));
      if (check) out.safe.push(repo.ev(m.file, check.line, { note: 'upload size checked' }));
      else out.issues.push({ evidence: repo.ev(m.file, c.line), message: `\`${c.callee}()\` reads the whole upload into memory and nothing checks its size: Starlette sets no request size limit, so one large file can exhaust the worker's memory`, stack: 'fastapi' });
    }
  });
}

export function collectBodyLimits(repo: RepoContext, _facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  const models = appModels(repo, ['app', 'config']);
  const flaskFiles: { m: CodeModel; line: number }[] = [];
  let flaskLimit = false;
  for (const m of models) {
    if (!isPython(m)) {
      nodeChecks(repo, m, out);
      continue;
    }
    if (importsFrom(m, /^fastapi(\.|$)/)) fastapiUploads(repo, m, out);
    for (const a of m.assignments) {
      if (/\bDATA_UPLOAD_MAX_MEMORY_SIZE\b/.test(a.target) && a.value.kind === 'none') {
        out.issues.push({ evidence: repo.ev(m.file, a.line), message: 'DATA_UPLOAD_MAX_MEMORY_SIZE = None removes Django\'s 2.5 MB cap on request bodies', stack: 'django' });
      }
      if (/MAX_CONTENT_LENGTH/.test(a.target)) {
        flaskLimit = true;
        out.safe.push(repo.ev(m.file, a.line, { note: 'MAX_CONTENT_LENGTH' }));
      }
    }
    for (const c of m.calls) {
      if ('MAX_CONTENT_LENGTH' in c.kwargs || /^(from_prefixed_env|from_envvar|from_pyfile|from_file)$/.test(c.name)) flaskLimit = true;
    }
    if (importsFrom(m, /^flask(\.|$)/)) {
      const read =
        m.calls.find((c) => /^request\.files(\.|$)/.test(c.callee)) ??
        m.assignments.find((a) => /\brequest\.files\b/.test(a.value.text)) ??
        m.calls.find((c) => c.args.some((x) => /\brequest\.files\b/.test(x.text)));
      if (read) flaskFiles.push({ m, line: read.line });
    }
  }
  if (!flaskLimit) {
    for (const { m, line } of flaskFiles) {
      out.issues.push({ evidence: repo.ev(m.file, line), message: 'This view accepts file uploads and MAX_CONTENT_LENGTH is not set: Flask then accepts uploads of any size', stack: 'flask' });
    }
  }
  return out;
}
