import { describe, expect, it } from 'vitest';
import { npmSpecOpen, pythonSpecOpen } from '../../src/facts/config/dep-specs.js';

describe('dependency specifiers', () => {
  it('judges PEP 508 requirement lines and pyproject strings', () => {
    expect(pythonSpecOpen('fastapi', 'fastapi')).toBe('no version');
    expect(pythonSpecOpen('fastapi>=0.100  # web', 'fastapi')).toMatch(/lower bound/);
    expect(pythonSpecOpen('fastapi>=0.100,<1', 'fastapi')).toBeNull();
    expect(pythonSpecOpen('uvicorn[standard]==0.30.1 ; python_version >= "3.9"', 'uvicorn')).toBeNull();
    expect(pythonSpecOpen('django~=5.0', 'django')).toBeNull();
    expect(pythonSpecOpen('  "httpx",', 'httpx')).toBe('no version');
    expect(pythonSpecOpen('dependencies = ["flask==3.0", "redis"]', 'redis')).toBe('no version');
    expect(pythonSpecOpen('dependencies = ["flask==3.0", "redis"]', 'flask')).toBeNull();
    expect(pythonSpecOpen('pkg @ git+https://example.com/pkg.git', 'pkg')).toBeNull();
  });
  it('judges Poetry / Pipfile constraints', () => {
    expect(pythonSpecOpen('fastapi = "^0.110"', 'fastapi')).toBeNull();
    expect(pythonSpecOpen('requests = "*"', 'requests')).toMatch(/any version/);
    expect(pythonSpecOpen('sqlalchemy = { version = ">=2.0", extras = ["asyncio"] }', 'sqlalchemy')).toMatch(/lower bound/);
    expect(pythonSpecOpen('mylib = { path = "../mylib" }', 'mylib')).toBeNull();
  });
  it('judges npm ranges', () => {
    expect(npmSpecOpen('^4.19.2')).toBeNull();
    expect(npmSpecOpen('~1.2.0')).toBeNull();
    expect(npmSpecOpen('1.x')).toBeNull();
    expect(npmSpecOpen('>=3.0.0 <4')).toBeNull();
    expect(npmSpecOpen('*')).toMatch(/any/);
    expect(npmSpecOpen('latest')).toMatch(/dist-tag/);
    expect(npmSpecOpen('>=3.0.0')).toMatch(/lower bound/);
    expect(npmSpecOpen('workspace:*')).toBeNull();
    expect(npmSpecOpen('github:user/repo')).toBeNull();
    expect(npmSpecOpen('npm:string-width@^4.2.0')).toBeNull();
  });
});
