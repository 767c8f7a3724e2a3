import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { MigrationGraph } from '../../facts/fact-map.js';

function label(g: MigrationGraph): string {
  return g.tool === 'django' ? `Django app \`${g.app ?? g.dir}\`` : `Alembic history in ${g.dir}/`;
}

export default defineRule({
  meta: {
    id: 'migration-history-broken',
    area: 'data',
    severity: 'high',
    title: 'Migration history is a single linear chain',
    failureTitle: 'Migration history is broken (several heads, missing parent or duplicate id)',
    why:
      'Alembic refuses `alembic upgrade head` when the history has several heads ("Multiple head revisions are present"), and Django refuses `migrate` when an app has two leaf migrations ("Conflicting migrations detected"): the deploy that runs migrations fails, or — with `upgrade heads` — applies two branches in an undefined order. ' +
      'A `down_revision` or dependency that names a migration that does not exist, or two migrations with the same id, make the history unreadable for the tool: no migration can run until it is repaired, usually in a hurry during an incident.',
    fix: {
      default: 'Merge the heads into one revision, point every parent link at an existing migration, and give every migration a unique id; add a CI step that fails on several heads.',
      sqlalchemy: 'Run `alembic heads` to list them and `alembic merge -m "merge heads" <rev1> <rev2>` to create a merge revision; fix a dangling `down_revision` to the real parent id; add `alembic heads | wc -l` (must be 1) or `alembic check` to CI.',
      django: 'Run `python manage.py makemigrations --merge` to create a merge migration for the app, fix dependencies that name a missing migration, and add `python manage.py makemigrations --check --dry-run` to CI.',
    },
    examples: {
      bad: '# versions/b2_add_email.py\nrevision = "b2"\ndown_revision = "a1"\n# versions/c3_add_phone.py\nrevision = "c3"\ndown_revision = "a1"  # a second head',
      good: '# versions/d4_merge.py\nrevision = "d4"\ndown_revision = ("b2", "c3")\ndef upgrade(): pass\ndef downgrade(): pass',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py'],
    needs: ['migrationGraphs'],
    confidence: 'high',
  },
  check({ migrationGraphs }) {
    if (migrationGraphs.length === 0) return notApplicable('no Alembic revisions or Django migrations found');
    const findings: Finding[] = [];
    for (const g of migrationGraphs) {
      const stack = g.tool === 'django' ? 'django' : 'sqlalchemy';
      const headEv = new Map(g.heads.map((h) => [h.id, h.evidence]));
      for (const group of g.headGroups) {
        if (group.length < 2) continue;
        findings.push({
          message: `${label(g)} has ${plural(group.length, 'head')} (${group.join(', ')}) that grew from the same history: \`upgrade head\` / \`migrate\` refuses to run until they are merged`,
          evidence: group.map((id) => headEv.get(id)).filter((e) => e !== undefined),
          stack,
        });
      }
      for (const b of g.broken) {
        findings.push({ message: `${label(g)}: migration ${b.node} points to ${b.missing}, which does not exist`, evidence: [b.evidence], stack });
      }
      for (const d of g.duplicates) {
        findings.push({ message: `${label(g)}: revision id ${d.id} is declared by ${plural(d.evidence.length, 'migration')}`, evidence: d.evidence, stack });
      }
    }
    if (findings.length > 0) return fail(findings);
    const total = migrationGraphs.reduce((n, g) => n + g.nodes.length, 0);
    return pass(
      `${plural(migrationGraphs.length, 'migration history', 'migration histories')} (${plural(total, 'migration')}), each with one head per branch and every parent present`,
      migrationGraphs.flatMap((g) => g.heads.map((h) => h.evidence)).slice(0, 5),
    );
  },
});
