/** The tricky parts of the deployment-config / env / CI / docs extractors, tested directly. */

import { describe, expect, it } from 'vitest';
import { commandRunsTests, isNonBlockingCommand, usesRunsTests } from '../../src/facts/config/ci-commands.js';
import { parseImageRef, substituteArgs } from '../../src/facts/config/docker-ref.js';
import { isDevDockerfile } from '../../src/facts/config/dockerfiles.js';
import { destructuredNames } from '../../src/facts/config/env-reads-node.js';
import { isSecretName } from '../../src/facts/config/env-names.js';
import { isEnvTemplateName } from '../../src/facts/config/env-templates.js';
import { markdownBlocks } from '../../src/facts/config/markdown.js';
import { auditRepo } from '../helpers/temp-repo.js';

async function facts(files: Record<string, string>) {
  const audit = await auditRepo(files);
  return { facts: audit.facts, errors: audit.repo.errors };
}

describe('CI commands', () => {
  it.each([
    'pytest',
    'python -m pytest -q',
    'poetry run pytest --cov',
    'uv run --frozen pytest',
    'python manage.py test --parallel',
    'tox',
    'tox -e py312',
    'nox -s tests-3.12',
    'npm test',
    'npm run test:unit -- --ci',
    'npm --prefix api test',
    'yarn test',
    'pnpm -r test',
    'pnpm vitest run',
    'npx vitest run',
    'npx jest --ci',
    'npx playwright test',
    'go test ./...',
    'make test',
    'make -C backend tests',
    'docker compose run --rm api pytest',
    'cd backend && pytest',
    'CI=true npm test',
    'coverage run -m pytest',
    './scripts/run_tests.sh',
    'bash scripts/test.sh',
    'node --test',
    'docker build --target test .',
    'npx turbo run test',
    'hatch run test:cov',
  ])('%s runs tests', (cmd) => expect(commandRunsTests(cmd)).toBe(true));

  it.each([
    'pip install pytest',
    'pip install -r requirements.txt -r requirements-dev.txt pytest',
    'npm ci',
    'npm run build',
    'npm i -D jest',
    'ruff check .',
    'echo "run pytest later"',
    'tox -e lint',
    'nox -s lint',
    'make lint',
    'npx tsc --noEmit',
    'docker build -t app .',
    'docker build --target runtime .',
    'test -f .env || cp .env.example .env',
  ])('%s does not run tests', (cmd) => expect(commandRunsTests(cmd)).toBe(false));

  it('recognises commands that swallow their failure', () => {
    expect(isNonBlockingCommand('pytest || true')).toBe(true);
    expect(isNonBlockingCommand('npm test || exit 0')).toBe(true);
    expect(isNonBlockingCommand('pytest; true')).toBe(true);
    expect(isNonBlockingCommand('pytest || echo "tests failed"')).toBe(true);
    expect(isNonBlockingCommand('pytest')).toBe(false);
    expect(isNonBlockingCommand('test -f x || exit 1')).toBe(false);
  });

  it('knows which actions and reusable workflows run tests', () => {
    expect(usesRunsTests('cypress-io/github-action@v6')).toBe(true);
    expect(usesRunsTests('acme/ci/.github/workflows/python-tests.yml@v1')).toBe(true);
    expect(usesRunsTests('actions/setup-python@v5')).toBe(false);
    expect(usesRunsTests('microsoft/playwright-github-action@v1')).toBe(false);
    expect(usesRunsTests('acme/ci/.github/workflows/deploy.yml@v1')).toBe(false);
  });
});

