import { defineRule, fail, pass } from '../../core/rule.js';

const HOW: Record<string, string> = {
  'f-string': 'an f-string',
  'template literal': 'a template literal',
  concatenation: 'string concatenation',
  percent: '% formatting',
  format: 'str.format()',
};

export default defineRule({
  meta: {
    id: 'sql-injection',
    area: 'security',
    severity: 'critical',
    title: 'SQL queries bind their values as parameters',
    failureTitle: 'SQL is built by string formatting',
    why: 'When values are pasted into SQL text, a value containing a quote changes the query: an attacker can read other users\' rows, bypass login checks or drop tables. Bound parameters send the values separately from the SQL, so no input can change what the query does.',
    fix: {
      default: 'Keep the SQL text constant and pass values as parameters; pick table or column names from an allow-list, never from input.',
      py: 'Use placeholders: `cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))`, or SQLAlchemy `text("... WHERE id = :id")` with `{"id": user_id}`.',
      sqlalchemy: 'Use `session.execute(text("SELECT * FROM notes WHERE owner_id = :owner"), {"owner": owner_id})` or the ORM (`select(Note).where(Note.owner_id == owner_id)`).',
      django: 'Use the ORM, or `Model.objects.raw("SELECT * FROM app_user WHERE id = %s", [user_id])` / `cursor.execute(sql, [params])`.',
      node: 'Use placeholders: `pool.query("SELECT * FROM users WHERE id = $1", [id])` (pg) or `?` with mysql2 / better-sqlite3.',
      prisma: 'Use the tagged template `prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}``, which binds `${id}`; `$queryRawUnsafe` with a built string does not.',
    },
    examples: {
      bad: 'cursor.execute(f"SELECT * FROM users WHERE email = \'{email}\'")',
      good: 'cursor.execute("SELECT * FROM users WHERE email = %s", (email,))',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['sqlCalls'],
    confidence: 'high',
  },
  check({ sqlCalls }) {
    if (sqlCalls.length === 0) return pass('No SQL text is built from values by string formatting');
    return fail(
      sqlCalls.map((s) => ({
        message: `SQL built with ${HOW[s.building] ?? s.building} is passed to a query call`,
        evidence: [s.evidence],
      })),
    );
  },
});
