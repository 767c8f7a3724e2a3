/**
 * Login responses: in a login handler (a POST route whose path names login / signin / token / auth /
 * session, from facts.routes), the error answers it gives — `raise HTTPException(...)`, `abort(...)`,
 * `return jsonify(...), 401`, `JsonResponse(..., status=…)`, `res.status(N).json(...)`,
 * `throw new XxxException('…')`, `NextResponse.json(…, { status })` — are read with their status and
 * message. Reported when one says the user is unknown (a "not found / no such user / not registered"
 * message, or status 404) and another says the password is wrong, with a different message or status:
 * the evidence is the two lines. Also reported: an error answer after the user lookup and before the
 * password check in the handler, when a password verification call follows in the same handler
 * (unknown users are answered without hashing: measurably faster).
 * Limits: only the handler's own body (not helpers it calls); messages built at run time are unread.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

/** The route's last path segment names a login (`/auth/login`, `/token`, `/signin`); `/auth/register` does not. */
const LOGIN_PATH = /(^|\/)(log-?in|sign-?in|token|auth(enticate)?|sessions?)\/?$/i;
const NOT_FOUND = /not\s+(be\s+)?found|no\s+(such\s+)?(user|account)|(user|account|email)\s+(does\s+not|doesn't|not)\s+exist|unknown\s+(user|email|account)|not\s+registered|user\s+not/i;
const BAD_PW = /password|credential|passwd/i;
const VERIFY = /(^|\.)(checkpw|verify|verify_password|check_password|check_password_hash|compare|compareSync|verifyPassword|comparePassword|isPasswordMatch|validatePassword|matchPassword)$/;
const LOOKUP = /(^|\.)(get_user\w*|get_by_\w+|find\w*|filter\w*|first|one_or_none|scalar\w*|get|findOne|findUnique|findFirst|fetchrow|fetch_one)$/;
const ERROR_CALL = /^(HTTPException|abort|JsonResponse|Response|HttpResponse\w*|jsonify|JSONResponse|\w+Exception|\w+Error|NextResponse\.json)$|(^|\.)(status\(\)\.(json|send)|code\(\)\.send)$/;

interface ErrorAnswer {
  line: number;
  status: number | null;
  message: string;
}

function strOf(c: CallSite): string {
  const vals = [...c.args, ...Object.values(c.kwargs)];
  for (const v of vals) {
    if (v.kind === 'string') return v.value ?? '';
    for (const e of v.entries ?? []) if (e.value.kind === 'string' && /message|detail|error|msg/i.test(e.key)) return e.value.value ?? '';
  }
  return '';
}

function answers(m: CodeModel, fn: number): ErrorAnswer[] {
  const out: ErrorAnswer[] = [];
  for (const c of m.calls) {
    if (c.fn !== fn || !ERROR_CALL.test(c.callee)) continue;
    let status: number | null = null;
    // 401, or a named constant: status.HTTP_401_UNAUTHORIZED, httpStatus.UNAUTHORIZED is not read.
    const num = (t: string | undefined) => {
      const d = /^(\d{3})$|HTTP_(\d{3})_/.exec(t ?? '');
      return d ? Number(d[1] ?? d[2]) : null;
    };
    const val = (v: { value?: string; text: string } | undefined) => num(v?.value ?? v?.text);
    status = val(c.kwargs.status_code) ?? val(c.kwargs.status) ?? num(c.args.find((a) => a.kind === 'number')?.value) ?? num(c.args.find((a) => a.kind === 'attr')?.text);
    const st = m.calls.find((x) => x.line === c.line && /(^|\.)(status|code)$/.test(x.callee) && x.args[0]?.kind === 'number');
    status ??= num(st?.args[0]?.value);
    for (const a of c.args) if (a.kind === 'dict') status ??= num(a.entries?.find((e) => e.key === 'status')?.value.value);
    const ret = m.returns.find((r) => r.fn === fn && r.line === c.line);
    status ??= num(/,\s*(\d{3})\s*$/.exec(ret?.value?.text ?? '')?.[1]);
    const message = strOf(c);
    if (status !== null && status < 400) continue;
    if (status === null && !/Exception|Error|abort/.test(c.callee)) continue;
    if (!out.some((o) => o.line === c.line)) out.push({ line: c.line, status, message });
  }
  return out;
}

const describe = (a: ErrorAnswer) => [a.status, a.message && `"${a.message}"`].filter(Boolean).join(' ');

export function collectLoginResponses(repo: RepoContext, facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  for (const r of facts.routes) {
    if (!r.handler || !/^(POST|ANY)$/.test(r.method) || !LOGIN_PATH.test(r.path)) continue;
    const m = repo.models.get(r.handler.file);
    if (!m) continue;
    const fn = m.functions.findIndex((f) => f.line === r.handler!.line && f.endLine === r.handler!.endLine);
    if (fn < 0) continue;
    const stack = m.language === 'python' ? 'py' : 'node';
    const errs = answers(m, fn);
    const unknown = errs.find((e) => NOT_FOUND.test(e.message) || (e.status === 404 && !BAD_PW.test(e.message)));
    const wrong = errs.find((e) => e !== unknown && (BAD_PW.test(e.message) || e.status === 401 || e.status === 403) && !NOT_FOUND.test(e.message));
    if (unknown && wrong && (unknown.status !== wrong.status || unknown.message !== wrong.message)) {
      const message = `${r.method} ${r.path} answers ${describe(unknown)} for an unknown user and ${describe(wrong)} for a wrong password: the difference tells which accounts exist`;
      out.issues.push({ evidence: repo.ev(m.file, unknown.line, { note: 'unknown user' }), related: [repo.ev(m.file, wrong.line, { note: 'wrong password' })], message, stack });
      continue;
    }
    const calls = m.calls.filter((c) => c.fn === fn);
    const verify = calls.find((c) => VERIFY.test(c.callee));
    // The last lookup before the check: validation errors ("email required") come before it.
    const lookup = verify ? calls.filter((c) => LOOKUP.test(c.callee) && c.line < verify.line).pop() : undefined;
    const early = verify && lookup ? errs.find((e) => e.line > lookup.line && e.line < verify.line && (e.status === null || [401, 403, 404].includes(e.status))) : undefined;
    if (early && verify) {
      const message = `${r.method} ${r.path} answers unknown users before checking any password hash: the faster reply tells which accounts exist`;
      out.issues.push({ evidence: repo.ev(m.file, early.line, { note: 'early answer for an unknown user' }), related: [repo.ev(m.file, verify.line, { note: 'password checked only here' })], message, stack });
      continue;
    }
    if (verify || errs.length) out.safe.push(r.evidence);
  }
  return out;
}
