/**
 * SqlCall facts: SQL text built from values by string formatting and handed to a query API.
 *
 * Sinks: Python `execute`/`executemany`/`executescript`/`exec_driver_sql`, SQLAlchemy `text()`,
 * Django `raw()`/`RawSQL`, asyncpg `fetch`/`fetchrow`/`fetchval`, pandas `read_sql*`; JS `.query()`,
 * `.execute()`, `.raw()` (knex), `sequelize.query`, `$queryRawUnsafe`/`$executeRawUnsafe`,
 * better-sqlite3 `prepare`/`exec`, postgres.js `unsafe`.
 * Building: f-strings / template literals with interpolation, `+` concatenation, `%` formatting,
 * `.format()`; directly or through a variable assigned earlier in the same function.
 * Not reported: parameterised queries (a plain literal plus parameters), tagged templates
 * (Prisma `$queryRaw\`…${x}\``, `sql\`…\``, which bind values), literals without SQL statement
 * keywords (GraphQL, log text), and text whose interpolated parts are all constants: UPPER_CASE
 * names, numbers, `int(...)`/`len(...)`/`Number(...)` casts, placeholder lists built with
 * `",".join("?" * n)` / `ids.map(() => '?').join(',')`, or same-function variables holding a literal.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, SqlCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { builtString } from './built-strings.js';
import { appModels, localAssignment, moduleAssignment } from './code-util.js';

const PY_SINKS = /^(execute|executemany|executescript|exec_driver_sql|text|raw|RawSQL|fetch|fetchrow|fetchval|read_sql|read_sql_query|mogrify)$/;
const JS_SINKS = /^(query|execute|raw|\$queryRawUnsafe|\$executeRawUnsafe|prepare|exec|unsafe)$/;

/** Statement keywords: at least one must appear in the literal parts. */
const SQL_KEYWORDS = [
  /\bselect\b[\s\S]*\bfrom\b/i,
  /\binsert\s+(or\s+\w+\s+)?into\b/i,
  /\bupdate\b[\s\S]*\bset\b/i,
  /\bdelete\s+from\b/i,
  /\b(create|drop|alter|truncate)\s+(table|index|database|schema|view)\b/i,
  /\bpragma\s+\w+/i,
  /\bwhere\s+[\w."]+\s*(=|<>|!=|<|>|\blike\b|\bin\b|\bis\b)/i,
  /\b(order|group)\s+by\b/i,
];

export function looksLikeSql(literal: string): boolean {
  if (/^\s*(query|mutation|subscription|fragment)\b|^\s*\{/.test(literal)) return false; // GraphQL
  return SQL_KEYWORDS.some((re) => re.test(literal));
}

/** SQL text built from values: the shared builder, with its `how` read as the SqlCall's `building`. */
function built(m: CodeModel, v: Value | undefined): { building: string; literal: string; operands: string[]; line: number } | null {
  const b = builtString(m, v);
  return b ? { building: b.how, literal: b.literal, operands: b.operands, line: b.line } : null;
}

const PLACEHOLDERS = /^(\s|,|\?|%s|\$\d+)*$/;

/** Is an interpolated expression a constant (or a bound-parameter placeholder list)? */
function safeOperand(m: CodeModel, fn: number, line: number, expr: string, depth = 0): boolean {
  const e = expr.trim();
  if (/^[A-Z][A-Z0-9_]*$/.test(e) || /^[\w.]+\.[A-Z][A-Z0-9_]*$/.test(e)) return true; // constants by convention
  if (/^-?\d+(\.\d+)?$/.test(e) || /^\w+\s*[+\-*]\s*\d+$/.test(e)) return true; // numbers, `i + 1`
  if (/^(int|float|len|bool|Number|parseInt|parseFloat)\(/.test(e)) return true;
  if (/\.join\(/.test(e)) {
    const strings = [...e.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)].map((x) => x[2]);
    // `$${i + 1}` numbering inside the placeholder strings is a placeholder too.
    if (strings.length > 0 && strings.every((s) => PLACEHOLDERS.test(s.replace(/\$\{[^}]*\}/g, '1')))) return true;
  }
  if (depth < 2 && /^[A-Za-z_$][\w$]*$/.test(e)) {
    const v = localAssignment(m, fn, e, line) ?? moduleAssignment(m, e);
    if (!v) return false;
    if (v.kind === 'string' || v.kind === 'number') return true;
    if (v.kind === 'call' || v.kind === 'binop' || v.kind === 'other') return safeOperand(m, fn, v.line, v.text, depth + 1);
  }
  return false;
}

function sqlArg(m: CodeModel, c: CallSite): Value | undefined {
  if (m.language !== 'python') return c.args[0];
  return c.args[0] ?? c.kwargs.sql ?? c.kwargs.statement ?? c.kwargs.query;
}

function isSink(m: CodeModel, c: CallSite): boolean {
  if (m.language === 'python') {
    // text() is SQLAlchemy's; a `.text(...)` method on anything else is not a sink.
    if (c.name === 'text') return /^(text|sa\.text|sqlalchemy\.text|sql\.text)$/.test(c.callee);
    return PY_SINKS.test(c.name);
  }
  return JS_SINKS.test(c.name) && c.callee.includes('.');
}

export function collectSqlCalls(repo: RepoContext, _facts: FactMap): SqlCall[] {
  const out: SqlCall[] = [];
  for (const m of appModels(repo, ['app'])) {
    const seen = new Set<number>();
    for (const c of m.calls) {
      if (!isSink(m, c)) continue;
      const arg = sqlArg(m, c);
      let b = built(m, arg);
      let via = '';
      if (!b && arg?.kind === 'name') {
        b = built(m, localAssignment(m, c.fn, arg.text, c.line));
        if (b) via = arg.text;
      }
      if (!b || !looksLikeSql(b.literal)) continue;
      if (b.operands.every((o) => safeOperand(m, c.fn, c.line, o))) continue;
      if (seen.has(c.line)) continue;
      seen.add(c.line);
      const note = via ? `${via} built by ${b.building} at line ${b.line}` : `SQL built by ${b.building}`;
      out.push({ evidence: repo.ev(m.file, c.line, { endLine: c.endLine, note }), building: b.building });
    }
  }
  return out;
}
