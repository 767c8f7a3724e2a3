import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/walk.js';
import type { Discovery } from '../../src/discover/types.js';

const made: string[] = [];

function tempRepo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipready-discover-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) write(root, path, content);
  return root;
}

function write(root: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd: root, stdio: 'ignore' });
}

const paths = (d: Discovery): string[] => d.files.map((f) => f.path);
const file = (d: Discovery, path: string) => d.files.find((f) => f.path === path);

afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Folders that must never be listed, committed or not. */
const ALWAYS_SKIPPED = {
  'node_modules/left-pad/index.js': 'module.exports = 1;\n',
  'dist/bundle.js': 'x();\n',
  'build/lib/app.py': 'x = 1\n',
  '.venv/lib/python3.12/site-packages/x.py': 'x = 1\n',
  'env/pyvenv.cfg': 'home = /usr/bin\n',
  'env/lib/python3.12/site-packages/requests/api.py': 'x = 1\n',
  'pyenv311/pyvenv.cfg': 'home = /usr/bin\n',
  'pyenv311/bin/activate_this.py': 'x = 1\n',
  'app/__pycache__/main.cpython-312.py': 'x = 1\n',
  '.next/server/page.js': 'x();\n',
  'coverage/lcov-report/index.js': 'x();\n',
  '.pytest_cache/v/cache/lastfailed.json': '{}\n',
  'vendor/lib/x.js': 'x();\n',
  '.idea/workspace.xml': '<x/>\n',
  '.vscode/settings.json': '{}\n',
  '.terraform/modules/x.tf': 'x\n',
};

