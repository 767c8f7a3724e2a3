/**
 * Password hashing: a fast digest (md5, sha1, sha2 family) applied to a value whose name says it is
 * a password (`hashlib.sha256(password.encode())`, `crypto.createHash('md5').update(pw)`,
 * `CryptoJS.SHA256(password)`, `md5(password)`), and Python ORM rows created with the raw password
 * (`User(password=body.password)`, `User.objects.create(password=…)`) when no model hashes it in a
 * `password` property setter.
 * Credited (pass evidence): bcrypt, argon2, scrypt, pbkdf2, passlib CryptContext, werkzeug
 * `generate_password_hash`, Django `make_password` / `set_password` / `create_user`.
 * Not reported: digests of tokens, files, reset codes or API keys (names with token/reset/key/file/
 * hash), which are lookups, not stored passwords. Limits: a password reaching the digest under an
 * unrelated name (`hashlib.sha256(data)`) is not seen; JS plain storage is not judged (Mongoose
 * pre-save hooks make it unreliable).
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, localAssignment } from './code-util.js';

const FAST = /^(md5|sha1|sha224|sha256|sha384|sha512|sha3_256|sha3_512|blake2b|blake2s)$/i;

/** An identifier naming a password (`password`, `user.password`, `raw_pw`, `body.pwd`), not a token or hash of one. */
export function namesPassword(text: string): boolean {
  const ids = text.match(/[A-Za-z_$][\w$]*/g) ?? [];
  // snake_case / UPPER_CASE words and camelCase humps; `upwards` or `passport` are not passwords.
  const word = /(^|_)(password|passwd|passphrase|pwd|pw|PASSWORD|PASSWD|PWD)($|_|\d)|(^|[a-z\d])(Password|Passwd|Passphrase|Pwd|Pw)($|[A-Z_\d])|^pass$/;
  return ids.some((id) => word.test(id) && !/token|reset|key|file|hash|salt|digest|otp|code/i.test(id));
}

function argText(c: CallSite): string {
  return [...c.args, ...Object.values(c.kwargs)].map((a) => a.text).join(' ');
}

/** `hashlib.sha256(...)`, `sha256(...)` imported from hashlib, `hashlib.new("md5", ...)`: the algorithm, or null. */
function pyDigest(m: CodeModel, c: CallSite | undefined): string | null {
  if (!c) return null;
  if (c.callee === 'hashlib.new' && c.args[0]?.kind === 'string' && FAST.test(c.args[0].value ?? '')) return c.args[0].value!;
  const fromHashlib = c.callee.startsWith('hashlib.') || m.imports.some((i) => i.module === 'hashlib' && i.names.includes(c.callee));
  return fromHashlib && FAST.test(c.name) ? c.name : null;
}

function weakUse(m: CodeModel, c: CallSite): string | null {
  if (m.language === 'python') {
    const algo = pyDigest(m, c);
    if (algo && namesPassword(argText(c))) return `hashlib.${algo}`;
    // h = hashlib.sha256(); h.update(password.encode())
    if (c.name === 'update' && namesPassword(argText(c))) {
      const recv = c.callee.slice(0, -'.update'.length);
      const v = /^\w+$/.test(recv) ? localAssignment(m, c.fn, recv, c.line) : undefined;
      const a = v?.kind === 'call' && v.call !== undefined ? pyDigest(m, m.calls[v.call]) : null;
      if (a) return `hashlib.${a}`;
    }
    return null;
  }
  // crypto.createHash('sha256').update(password)
  if (/(^|\.)createHash\(\)\.update$/.test(c.callee) && namesPassword(argText(c))) {
    const create = m.calls.find((x) => x.line === c.line && /(^|\.)createHash$/.test(x.callee));
    const algo = create?.args[0]?.kind === 'string' ? (create.args[0].value ?? '') : '';
    if (/^(md5|sha1|sha224|sha256|sha384|sha512)$/i.test(algo)) return `createHash('${algo}')`;
  }
  // CryptoJS.SHA256(password), md5(password), sha256(password) from js-sha256 / md5 packages
  if ((/^CryptoJS\.(MD5|SHA1|SHA256|SHA512)$/.test(c.callee) || /^(md5|sha1|sha256|sha512)$/.test(c.callee)) && namesPassword(argText(c))) {
    const pkg = m.imports.some((i) => /^(crypto-js|md5|js-sha256|js-sha1|js-sha512|sha1|blueimp-md5)/.test(i.module));
    if (pkg) return c.callee;
  }
  return null;
}

