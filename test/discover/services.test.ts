import { describe, expect, it } from 'vitest';
import { findServiceRoots, serviceOf } from '../../src/discover/services.js';
import {
  pyprojectDependencies,
  requirementsTxtDependencies,
  setupPyDependencies,
} from '../../src/discover/manifests.js';
import type { ServiceKind } from '../../src/discover/types.js';

/** Runs findServiceRoots over an in-memory repository: path → contents. */
function roots(files: Record<string, string>) {
  return findServiceRoots(Object.keys(files), (path) => files[path]);
}

function kinds(files: Record<string, string>): Array<[string, ServiceKind]> {
  return roots(files).map((s) => [s.dir, s.kind]);
}

const pkg = (deps: Record<string, string>, devDeps: Record<string, string> = {}): string =>
  JSON.stringify({ name: 'x', dependencies: deps, devDependencies: devDeps });

describe('findServiceRoots', () => {
  it('finds root, back end and front end of a FastAPI + React/Vite monorepo', () => {
    const result = roots({
      'README.md': '# x',
      'backend/requirements.txt': 'fastapi>=0.110 # web\nsqlalchemy\n',
      'backend/app/main.py': '',
      'frontend/package.json': pkg({ react: '^18', 'react-dom': '^18' }, { vite: '^5' }),
      'frontend/src/main.tsx': '',
    });
    expect(result).toEqual([
      { dir: '', kind: 'unknown', manifests: [] },
      { dir: 'backend', kind: 'backend', manifests: ['requirements.txt'] },
      { dir: 'frontend', kind: 'frontend', manifests: ['package.json'] },
    ]);
  });

  it('takes a setup.py for a manifest only when it is a setuptools script', () => {
    const result = roots({
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["flask"]\n',
      // A Flask handler module named setup.py (the first-run wizard), not a package.
      'app/handlers/setup.py': 'from flask import render_template\n\ndef setup():\n    return render_template("setup.html")\n',
      'libs/client/setup.py': 'from setuptools import setup\n\nsetup(name="client", install_requires=["requests"])\n',
    });
    expect(result.map((r) => r.dir)).toEqual(['', 'libs/client']);
  });

  it('takes the root kind from its own manifests and lists them sorted', () => {
    const result = roots({ 'requirements.txt': 'Django==5.0\n', 'manage.py': '', 'pyproject.toml': '[tool.ruff]\n' });
    expect(result).toEqual([{ dir: '', kind: 'backend', manifests: ['manage.py', 'pyproject.toml', 'requirements.txt'] }]);
  });

  it('ignores manifests inside test and fixture folders', () => {
    expect(kinds({ 'package.json': pkg({ express: '4' }), 'test/fixtures/app/package.json': pkg({ react: '18' }), 'tests/e2e/requirements.txt': 'flask\n' })).toEqual([
      ['', 'backend'],
    ]);
  });

  it('treats Next.js as a front end unless it has API routes', () => {
    expect(kinds({ 'package.json': pkg({ next: '14', react: '18' }), 'app/page.tsx': '' })).toEqual([['', 'frontend']]);
    expect(kinds({ 'package.json': pkg({ next: '14' }), 'app/api/users/route.ts': '' })).toEqual([['', 'backend']]);
    expect(kinds({ 'package.json': pkg({ next: '14' }), 'src/pages/api/hello.ts': '' })).toEqual([['', 'backend']]);
    expect(kinds({ 'package.json': pkg({ next: '14' }), 'app/apiary/page.tsx': '' })).toEqual([['', 'frontend']]);
  });

  it('prefers a server framework over a bundler, but not a dev-only server next to a front end', () => {
    expect(kinds({ 'package.json': pkg({ express: '4', react: '18' }, { vite: '5' }) })).toEqual([['', 'backend']]);
    expect(kinds({ 'package.json': pkg({ react: '18' }, { vite: '5', express: '4' }) })).toEqual([['', 'frontend']]);
    expect(kinds({ 'package.json': pkg({}, { fastify: '4', esbuild: '0.20' }) })).toEqual([['', 'backend']]);
    expect(kinds({ 'package.json': pkg({ '@nestjs/core': '10' }) })).toEqual([['', 'backend']]);
    expect(kinds({ 'package.json': pkg({ hono: '4' }) })).toEqual([['', 'backend']]);
  });

  it('calls a queue-only service a worker', () => {
    expect(kinds({ 'worker/requirements.txt': 'celery[redis]==5.3\nredis\n' })).toEqual([['', 'unknown'], ['worker', 'worker']]);
    expect(kinds({ 'jobs/package.json': pkg({ bullmq: '5' }) })).toEqual([['', 'unknown'], ['jobs', 'worker']]);
    expect(kinds({ 'requirements.txt': 'celery\nflask\n' })).toEqual([['', 'backend']]);
  });

  it('reads pyproject.toml: PEP 621, Poetry and dependency groups', () => {
    expect(kinds({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["Flask>=3", "gunicorn"]\n' })).toEqual([['', 'backend']]);
    expect(kinds({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\nlitestar = "^2"\n' })).toEqual([['', 'backend']]);
    expect(kinds({ 'pyproject.toml': '[dependency-groups]\nserve = ["starlette", { include-group = "x" }]\n' })).toEqual([['', 'backend']]);
    expect(kinds({ 'pyproject.toml': '[project]\nname = "fastapi-docs"\ndescription = "about fastapi"\n' })).toEqual([['', 'unknown']]);
  });

  it('does not throw on malformed manifests', () => {
    expect(kinds({ 'package.json': '{ "dependencies": { "express": ', 'api/pyproject.toml': '[project\n' })).toEqual([
      ['', 'unknown'],
      ['api', 'unknown'],
    ]);
  });

  it('takes manage.py for Django only when it names Django', () => {
    const django = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n";
    expect(kinds({ 'manage.py': django })).toEqual([['', 'backend']]);
    // Netflix/dispatch ships a database/manage.py that drives Alembic: not a Django service.
    expect(kinds({ 'manage.py': 'from alembic import command\n' })).toEqual([['', 'unknown']]);
  });

  it('matches Python package names whole, not as substrings', () => {
    expect(kinds({ 'requirements.txt': 'django-environ\nflask-cors-helper\npytest-django\n' })).toEqual([['', 'unknown']]);
    expect(kinds({ 'requirements/base.txt': 'Django>=5\n', 'manage.py': '' })).toEqual([['', 'backend']]);
    expect(kinds({ 'requirements-prod.txt': 'sanic\n', 'requirements.txt': '-r requirements-prod.txt\n' })).toEqual([['', 'backend']]);
  });
});

describe('manifest parsing', () => {
  it('reads requirements.txt names, skipping options and URLs', () => {
    const text = '# comment\n-r base.txt\n-e .\nFastAPI[all]>=0.110 ; python_version > "3.8"\nmy_pkg @ https://x/y.whl\nhttps://x/z.whl\nZope.Interface\n';
    expect([...requirementsTxtDependencies(text)]).toEqual(['fastapi', 'my-pkg', 'zope-interface']);
  });

  it('reads setup.py requirement strings but not prose', () => {
    const text = 'setup(name="demo", description="A flask app", install_requires=["aiohttp>=3", \'rq\'])';
    expect([...setupPyDependencies(text)].sort()).toEqual(['aiohttp', 'demo', 'rq']);
  });

  it('returns no names for unparsable pyproject.toml', () => {
    expect(pyprojectDependencies('[[[')).toEqual(new Set());
  });
});

describe('serviceOf', () => {
  const services = roots({
    'package.json': pkg({}),
    'apps/api/package.json': pkg({ express: '4' }),
    'apps/api-gateway/package.json': pkg({ fastify: '4' }),
  });

  it('picks the innermost root and does not confuse sibling prefixes', () => {
    expect(serviceOf('apps/api/src/index.ts', services)).toBe('apps/api');
    expect(serviceOf('apps/api-gateway/src/index.ts', services)).toBe('apps/api-gateway');
    expect(serviceOf('apps/README.md', services)).toBe('');
    expect(serviceOf('apps/api-docs/index.md', services)).toBe('');
    expect(serviceOf('apps/api/package.json', services)).toBe('apps/api');
  });
});