describe('Docker references', () => {
  it('splits registry, tag and digest', () => {
    expect(parseImageRef('localhost:5000/team/app:1.2@sha256:abc')).toEqual({ image: 'localhost:5000/team/app', tag: '1.2', digest: 'sha256:abc' });
    expect(parseImageRef('localhost:5000/app')).toEqual({ image: 'localhost:5000/app', tag: null, digest: null });
    expect(parseImageRef('python')).toEqual({ image: 'python', tag: null, digest: null });
  });
  it('substitutes ARG defaults, and gives up on ARGs without one', () => {
    const args = new Map<string, string | null>([['PY', '3.12'], ['BASE', 'node:latest'], ['EMPTY', null]]);
    expect(substituteArgs('python:${PY}-slim', args)).toBe('python:3.12-slim');
    expect(substituteArgs('$BASE', args)).toBe('node:latest');
    expect(substituteArgs('${EMPTY}', args)).toBeNull();
    expect(substituteArgs('${MISSING:-python:3.11}', args)).toBe('python:3.11');
  });
  it('tells development Dockerfiles from production ones', () => {
    expect(isDevDockerfile('Dockerfile.dev')).toBe(true);
    expect(isDevDockerfile('api/dev.Dockerfile')).toBe(true);
    expect(isDevDockerfile('.devcontainer/Dockerfile')).toBe(true);
    expect(isDevDockerfile('Dockerfile.test')).toBe(true);
    expect(isDevDockerfile('Dockerfile.ci')).toBe(true);
    expect(isDevDockerfile('docker/dev/Dockerfile')).toBe(true);
    expect(isDevDockerfile('Dockerfile')).toBe(false);
    expect(isDevDockerfile('Dockerfile.prod')).toBe(false);
    expect(isDevDockerfile('worker.Dockerfile')).toBe(false);
  });
  it('reports malformed Dockerfiles and keeps going', async () => {
    const { facts: f, errors } = await facts({
      Dockerfile: 'FROM python:3.12-slim\nRUN <<EOT\nUSERADD x\nEOT\nRUNN bad\nUSER app\n',
      'Dockerfile.prod': 'FROM\n',
    });
    expect(f.dockerfiles.find((d) => d.file === 'Dockerfile')?.stages[0].userName).toBe('app');
    expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining(['line 5: unknown instruction RUNN', 'line 1: FROM without an image']));
  });
});

describe('env', () => {
  it('finds env templates by name', () => {
    for (const n of ['.env.example', '.env.sample', '.env.template', '.env.dist', '.example.env', 'env.example', 'api/.env.production.example']) expect(isEnvTemplateName(n), n).toBe(true);
    for (const n of ['.env', '.env.local', '.env.production', 'example.py', 'envexample']) expect(isEnvTemplateName(n), n).toBe(false);
  });
  it('reads destructuring patterns', () => {
    expect(destructuredNames("{ A, B = 'x', C: c, D: d = 'y', ...rest }")).toEqual([
      { name: 'A', hasDefault: false },
      { name: 'B', hasDefault: true, defaultText: 'x' },
      { name: 'C', hasDefault: false },
      { name: 'D', hasDefault: true, defaultText: 'y' },
    ]);
  });
  it('names secrets by their words', () => {
    for (const n of ['OPENAI_API_KEY', 'DB_PASSWORD', 'SENTRY_DSN', 'GITHUB_TOKEN', 'APIKEY', 'AWS_SECRET_ACCESS_KEY']) expect(isSecretName(n), n).toBe(true);
    for (const n of ['DATABASE_URL', 'KEYSPACE', 'PORT', 'TOKENIZER_MODEL', 'ACCESS_TOKEN_EXPIRE_MINUTES', 'JWT_TOKEN_PREFIX', 'API_KEY_HEADER']) expect(isSecretName(n), n).toBe(false);
  });
  it('reads python env access, pydantic-settings fields and templates', async () => {
    const { facts: f } = await facts({
      'requirements.txt': 'fastapi\npydantic-settings\npython-decouple\n',
      'app/settings.py': [
        'import os',
        'from decouple import config',
        'from pydantic import Field',
        'from pydantic_settings import BaseSettings',
        'from flask import request',
        '',
        'class Settings(BaseSettings):',
        '    api_url: str = "http://x"',
        '    token: str = Field(..., validation_alias="SERVICE_TOKEN")',
        '    class Config:',
        '        env_prefix = "APP_"',
        '',
        'A = os.environ["A_KEY"]',
        'os.environ["WRITTEN"] = "1"',
        'B = config("B_FLAG", default=False, cast=bool)',
        'IP = request.environ["REMOTE_ADDR"]',
      ].join('\n'),
      '.env.example': 'A_KEY=\n# B_FLAG=true\n',
    });
    const reads = f.envReads.map((r) => `${r.name}:${r.via}:${r.hasDefault}`);
    expect(reads).toEqual(['APP_API_URL:pydantic-settings:true', 'SERVICE_TOKEN:pydantic-settings:false', 'A_KEY:os.environ:false', 'B_FLAG:python-decouple:true']);
    const vars = f.envTemplates[0].vars;
    expect(vars.map((v) => v.name)).toEqual(['A_KEY', 'B_FLAG']);
    expect(vars[1].evidence.note).toMatch(/commented out/);
  });
});

