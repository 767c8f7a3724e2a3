/**
 * Where schema migrations are applied (fact MigrationRun):
 * - start: a production start path: Dockerfile CMD/ENTRYPOINT, Procfile `release:`, fly
 *   `release_command`, Railway / Render `preDeployCommand`, package.json scripts reached from them
 *   (`npm start` → `prestart`, `npm run migrate` → its script), entrypoint scripts they run;
 * - dev: the same, but only on a development path (docker-compose.override.yml, a `dev` script);
 * - start, too: a Kubernetes manifest or Helm template (a migration Job, an init container) whose
 *   command runs a migration tool (its YAML lines read as text, list syntax stripped);
 * - ci: a CI job that deploys (its name, or a step that deploys) and runs a migration command,
 *   directly or in a shell script the step runs (`docker compose run backend bash scripts/prestart.sh`);
 * - code: application code that migrates on startup (Alembic `command.upgrade`, Django
 *   `call_command("migrate")`, TypeORM `migrationsRun: true` / `runMigrations()`, knex
 *   `migrate.latest()`, Drizzle's migrator, Umzug `up()`, a migration command in `subprocess`/`exec`).
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { FactMap, MigrationRun } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { tokenize } from '../deploy/command.js';
import { parseShellScript } from '../deploy/shell.js';
import { walkValue } from '../observability/scan.js';
import { migrationIn } from './migration-commands.js';

const DEPLOY_JOB = /deploy|release|prod/i;
const DEPLOY_STEP = /\b(flyctl|fly)\s+deploy\b|\brailway\s+up\b|\bgit\s+push\s+heroku\b|\bkubectl\s+(apply|rollout)\b|\bhelm\s+(upgrade|install)\b|\bgcloud\s+(run|app)\s+deploy\b|\bvercel\b.*--prod|\brender\b.*deploy/;
const EXEC_CALLS = /^(subprocess\.(run|call|check_call|check_output|Popen)|os\.system|exec|execSync|execa|spawn|spawnSync|child_process\.\w+)$/;

export function collectMigrationRuns(repo: RepoContext, facts: FactMap): MigrationRun[] {
  const out: MigrationRun[] = [];
  for (const c of facts.startCommands) {
    const what = migrationIn(c.command);
    if (what) out.push({ command: what, evidence: c.evidence, ...(c.via ? { via: c.via } : {}), where: c.production ? 'start' : 'dev' });
  }
  for (const s of facts.startScripts) {
    for (const l of s.lines) {
      const what = migrationIn(l.text);
      if (what) out.push({ command: what, evidence: l.evidence ?? repo.ev(s.file, l.line), ...(s.via ? { via: s.via } : {}), where: s.production && !l.conditional ? 'start' : 'dev' });
    }
  }
  for (const ci of facts.ciConfigs) {
    for (const job of ci.jobs) {
      const deploys = DEPLOY_JOB.test(job.name) || job.steps.some((st) => DEPLOY_STEP.test(st.run) || DEPLOY_JOB.test(st.name));
      if (!deploys) continue;
      for (const st of job.steps) {
        const what = migrationIn(st.run);
        if (what) out.push({ command: what, evidence: st.evidence, via: job.evidence, where: 'ci' });
        for (const file of stepScripts(repo, st.run)) {
          for (const l of parseShellScript(repo, file).lines) {
            const inScript = l.conditional ? undefined : migrationIn(l.text);
            if (inScript) out.push({ command: inScript, evidence: l.evidence ?? repo.ev(file, l.line), via: st.evidence, where: 'ci' });
          }
        }
      }
    }
  }
  out.push(...kubernetesRuns(repo));
  for (const m of repo.models.values()) {
    if (repo.file(m.file)?.role !== 'app') continue;
    for (const c of m.calls) {
      const hit = codeMigration(m, c);
      if (hit) out.push({ command: hit.what, evidence: repo.ev(m.file, hit.line), where: 'code' });
    }
  }
  return out;
}

/**
 * Repository shell scripts a CI step runs, however it reaches them (`bash scripts/x.sh`,
 * `uv run bash scripts/x.sh`, `docker compose run --rm backend bash scripts/x.sh`): a word naming a
 * `.sh` file, matched to the one repository file with that path or path ending (the step may run in
 * a sub-folder or a container whose working directory is not the repository root).
 */