describe('discover outside git', () => {
  it('skips dependency, build, cache and virtualenv folders but keeps an `env` folder that is not a virtualenv', async () => {
    const root = tempRepo({ ...ALWAYS_SKIPPED, 'app/main.py': 'print(1)\n', 'src/env/index.ts': 'export {};\n' });
    const d = await discover(root);
    expect(paths(d)).toEqual(['app/main.py', 'src/env/index.ts']);
    expect(d.isGitRepo).toBe(false);
    expect(d.skipped).toEqual([]);
  });

  it('honours nested .gitignore files only within their own subtree, with negation', async () => {
    const root = tempRepo({
      '.gitignore': '# secrets\n*.log\n\n/local/\n',
      'app/.gitignore': 'local_*.py\n!keep.log\n',
      'app/main.py': 'x = 1\n',
      'app/local_settings.py': 'DEBUG = True\n',
      'app/keep.log': 'kept on purpose\n',
      'app/debug.log': 'noise\n',
      'local_tool.py': 'x = 1\n',
      'debug.log': 'noise\n',
      'local/notes.py': 'x = 1\n',
      'lib/local/kept.py': 'x = 1\n',
    });
    const d = await discover(root);
    expect(paths(d)).toEqual(['.gitignore', 'app/.gitignore', 'app/keep.log', 'app/main.py', 'lib/local/kept.py', 'local_tool.py']);
    expect(d.gitignorePatterns).toEqual(['*.log', '/local/']);
  });

  it('leaves tracked undefined and fills language, role, service, size and abs', async () => {
    const root = tempRepo({ 'app/main.py': 'print(1)\n', 'tests/test_main.py': 'def test(): pass\n' });
    const d = await discover(root);
    expect(file(d, 'app/main.py')).toEqual({
      path: 'app/main.py',
      abs: join(root, 'app/main.py'),
      language: 'python',
      role: 'app',
      size: 9,
      service: '',
    });
    expect(file(d, 'tests/test_main.py')?.role).toBe('test');
    expect(d.gitignorePatterns).toEqual([]);
  });

  it('reports binary and too-large files, and drops media silently', async () => {
    const root = tempRepo({
      'data/app.sqlite': Buffer.from([0x53, 0x51, 0x00, 0x4c, 0x69]),
      'static/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
      'static/font.woff2': Buffer.from([0x77, 0x00]),
      'notes.weird': 'plain text with an unknown extension\n',
      'app/big.py': `x = "${'a'.repeat(300)}"\n`,
      'app/small.py': 'x = 1\n',
      'package-lock.json': `{"lockfileVersion": 3, "pad": "${'b'.repeat(300)}"}\n`,
    });
    const d = await discover(root, { maxFileBytes: 200 });
    expect(paths(d)).toEqual(['app/small.py', 'notes.weird', 'package-lock.json']);
    expect(file(d, 'notes.weird')?.language).toBe('other');
    expect(d.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['app/big.py', 'too-large'],
      ['data/app.sqlite', 'binary'],
    ]);
    for (const s of d.skipped) expect(s.message).toMatch(/^[^\n]+$/);
    expect(d.skipped[0]?.message).toContain('200 B');
  });

  it('rejects a root that is not a directory', async () => {
    const root = tempRepo({ 'a.py': 'x = 1\n' });
    await expect(discover(join(root, 'missing'))).rejects.toThrow(/is not a directory/);
    await expect(discover(join(root, 'a.py'))).rejects.toThrow(/is not a directory/);
  });

  it('does not sniff files of a known text language, so a NUL in a .py file keeps it', async () => {
    const root = tempRepo({ 'app/odd.py': Buffer.from('x = "\u0000"\n', 'utf8') });
    const d = await discover(root);
    expect(paths(d)).toEqual(['app/odd.py']);
  });

  it('drops dangling symlinks and symlinked folders without throwing', async () => {
    const root = tempRepo({ 'app/main.py': 'x = 1\n' });
    symlinkSync(join(root, 'missing.py'), join(root, 'app/dangling.py'));
    symlinkSync(join(root, 'app'), join(root, 'app-link'));
    const d = await discover(root);
    expect(paths(d)).toEqual(['app/main.py']);
    expect(d.skipped).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('reports files it may not read as unreadable', async () => {
    const root = tempRepo({ 'app/main.py': 'x = 1\n', 'app/secret.py': 'x = 2\n' });
    chmodSync(join(root, 'app/secret.py'), 0o000);
    const d = await discover(root);
    expect(paths(d)).toEqual(['app/main.py']);
    expect(d.skipped.map((s) => [s.path, s.reason])).toEqual([['app/secret.py', 'unreadable']]);
  });
});

describe('discover in a git work tree', () => {
  it('lists tracked and untracked-unignored files, with the tracked flag, and still skips node_modules', async () => {
    const root = tempRepo({
      ...ALWAYS_SKIPPED,
      '.gitignore': '.env\nignored.txt\n',
      'app/main.py': 'x = 1\n',
      'app/new.py': 'x = 2\n',
      'ignored.txt': 'nope\n',
      '.env': 'SECRET=1\n',
      'gone.py': 'x = 3\n',
    });
    git(root, 'init', '-q');
    git(root, 'add', '.gitignore', 'app/main.py', 'gone.py');
    git(root, 'add', '-f', 'node_modules/left-pad/index.js');
    rmSync(join(root, 'gone.py'));

    const d = await discover(root);
    expect(d.isGitRepo).toBe(true);
    expect(paths(d)).toEqual(['.gitignore', 'app/main.py', 'app/new.py']);
    expect(file(d, 'app/main.py')?.tracked).toBe(true);
    expect(file(d, 'app/new.py')?.tracked).toBe(false);
    expect(d.gitignorePatterns).toEqual(['.env', 'ignored.txt']);
    expect(d.skipped).toEqual([]);
  });

  it('lists paths relative to a sub-folder root of a larger work tree', async () => {
    const root = tempRepo({ 'services/api/main.py': 'x = 1\n', 'services/api/requirements.txt': 'flask\n', 'other.py': 'x\n' });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    const d = await discover(join(root, 'services/api'));
    expect(d.isGitRepo).toBe(true);
    expect(paths(d)).toEqual(['main.py', 'requirements.txt']);
    expect(d.services).toEqual([{ dir: '', kind: 'backend', manifests: ['requirements.txt'] }]);
  });

  it('keeps an app module named setup.py as application code, and a setuptools script as a script', async () => {
    const d = await discover(
      tempRepo({
        'pyproject.toml': '[project]\nname = "app"\ndependencies = ["flask"]\n',
        'app/handlers/setup.py': 'from flask import render_template\n\ndef setup():\n    return render_template("setup.html")\n',
        'libs/client/setup.py': 'from setuptools import setup\n\nsetup(name="client")\n',
      }),
      { useGit: false },
    );
    expect(file(d, 'app/handlers/setup.py')?.role).toBe('app');
    expect(file(d, 'libs/client/setup.py')?.role).toBe('script');
    expect(d.services.map((s) => s.dir)).toEqual(['', 'libs/client']);
  });

  it('walks the folder itself when the enclosing repository ignores it (scratch trees)', async () => {
    const root = tempRepo({ '.gitignore': '.bench/\n', '.bench/repo/app/main.py': 'x = 1\n', '.bench/repo/.gitignore': '*.tmp\n', '.bench/repo/a.tmp': 'x\n' });
    git(root, 'init', '-q');
    const d = await discover(join(root, '.bench/repo'));
    expect(d.isGitRepo).toBe(false);
    expect(paths(d)).toEqual(['.gitignore', 'app/main.py']);
    expect(file(d, 'app/main.py')?.tracked).toBeUndefined();
  });

  it('reports binary and too-large files in git mode too', async () => {
    const root = tempRepo({ 'blob.bin': Buffer.from([1, 0, 2]), 'app/big.py': 'x'.repeat(64), 'app/ok.py': 'x = 1\n' });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    const d = await discover(root, { maxFileBytes: 32 });
    expect(paths(d)).toEqual(['app/ok.py']);
    expect(d.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['app/big.py', 'too-large'],
      ['blob.bin', 'binary'],
    ]);
  });
});

describe('discover on a monorepo', () => {
  it('assigns each file to the innermost service root', async () => {
    const root = tempRepo({
      'README.md': '# demo\n',
      'docker-compose.yml': 'services: {}\n',
      'backend/requirements.txt': 'fastapi==0.110\nuvicorn[standard]\n',
      'backend/app/main.py': 'from fastapi import FastAPI\n',
      'frontend/package.json': JSON.stringify({ dependencies: { react: '^18' }, devDependencies: { vite: '^5' } }),
      'frontend/src/App.tsx': 'export const App = () => null;\n',
      'frontend/src/App.test.tsx': 'test("x", () => {});\n',
    });
    const d = await discover(root);
    expect(d.services.map((s) => [s.dir, s.kind])).toEqual([
      ['', 'unknown'],
      ['backend', 'backend'],
      ['frontend', 'frontend'],
    ]);
    expect(Object.fromEntries(d.files.map((f) => [f.path, f.service]))).toEqual({
      'README.md': '',
      'backend/app/main.py': 'backend',
      'backend/requirements.txt': 'backend',
      'docker-compose.yml': '',
      'frontend/package.json': 'frontend',
      'frontend/src/App.test.tsx': 'frontend',
      'frontend/src/App.tsx': 'frontend',
    });
    expect(file(d, 'frontend/src/App.test.tsx')?.role).toBe('test');
  });
});