const STRONG_PY = /(^|\.)(hashpw|generate_password_hash|make_password|set_password|create_user|create_superuser|pbkdf2_hmac|scrypt)$|^(CryptContext|PasswordHasher|argon2\.\w+|bcrypt\.\w+)$|^(pwd_context|password_context|ph|hasher)\.hash$/;
const STRONG_JS = /^(bcrypt|bcryptjs|argon2)\.(hash|hashSync)$|(^|\.)(scrypt|scryptSync|pbkdf2|pbkdf2Sync)$|^(hash|hashSync)$/;

function strongUse(m: CodeModel, c: CallSite): boolean {
  if (m.language === 'python') {
    if (c.callee === 'CryptContext') return true;
    return STRONG_PY.test(c.callee) && (c.callee.includes('.') || m.imports.some((i) => /bcrypt|argon2|passlib|werkzeug|django|hashlib/.test(i.module)));
  }
  if (!STRONG_JS.test(c.callee)) return false;
  return c.callee.includes('.') ? /^(bcrypt|bcryptjs|argon2)\.|scrypt|pbkdf2/.test(c.callee) : m.imports.some((i) => /^(bcrypt|bcryptjs|argon2)$/.test(i.module));
}

/** A model class hashes in a `password` setter (`@password.setter`), so assigning a raw password is fine. */
function hasPasswordSetter(models: CodeModel[]): boolean {
  return models.some((m) => m.functions.some((f) => f.decorators.some((d) => /^(password|_password)\.setter$/.test(d.text))));
}

/**
 * Classes defined in the repo that are database rows: SQLAlchemy / Flask-SQLAlchemy / Django /
 * SQLModel(table=True) models. Pydantic schemas (`UserRegister(password=…)`) are request bodies
 * that a service hashes later, so they are not storage.
 */
function ormModelClasses(models: CodeModel[]): Set<string> {
  const out = new Set<string>();
  for (const m of models) {
    if (m.language !== 'python') continue;
    for (const k of m.classes) {
      if (k.bases.some((b) => /^(db\.Model|models\.Model|Base|DeclarativeBase|Model|AbstractUser|AbstractBaseUser|Document)$/.test(b) || /^SQLModel,?\s*table\s*=\s*True/.test(b))) out.add(k.name);
    }
  }
  return out;
}

/** `User(password=data.password)` / `User.objects.create(password=password)`: the raw value stored. */
function plainStore(m: CodeModel, c: CallSite, ormClasses: Set<string>): Value | null {
  if (m.language !== 'python') return null;
  const ctor = ormClasses.has(c.callee) || /\.objects\.(create|get_or_create|update_or_create)$/.test(c.callee);
  if (!ctor) return null;
  const v = c.kwargs.password;
  if (!v || !(v.kind === 'name' || v.kind === 'attr') || !/(^|\.)(password|raw_password|plain_password)$/.test(v.text)) return null;
  // `password = hash(password)` earlier in the function: the name now holds a hash.
  if (v.kind === 'name' && localAssignment(m, c.fn, v.text, c.line)?.kind === 'call') return null;
  return v;
}

export function collectPasswordHashing(repo: RepoContext, _facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  const models = appModels(repo, ['app', 'script']);
  const setter = hasPasswordSetter(models);
  const ormClasses = ormModelClasses(models);
  for (const m of models) {
    const seen = new Set<number>();
    for (const c of m.calls) {
      const weak = weakUse(m, c);
      if (weak && !seen.has(c.line)) {
        seen.add(c.line);
        const message = `A password is hashed with ${weak}, a fast digest that GPUs brute-force at billions of guesses per second`;
        out.issues.push({ evidence: repo.ev(m.file, c.line, { endLine: c.endLine, note: weak }), message, stack: m.language === 'python' ? 'py' : 'node' });
        continue;
      }
      const plain = setter ? null : plainStore(m, c, ormClasses);
      if (plain && !seen.has(c.line)) {
        seen.add(c.line);
        const message = `${c.callee}(password=${plain.text}) stores the password as received, unhashed`;
        out.issues.push({ evidence: repo.ev(m.file, c.line, { endLine: c.endLine, note: 'plain password stored' }), message, stack: 'py' });
        continue;
      }
      if (strongUse(m, c)) out.safe.push(repo.ev(m.file, c.line, { note: c.callee }));
    }
  }
  return out;
}
