import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'migration-downgrade-missing',
    area: 'data',
    severity: 'low',
    title: 'Migrations can be rolled back',
    failureTitle: 'Migrations have an empty downgrade',
    why:
      'When a deploy goes wrong, the fastest way back is to redeploy the previous release and run `alembic downgrade -1`. A revision whose `downgrade()` is only `pass` reports success while leaving the new columns, tables and constraints in place, so the old code then runs against a schema it does not know. ' +
      'Writing the reverse step while the change is fresh takes minutes; working it out during an incident takes much longer.',
    fix: {
      default: 'Write the reverse of every `upgrade()` in `downgrade()` (drop what was added, restore what was removed); when a change truly cannot be undone, raise an explicit error saying so.',
      sqlalchemy: 'In each revision, undo `upgrade()` step by step in reverse order: `op.drop_column("users", "email")`, `op.drop_index(...)`, `op.drop_table(...)`. For an irreversible data migration: `raise NotImplementedError("irreversible: restore from backup")`.',
    },
    examples: {
      bad: 'def upgrade():\n    op.add_column("users", sa.Column("email", sa.String()))\n\ndef downgrade():\n    pass',
      good: 'def upgrade():\n    op.add_column("users", sa.Column("email", sa.String()))\n\ndef downgrade():\n    op.drop_column("users", "email")',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py'],
    needs: ['migrationGraphs'],
    confidence: 'high',
  },
  check({ migrationGraphs }) {
    const revisions = migrationGraphs.filter((g) => g.tool === 'alembic').flatMap((g) => g.nodes);
    if (revisions.length === 0) return notApplicable('no Alembic revisions found');
    // A merge revision or an empty placeholder has nothing to undo.
    const empty = revisions.filter((r) => r.downgrade?.empty && !r.downgrade.upgradeEmpty);
    if (empty.length > 0) {
      return fail(
        empty.map((r) => ({
          message: `Revision ${r.id}: \`downgrade()\` does nothing, so rolling back this migration leaves its schema change in place`,
          evidence: [r.downgrade?.evidence ?? r.evidence],
          stack: 'sqlalchemy' as const,
        })),
      );
    }
    const withDown = revisions.filter((r) => r.downgrade && !r.downgrade.empty);
    return pass(`${plural(withDown.length, 'Alembic revision')} with a downgrade step`, withDown.slice(0, 5).map((r) => r.downgrade?.evidence ?? r.evidence));
  },
});