function stepScripts(repo: RepoContext, run: string): string[] {
  const out = new Set<string>();
  for (const word of tokenize(run)) {
    if (!/^[\w./-]+\.sh$/.test(word)) continue;
    const rel = word.replace(/^(\.\/)+/, '');
    const exact = repo.file(rel);
    const matches = exact ? [exact.path] : repo.discovery.files.filter((f) => f.path.endsWith(`/${rel}`)).map((f) => f.path);
    if (matches.length === 1) out.add(matches[0]);
  }
  return [...out];
}

function imports(m: CodeModel, re: RegExp): boolean {
  return m.imports.some((i) => re.test(i.module));
}

function codeMigration(m: CodeModel, c: CallSite): { what: string; line: number } | undefined {
  const what = codeMigrationAt(m, c);
  if (typeof what === 'string') return { what, line: c.line };
  return what;
}

/** The migration a call runs: its name (at the call's line), or name and line of the option that enables it. */
function codeMigrationAt(m: CodeModel, c: CallSite): string | { what: string; line: number } | undefined {
  if (m.language === 'python') {
    if (c.callee === 'command.upgrade' && imports(m, /^alembic(\.|$)/)) return 'alembic command.upgrade()';
    if (c.name === 'call_command' && c.args[0]?.kind === 'string' && c.args[0].value === 'migrate') return 'call_command("migrate")';
  } else {
    if (c.name === 'runMigrations') return 'runMigrations()';
    if (/(^|\.)migrate\.latest$/.test(c.callee)) return 'knex migrate.latest()';
    if (c.name === 'migrate' && imports(m, /^drizzle-orm\/.+\/migrator$/)) return 'drizzle migrate()';
    if (/(^|\.)umzug\.up$/i.test(c.callee)) return 'umzug.up()';
    for (const v of c.args) {
      for (const x of walkValue(v)) {
        const e = x.entries?.find((en) => en.key === 'migrationsRun' && en.value.kind === 'bool' && en.value.value === 'true');
        if (e) return { what: 'TypeORM migrationsRun: true', line: e.value.line };
      }
    }
  }
  if (EXEC_CALLS.test(c.callee)) {
    const text = c.args.map((a) => (a.kind === 'string' ? (a.value ?? '') : a.kind === 'list' ? (a.items ?? []).map((i) => i.value ?? '').join(' ') : '')).join(' ');
    const what = migrationIn(text);
    if (what) return what;
  }
  return undefined;
}

const K8S_KIND = /^kind:\s*(Job|CronJob|Deployment|StatefulSet|Pod|DaemonSet)\s*$/m;

/** Migration commands in Kubernetes manifests and Helm templates (`command: ["alembic", "upgrade", "head"]`). */
function kubernetesRuns(repo: RepoContext): MigrationRun[] {
  const out: MigrationRun[] = [];
  for (const f of repo.discovery.files) {
    if (f.language !== 'yaml' || f.role === 'test' || f.role === 'fixture' || /(^|\/)\.(github|gitlab|circleci)\/|\.gitlab-ci\.ya?ml$/.test(f.path)) continue;
    if (!K8S_KIND.test(repo.read(f.path) ?? '')) continue;
    repo.lines(f.path).forEach((line, i) => {
      if (/^\s*#/.test(line)) return;
      const text = line.replace(/^\s*-?\s*(command|args)?\s*:?\s*/, '').replace(/[[\]"',]/g, ' ');
      const what = migrationIn(text);
      if (what) out.push({ command: what, evidence: repo.ev(f.path, i + 1), where: 'start' });
    });
  }
  return out;
}
