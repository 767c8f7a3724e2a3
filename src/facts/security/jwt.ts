/**
 * JWT handling: PyJWT / python-jose `jwt.decode` with `options={"verify_signature": False}`,
 * `verify=False`, `algorithms=["none"]`, or (PyJWT pinned below 2, which accepts any algorithm) no
 * `algorithms=`; jsonwebtoken `jwt.decode()` in an auth function that never calls `verify()`,
 * `algorithms: ['none']` / `algorithm: 'none'`; tokens signed with no expiry: `jwt.encode(payload…)` /
 * `jwt.sign(payload, secret)` where the payload is a dict literal (directly or assigned in the same
 * function) with no `exp`, nothing adds it (`payload["exp"] = …`, `payload.update({"exp": …})`) and
 * (JS) the options have no `expiresIn`.
 * Not judged: payloads built elsewhere (not a literal), Nest `JwtService.sign` (expiry usually set in
 * `JwtModule.register`). PyJWT >= 2 without `algorithms=` raises, so it is not a finding there.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, entry, localAssignment, walkValue } from './code-util.js';

function pyJwt(m: CodeModel): boolean {
  return m.imports.some((i) => i.module === 'jwt' || (i.module === 'jose' && i.names.includes('jwt')) || i.module === 'jose.jwt');
}
function jsJwt(m: CodeModel): boolean {
  return m.imports.some((i) => i.module === 'jsonwebtoken');
}

const hasNone = (v: Value | undefined) => [...walkValue(v)].some((x) => x.kind === 'string' && (x.value ?? '').toLowerCase() === 'none');

/** The dict a payload argument stands for (literal or assigned earlier in the function). */
function payloadDict(m: CodeModel, v: Value | undefined, c: CallSite): Value | null {
  if (v?.kind === 'dict') return v;
  if (v?.kind === 'name') {
    const a = localAssignment(m, c.fn, v.text, c.line);
    if (a?.kind === 'dict') return a;
  }
  return null;
}

/** Is `exp` added to `name` in the function after its creation (`p["exp"] = …`, `p.update({"exp": …})`, `p.exp = …`)? */
function expAdded(m: CodeModel, name: string, c: CallSite): boolean {
  if (m.assignments.some((a) => a.fn === c.fn && new RegExp(`^${name}(\\[["']exp["']\\]|\\.exp)$`).test(a.target))) return true;
  return m.calls.some((x) => x.fn === c.fn && x.callee === `${name}.update` && x.args.some((a) => a.entries?.some((e) => e.key === 'exp')));
}

function noExpiry(m: CodeModel, c: CallSite, payload: Value | undefined): boolean {
  const d = payloadDict(m, payload, c);
  if (!d || d.entries === undefined) return false;
  if (d.entries.some((e) => e.key === 'exp' || e.key.startsWith('...') || e.key.startsWith('**'))) return false;
  if (/\.\.\.|\*\*/.test(d.text)) return false;
  return !(payload?.kind === 'name' && expAdded(m, payload.text, c));
}

/** The payload visibly carries an expiry (an `exp` key, or one added in the function): pass evidence. */
function hasExp(m: CodeModel, c: CallSite, payload: Value | undefined): boolean {
  const d = payloadDict(m, payload, c);
  if (d?.entries?.some((e) => e.key === 'exp')) return true;
  return payload?.kind === 'name' && expAdded(m, payload.text, c);
}

function pyjwtBelow2(facts: FactMap): boolean {
  return facts.dependencies.some((d) => d.name.toLowerCase() === 'pyjwt' && /^(==|<=|~=)?\s*1\.|^<\s*2/.test(d.spec.trim()));
}

