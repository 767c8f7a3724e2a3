/** Runbook, scaling and architecture builders on hand-made facts. */
import { describe, expect, it } from 'vitest';
import { buildArchitecture } from '../../src/report/architecture.js';
import { platformFor } from '../../src/report/knowledge/platforms.js';
import { migrationLine, startLines, workerLines } from '../../src/report/processes.js';
import { NO_FACTS, type ReportFacts } from '../../src/report/report-facts.js';
import { buildRunbook } from '../../src/report/runbook.js';
import { buildScaling } from '../../src/report/scaling.js';
import type { Run } from '../../src/report/schema.js';

const ev = (file: string, line: number, snippet: string) => ({ file, line, snippet });
const stack = (...ids: string[]): Run['stack'] => ids.map((id) => ({ id, title: id, evidence: [ev('requirements.txt', 1, id)] }));

const script = (lines: string[], setE = false): ReportFacts['startScripts'][number] => ({
  file: 'start.sh',
  lines: lines.map((text, i) => ({ line: i + 2, text, conditional: false, evidence: ev('start.sh', i + 2, text) })),
  setE: setE ? ev('start.sh', 1, 'set -e') : null,
  trap: null,
  backgrounded: [],
  production: true,
  via: ev('Dockerfile', 9, 'CMD ["sh", "start.sh"]'),
});

const facts = (over: Partial<ReportFacts>): ReportFacts => ({ ...NO_FACTS, ...over });

describe('start lines', () => {
  it('reads the Celery app module, concurrency and background flag', () => {
    const lines = startLines(facts({ startScripts: [script(['celery --app=proj.tasks worker -c 3 &', 'celery -A proj.tasks beat'])] }));
    expect(workerLines(lines).map((w) => [w.role, w.app, w.concurrency, w.background])).toEqual([
      ['worker', 'proj.tasks', '3', true],
      ['beat', 'proj.tasks', null, false],
    ]);
  });

  it("prefers a platform's release command over the package script it runs", () => {
    const lines = startLines(
      facts({
        startCommands: [
          { source: 'package.json', command: 'knex migrate:latest', evidence: ev('package.json', 8, '"migrate": "knex migrate:latest"'), production: true, service: '', via: ev('fly.toml', 4, 'release_command') },
          { source: 'fly', command: 'npm run migrate', evidence: ev('fly.toml', 4, 'release_command = "npm run migrate"'), production: true, process: 'release', service: '' },
        ],
      }),
    );
    expect(migrationLine(lines)?.text).toBe('npm run migrate');
  });
});

describe('buildRunbook', () => {
  it('is absent when no component has an entry', () => {
    expect(buildRunbook({ stack: stack('fastapi'), facts: NO_FACTS, lines: [], ops: null, envVars: [] })).toBeUndefined();
  });

  it('builds Celery commands with the detected app module, through the detected platform', () => {
    const f = facts({ startScripts: [script(['alembic upgrade head', 'celery -A app.worker worker &'])] });
    const rb = buildRunbook({ stack: stack('celery', 'alembic', 'fly'), facts: f, lines: startLines(f), ops: platformFor(['fly']), envVars: [] });
    const celery = rb?.entries.find((e) => e.id === 'celery-worker-stuck');
    expect(celery?.diagnose.map((s) => s.command)).toContain('fly ssh console -C "celery -A app.worker inspect active"');
    expect(celery?.notes[0].text).toContain('starts in the background of start.sh:3 (run by Dockerfile:9)');
    const alembic = rb?.entries.find((e) => e.id === 'migrations-failed-alembic');
    expect(alembic?.diagnose.map((s) => s.command)).toContain('fly ssh console -C "alembic current"');
    expect(alembic?.notes.map((n) => n.text)).toEqual(['`alembic upgrade head` runs in start.sh:2, a script without `set -e`: when the migration fails the script goes on and starts the app on the old schema.']);
  });

  it('says nothing about set -e when the script has it, and uses a placeholder when no start command names the Celery app', () => {
    const f = facts({ startScripts: [script(['alembic upgrade head'], true)] });
    const rb = buildRunbook({ stack: stack('celery', 'alembic'), facts: f, lines: startLines(f), ops: null, envVars: [] });
    expect(rb?.platform).toBeNull();
    expect(rb?.entries.find((e) => e.id === 'migrations-failed-alembic')?.notes).toEqual([]);
    expect(rb?.entries.find((e) => e.id === 'celery-worker-stuck')?.diagnose[0].command).toBe('celery -A <celery-app-module> inspect ping');
  });
});

describe('buildScaling', () => {
  it('computes the connection budget from the pool defaults and flags a co-located worker', () => {
    const f = facts({
      dbEngines: [{ kind: 'sqlalchemy', evidence: ev('db.py', 4, 'create_engine(url)'), poolOptions: [], poolNotApplicable: null }],
      startScripts: [script(['celery -A app.worker worker --concurrency=4 &', 'gunicorn app:app -w 3'])],
    });
    const sc = buildScaling({ stack: stack('postgres', 'render'), facts: f, lines: startLines(f), ops: platformFor(['render']) });
    const notes = sc?.notes.map((n) => n.text) ?? [];
    expect(notes[0]).toContain("db.py:4 uses SQLAlchemy's default pool (pool_size=5 + max_overflow=10: up to 15 connections per process)");
    expect(notes).toContain('Web processes: start.sh:3 starts gunicorn with 3 worker processes per replica; each process has its own database pool.');
    expect(notes.some((t) => t.includes('runs 4 tasks at a time per replica'))).toBe(true);
    expect(notes.some((t) => t.includes('a Background Worker service (`type: worker` in render.yaml) whose start command is `celery -A app.worker worker --concurrency=4`'))).toBe(true);
    expect(sc?.triggers.map((t) => t.component)).toEqual(['postgres', 'postgres']);
  });

  it('says nothing about a pool whose size is set or cannot be read', () => {
    const f = facts({ dbEngines: [{ kind: 'pg', evidence: ev('pool.ts', 2, 'new Pool(opts)'), poolOptions: ['**'], poolNotApplicable: null }] });
    expect(buildScaling({ stack: stack('express'), facts: f, lines: [], ops: null })?.notes).toEqual([]);
  });
});

describe('buildArchitecture', () => {
  it('draws nothing without an app or a worker', () => {
    expect(buildArchitecture({ services: [], routes: [], envVars: [] })).toBeUndefined();
  });

  it('links an app to the stores of its service and quotes labels safely', () => {
    const m = buildArchitecture({
      services: [{ dir: 'api', kind: 'backend', manifests: [] }, { dir: 'web', kind: 'frontend', manifests: [] }],
      routes: [],
      envVars: [],
      apps: [{ framework: 'fastapi', service: 'api', routes: 2, location: ev('api/main.py', 3, 'app = FastAPI()') }],
      dataStores: [
        { kind: 'postgres', title: 'PostgreSQL', clients: ['sqlalchemy'], evidence: [ev('api/db.py', 1, 'x')] },
        { kind: 'redis', title: 'Redis "cache"', clients: [], evidence: [ev('web/cache.ts', 1, 'x')] },
      ],
    })?.mermaid;
    expect(m).toContain('app0["FastAPI app<br/>api/main.py:3<br/>2 routes"]');
    expect(m).toContain("store1[(\"Redis 'cache'\")]");
    expect(m).toContain('app0 --> store0');
    expect(m).not.toContain('app0 --> store1');
  });
});
