import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/discover/language.js';
import { roleOf } from '../../src/discover/roles.js';
import type { Language, Role } from '../../src/discover/types.js';

// [path, expected language, expected role]; near-misses sit next to the rule they must not trigger.
const CASES: Array<[string, Language, Role]> = [
  // app code
  ['backend/app/main.py', 'python', 'app'],
  ['src/tests_helpers.py', 'python', 'app'],
  ['blog/tests.py', 'python', 'test'],
  ['src/dispatch/database/revisions/core/versions/2021_x.py', 'python', 'migration'],
  ['app/versions/v2.py', 'python', 'app'],
  ['src/testing_utils.py', 'python', 'app'],
  ['app/settings.py', 'python', 'app'],
  ['src/server.ts', 'typescript', 'app'],
  ['src/server.mts', 'typescript', 'app'],
  ['src/legacy.cjs', 'javascript', 'app'],
  ['frontend/src/App.tsx', 'tsx', 'app'],
  ['frontend/src/Button.jsx', 'jsx', 'app'],
  ['src/env.ts', 'typescript', 'app'],
  ['src/latest/handler.py', 'python', 'app'],
  ['src/api/protest.ts', 'typescript', 'app'],
  ['app/templates/index.html', 'other', 'app'],
  // generated
  ['proto/user_pb2.py', 'python', 'generated'],
  ['src/api.generated.ts', 'typescript', 'generated'],
  ['src/routeTree.gen.ts', 'typescript', 'generated'],
  ['types/global.d.ts', 'typescript', 'generated'],
  ['public/vendor.min.js', 'other', 'generated'],
  ['frontend/public/workbox-f1770938.js', 'javascript', 'generated'],
  ['static/js/main.3f2a1b9c.js', 'javascript', 'generated'],
  ['scripts/backup-20240101.js', 'javascript', 'script'],
  ['dev/code-generation/gen_ts_locales.py', 'python', 'script'],
  ['hack/update-codegen.sh', 'shell', 'script'],
  ['app/dev/panel.py', 'python', 'app'],
  // fixtures beat tests: a fixture folder inside tests holds data, not test code
  ['tests/fixtures/sample.py', 'python', 'fixture'],
  ['src/__mocks__/axios.ts', 'typescript', 'fixture'],
  ['pkg/testdata/input.json', 'json', 'fixture'],
  // tests
  ['frontend/src/App.test.tsx', 'tsx', 'test'],
  ['src/user.spec.ts', 'typescript', 'test'],
  ['tests/test_api.py', 'python', 'test'],
  ['app/users_test.py', 'python', 'test'],
  ['conftest.py', 'python', 'test'],
  ['src/__tests__/util.ts', 'typescript', 'test'],
  ['cypress/e2e/login.cy.ts', 'typescript', 'test'],
  ['vitest.config.ts', 'typescript', 'test'],
  ['jest.config.js', 'javascript', 'test'],
  ['pytest.ini', 'ini', 'test'],
  ['locustfile.py', 'python', 'test'],
  ['load/k6-smoke.js', 'javascript', 'test'],
  ['loadtests/checkout.js', 'javascript', 'test'],
  ['Tests/Integration/Foo.py', 'python', 'test'],
  ['etl/load/writer.py', 'python', 'app'],
  // migrations
  ['alembic/versions/001_x.py', 'python', 'migration'],
  ['app/migrations/0001_initial.py', 'python', 'migration'],
  ['prisma/migrations/20240101_init/migration.sql', 'sql', 'migration'],
  ['db/migrate/20240101_add_users.js', 'javascript', 'migration'],
  // scripts
  ['app/management/commands/seed.py', 'python', 'script'],
  ['scripts/backfill.ts', 'typescript', 'script'],
  ['bin/deploy', 'other', 'script'],
  ['manage.py', 'python', 'script'],
  ['setup.py', 'python', 'script'],
  ['seed_data.py', 'python', 'script'],
  ['docker/entrypoint.sh', 'shell', 'script'],
  ['Makefile', 'other', 'script'],
  ['app/management/helpers.py', 'python', 'app'],
  // docs
  ['README.md', 'markdown', 'docs'],
  ['docs/conf.py', 'python', 'docs'],
  ['LICENSE', 'other', 'docs'],
  ['CHANGELOG.txt', 'text', 'docs'],
  // config
  ['Dockerfile', 'dockerfile', 'config'],
  ['Dockerfile.prod', 'dockerfile', 'config'],
  ['deploy/api.Dockerfile', 'dockerfile', 'config'],
  ['Containerfile', 'dockerfile', 'config'],
  ['docker-compose.yml', 'yaml', 'config'],
  ['.github/workflows/ci.yaml', 'yaml', 'config'],
  ['pyproject.toml', 'toml', 'config'],
  ['package.json', 'json', 'config'],
  ['tsconfig.json', 'jsonc', 'config'],
  ['tsconfig.build.json', 'jsonc', 'config'],
  ['.devcontainer/devcontainer.json', 'jsonc', 'config'],
  ['settings.jsonc', 'jsonc', 'config'],
  ['.env', 'dotenv', 'config'],
  ['.env.production', 'dotenv', 'config'],
  ['deploy/prod.env', 'dotenv', 'config'],
  ['env.example', 'dotenv', 'config'],
  ['alembic.ini', 'ini', 'config'],
  ['setup.cfg', 'ini', 'config'],
  ['prisma/schema.prisma', 'prisma', 'config'],
  ['db/schema.sql', 'sql', 'config'],
  ['requirements.txt', 'text', 'config'],
  ['requirements-dev.txt', 'text', 'config'],
  ['Procfile', 'text', 'config'],
  ['.gitignore', 'text', 'config'],
  ['.dockerignore', 'text', 'config'],
  ['.nvmrc', 'text', 'config'],
  ['.python-version', 'text', 'config'],
  ['vite.config.ts', 'typescript', 'config'],
  ['next.config.mjs', 'javascript', 'config'],
  ['.eslintrc.cjs', 'javascript', 'config'],
  ['package-lock.json', 'json', 'config'],
  ['pnpm-lock.yaml', 'yaml', 'config'],
  ['yarn.lock', 'other', 'config'],
  ['poetry.lock', 'other', 'config'],
  ['.npmrc', 'other', 'config'],
];

describe('languageOf and roleOf', () => {
  it.each(CASES)('%s is %s / %s', (path, language, role) => {
    expect(languageOf(path)).toBe(language);
    expect(roleOf(path, languageOf(path))).toBe(role);
  });

  it('matches folder names case-insensitively but only as whole segments', () => {
    expect(roleOf('SRC/Migrations/0002.py', 'python')).toBe('migration');
    expect(roleOf('src/contest/main.py', 'python')).toBe('app');
    expect(roleOf('src/fixtures_loader.py', 'python')).toBe('app');
  });

  it('reads .env.* as dotenv except when the suffix is a code extension', () => {
    expect(languageOf('.env.local')).toBe('dotenv');
    expect(languageOf('.env.ts')).toBe('typescript');
  });
});