describe('CI configurations', () => {
  it('reads GitHub triggers in every form and job-level event conditions', async () => {
    const { facts: f } = await facts({
      '.github/workflows/a.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: pytest\n',
      '.github/workflows/b.yml': 'on:\n  pull_request:\n    branches: [main]\n  workflow_dispatch:\njobs:\n  t:\n    if: github.event_name == \'workflow_dispatch\'\n    steps:\n      - run: npm test\n',
    });
    const a = f.ciConfigs.find((c) => c.file.endsWith('a.yml'));
    const b = f.ciConfigs.find((c) => c.file.endsWith('b.yml'));
    expect(a?.triggers).toEqual(['push']);
    expect(b?.triggers).toEqual(['pull_request', 'workflow_dispatch']);
    expect(b?.jobs[0].triggers).toEqual(['workflow_dispatch']);
    expect(a?.jobs[0].steps[0]).toMatchObject({ run: 'pytest', runsTests: true, blocking: true });
    expect(a?.jobs[0].steps[0].evidence.line).toBe(6);
  });
  it('reads GitLab local includes, anchors and rules', async () => {
    const { facts: f } = await facts({
      '.gitlab-ci.yml': 'include:\n  - local: ci/test.yml\n  - template: Security/SAST.gitlab-ci.yml\n.base: &base\n  image: python\n  script:\n    - pytest\nunit:\n  <<: *base\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "schedule"\n',
      'ci/test.yml': 'lint:\n  script: ruff check .\n  allow_failure: true\n',
    });
    const c = f.ciConfigs[0];
    const unit = c.jobs.find((j) => j.name === 'unit');
    expect(unit?.triggers).toEqual(['schedule']);
    expect(unit?.steps[0]).toMatchObject({ run: 'pytest', runsTests: true, blocking: true });
    expect(c.jobs.find((j) => j.name === 'lint')?.steps[0]).toMatchObject({ blocking: false, evidence: { file: 'ci/test.yml', line: 2 } });
    expect(c.jobs.find((j) => j.name === 'include')?.steps[0].uses).toBe('Security/SAST.gitlab-ci.yml');
  });
  it('follows package.json scripts, make targets and shell scripts', async () => {
    const { facts: f } = await facts({
      'package.json': JSON.stringify({ scripts: { ci: 'npm run lint && npm run unit', unit: 'vitest run', lint: 'eslint .' } }),
      Makefile: 'check: lint unit\n\nlint:\n\truff check .\n\nunit:\n\t@pytest -q\n\nfmt:\n\truff format .\n',
      'scripts/ci.sh': '#!/bin/sh\nset -e\npython -m pytest\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    steps:\n      - run: npm run ci\n      - run: make check\n      - run: ./scripts/ci.sh\n      - run: npm run lint\n      - run: make fmt\n',
    });
    expect(f.ciConfigs[0].jobs[0].steps.map((s) => s.runsTests)).toEqual([true, true, true, false, false]);
  });
  it('reports invalid YAML', async () => {
    const { facts: f, errors } = await facts({ '.github/workflows/bad.yml': 'on: [push\njobs: {}\n' });
    expect(f.ciConfigs.length).toBeLessThanOrEqual(1);
    expect(errors[0]?.path).toBe('.github/workflows/bad.yml');
  });
});

describe('Markdown', () => {
  it('gives headings their lines and ignores # lines in code blocks', () => {
    const blocks = markdownBlocks('# Title\n\nText\n\n```bash\n# Troubleshooting\n```\n\nSetext\n------\n\n- item\n\n  ## Nested\n');
    expect(blocks.filter((b) => b.type === 'heading').map((b) => [b.text, b.line])).toEqual([
      ['Title', 1],
      ['Setext', 9],
      ['Nested', 14],
    ]);
  });
});