export function collectJwtUses(repo: RepoContext, facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  const add = (m: CodeModel, c: CallSite, message: string) =>
    out.issues.push({ evidence: repo.ev(m.file, c.line, { endLine: c.endLine, note: message }), message, stack: m.language === 'python' ? 'py' : 'node' });
  for (const m of appModels(repo, ['app'])) {
    if (m.language === 'python' && pyJwt(m)) {
      for (const c of m.calls) {
        if (c.callee === 'jwt.decode') {
          const opts = c.kwargs.options;
          const off = [...walkValue(opts)].length && opts?.entries?.some((e) => e.key === 'verify_signature' && e.value.value === 'false');
          if (off || c.kwargs.verify?.value === 'false') add(m, c, 'jwt.decode() skips signature verification: anyone can forge a token');
          else if (hasNone(c.kwargs.algorithms)) add(m, c, 'jwt.decode() accepts the "none" algorithm: unsigned tokens pass');
          else if (!c.kwargs.algorithms && c.args.length < 3 && pyjwtBelow2(facts)) add(m, c, 'jwt.decode() has no algorithms= list and PyJWT 1.x accepts whatever algorithm the token names');
          else out.safe.push(repo.ev(m.file, c.line, { note: 'jwt.decode' }));
        } else if (c.callee === 'jwt.encode') {
          if (noExpiry(m, c, c.args[0] ?? c.kwargs.payload ?? c.kwargs.claims)) add(m, c, 'jwt.encode() signs a payload with no "exp": the token never expires');
          else if (hasNone(c.kwargs.algorithm)) add(m, c, 'jwt.encode() signs with the "none" algorithm');
          else if (hasExp(m, c, c.args[0] ?? c.kwargs.payload ?? c.kwargs.claims)) out.safe.push(repo.ev(m.file, c.line, { note: 'jwt.encode with exp' }));
        }
      }
    }
    if (m.language !== 'python' && jsJwt(m)) {
      const verifies = m.calls.filter((c) => /^(jwt\.|jsonwebtoken\.)?verify$/.test(c.callee));
      for (const c of m.calls) {
        const opts = c.args.find((a, i) => i >= 1 && a.kind === 'dict');
        if (/^(jwt\.|jsonwebtoken\.)?decode$/.test(c.callee) && (c.callee.includes('.') || m.imports.some((i) => i.module === 'jsonwebtoken' && i.names.includes('decode')))) {
          const fn = c.fn >= 0 ? m.functions[c.fn] : undefined;
          const authFn = fn && (/auth|verify|guard|protect|current|user|session|require/i.test(fn.name) || fn.params.some((p) => /^(req|request|ctx|context)$/.test(p.name)));
          if (authFn && !verifies.some((v) => v.fn === c.fn)) add(m, c, 'jwt.decode() reads the token without checking its signature; use jwt.verify()');
        } else if (/^(jwt\.|jsonwebtoken\.)?verify$/.test(c.callee)) {
          if (hasNone(entry(opts, 'algorithms'))) add(m, c, 'jwt.verify() accepts the "none" algorithm: unsigned tokens pass');
          else out.safe.push(repo.ev(m.file, c.line, { note: 'jwt.verify' }));
        } else if (/^(jwt\.|jsonwebtoken\.)?sign$/.test(c.callee) && (c.callee.includes('.') || m.imports.some((i) => i.module === 'jsonwebtoken' && i.names.includes('sign')))) {
          const third = c.args[2];
          if (hasNone(entry(opts, 'algorithm'))) add(m, c, 'jwt.sign() signs with the "none" algorithm');
          else if ((third === undefined || (third.kind === 'dict' && !entry(third, 'expiresIn'))) && noExpiry(m, c, c.args[0])) {
            add(m, c, 'jwt.sign() issues a token with no expiresIn and no "exp": it never expires');
          } else if ((third?.kind === 'dict' && entry(third, 'expiresIn')) || hasExp(m, c, c.args[0])) out.safe.push(repo.ev(m.file, c.line, { note: 'jwt.sign with expiry' }));
        }
      }
    }
  }
  return out;
}
