/**
 * Database credentials written into committed code or configuration (fact DbCredential):
 * - connection URLs with `user:password@` for a database scheme (postgres, mysql, mongodb, redis,
 *   mssql, …), found with the secrets module's own URL matcher and placeholder rules
 *   (`findCredentialUrls` / `isRealCredentialUrl`: local hosts, `${VAR}` and `postgres:postgres`
 *   are not credentials), in string literals of code and in lines of committed config files;
 * - a literal password given to a database setting: Django `DATABASES[...]["PASSWORD"]`, and the
 *   `password` option of a database client constructor (pg Pool/Client, mysql2, knex, Sequelize,
 *   TypeORM DataSource, SQLAlchemy URL.create, psycopg/asyncpg connect).
 * A password with no host beside it, or a local host, is a development default and is not reported.
 * Test files, fixtures, docs and env templates are not read (their values are fake by design), and
 * neither are CI or test compose files (their databases are throwaway).
 */
import type { CodeModel, Value } from '../code/model.js';
import type { DbCredential, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isCiOrTestConfig, scannedConfigFiles } from '../security/secrets-config.js';
import { findCredentialUrls, isPlaceholder, isRealCredentialUrl, redactAll, redactor } from '../security/secret-patterns.js';
import { walkValue } from '../observability/scan.js';

const DB_SCHEME = /^(postgres(ql)?|mysql|mariadb|mongodb(\+srv)?|rediss?|mssql|sqlserver|oracle|cockroachdb|amqps?|clickhouse|neo4j(\+s)?|bolt)(\+[\w]+)?$/i;
const CODE_ROLES = new Set(['app', 'script', 'migration', 'config']);
const DB_CLIENTS = /(^|\.)(Pool|Client|createPool|createConnection|createClient|knex|Knex|Sequelize|DataSource|connect|create_pool|URL\.create|MongoClient|TypeOrmModule\.forRoot)$/;
/** Constructor names are generic (`Client`, `connect`): they count only in a module importing a database driver. */
const DB_MODULES = /^(pg|mysql2?|knex|sequelize|typeorm|@nestjs\/typeorm|mongodb|mongoose|sqlalchemy|psycopg2?|asyncpg|pymysql|MySQLdb|mysql\.connector|aiomysql|mssql|tedious|oracledb)(\.|\/|$)/;

function dbUrls(text: string) {
  return findCredentialUrls(text).filter((u) => DB_SCHEME.test(u.scheme) && isRealCredentialUrl(u));
}

function realPassword(v: Value | undefined): string | undefined {
  if (v?.kind !== 'string' || !v.value) return undefined;
  return isPlaceholder(v.value) || v.value.length < 4 ? undefined : v.value;
}

/** The `host` / `HOST` entry beside a password. */
function hostOf(obj: Value): Value | undefined {
  return obj.entries?.find((e) => e.key === 'host' || e.key === 'HOST')?.value;
}

/**
 * A password for a database on the developer's machine: no host given (drivers then use localhost
 * or PGHOST), an empty host (Django's localhost), or a local host literal. Not a deployed credential.
 */
function localHost(host: Value | undefined): boolean {
  if (!host) return true;
  if (host.kind !== 'string') return false; // read from configuration: the password is for a real server
  return /^(|localhost|127\.0\.0\.1|0\.0\.0\.0|::1|host\.docker\.internal)$/i.test(host.value ?? '');
}

function codeCredentials(repo: RepoContext, m: CodeModel): DbCredential[] {
  const out: DbCredential[] = [];
  const seen = new Set<number>();
  for (const cand of m.secretCandidates) {
    const urls = dbUrls(cand.value);
    if (!urls.length || seen.has(cand.line)) continue;
    seen.add(cand.line);
    out.push({ kind: 'url', scheme: urls[0].scheme, evidence: repo.ev(m.file, cand.line, { redact: redactAll(urls.map((u) => u.password)), note: `${urls[0].scheme} URL with an embedded password` }) });
  }
  const password = (v: Value | undefined, where: string, host: Value | undefined) => {
    const pw = realPassword(v);
    if (!pw || !v || seen.has(v.line) || localHost(host)) return;
    seen.add(v.line);
    out.push({ kind: 'password', scheme: where, evidence: repo.ev(m.file, v.line, { redact: redactor(pw), note: `${where} password written in code` }) });
  };
  // Django: DATABASES = {"default": {"PASSWORD": "…"}}
  for (const a of m.assignments) {
    if (a.target !== 'DATABASES') continue;
    for (const x of walkValue(a.value)) for (const e of x.entries ?? []) if (e.key === 'PASSWORD') password(e.value, 'Django DATABASES', hostOf(x));
  }
  const driver = m.imports.some((i) => DB_MODULES.test(i.module));
  for (const c of m.calls) {
    if (!driver || !DB_CLIENTS.test(c.callee)) continue;
    password(c.kwargs.password, c.callee, c.kwargs.host);
    for (const v of c.args) for (const x of walkValue(v)) for (const e of x.entries ?? []) if (e.key === 'password') password(e.value, c.callee, hostOf(x));
  }
  return out;
}

export function collectDbCredentials(repo: RepoContext, _facts: FactMap): DbCredential[] {
  const out: DbCredential[] = [];
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || !CODE_ROLES.has(f.role) || f.tracked === false) continue;
    out.push(...codeCredentials(repo, m));
  }
  for (const f of scannedConfigFiles(repo)) {
    if (isCiOrTestConfig(f.path)) continue;
    repo.lines(f.path).forEach((text, i) => {
      const urls = dbUrls(text);
      if (urls.length) out.push({ kind: 'url', scheme: urls[0].scheme, evidence: repo.ev(f.path, i + 1, { redact: redactAll(urls.map((u) => u.password)), note: `${urls[0].scheme} URL with an embedded password` }) });
    });
  }
  return out;
}
