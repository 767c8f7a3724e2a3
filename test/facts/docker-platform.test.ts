/** Shell-word readers behind the docker-* checks and the start-command port reader of port-hardcoded. */
import { describe, expect, it } from 'vitest';
import { buildToolPackages, devDependencyInstall, installStep, removedPackages, statementsOf } from '../../src/facts/config/shell-words.js';
import { commandBinds } from '../../src/facts/deploy/listen.js';

describe('shell words', () => {
  it('splits RUN lines and drops comment lines', () => {
    expect(statementsOf('apt-get update && \\\n  # tools\n  apt-get install -y gcc')).toEqual(['apt-get update', 'apt-get install -y gcc']);
    expect(statementsOf('--mount=type=cache,target=/root/.cache pip install -r requirements.txt')).toEqual(['pip install -r requirements.txt']);
  });
  it('classifies installs', () => {
    expect(installStep('pip install --no-cache-dir -r requirements.txt')).toBe('manifest');
    expect(installStep('pip install .')).toBe('manifest');
    expect(installStep('pip install --upgrade pip setuptools')).toBeNull();
    expect(installStep('pip install gunicorn')).toBe('named');
    expect(installStep('npm ci --omit=dev')).toBe('manifest');
    expect(installStep('npm install -g pm2')).toBeNull();
    expect(installStep('yarn install --frozen-lockfile')).toBe('manifest');
    expect(installStep('yarn build')).toBeNull();
    expect(installStep('poetry install --no-dev')).toBe('manifest');
    expect(installStep('uv sync --frozen')).toBe('manifest');
  });
  it('finds devDependency installs', () => {
    expect(devDependencyInstall('npm ci')).toBe('npm ci');
    expect(devDependencyInstall('npm ci --omit=dev')).toBeNull();
    expect(devDependencyInstall('yarn install --production')).toBeNull();
    expect(devDependencyInstall('pnpm install --prod')).toBeNull();
    expect(devDependencyInstall('npm install express')).toBeNull();
  });
  it('finds build tool packages and their removal', () => {
    expect(buildToolPackages('apt-get install -y --no-install-recommends build-essential libpq-dev curl').map((p) => p.name)).toEqual(['build-essential', 'libpq-dev']);
    expect(buildToolPackages('apk add --no-cache --virtual .build-deps gcc musl-dev')).toEqual([
      { name: 'gcc', group: '.build-deps' },
      { name: 'musl-dev', group: '.build-deps' },
    ]);
    expect(buildToolPackages('apt-get install -y libpq5')).toEqual([]);
    expect(removedPackages('apk del .build-deps')).toEqual(['.build-deps']);
  });
});

describe('start command binds', () => {
  it('reads literal and configured ports', () => {
    expect(commandBinds('gunicorn -b 0.0.0.0:8000 app:app')).toEqual([{ port: 8000, expression: '0.0.0.0:8000' }]);
    expect(commandBinds('uvicorn main:app --host 0.0.0.0 --port=8080')).toEqual([{ port: 8080, expression: '8080' }]);
    expect(commandBinds('gunicorn --bind 0.0.0.0:$PORT app:app')).toEqual([{ port: null, expression: '0.0.0.0:$PORT' }]);
    expect(commandBinds('uvicorn main:app --port "${PORT:-8000}"')).toEqual([{ port: null, expression: '${PORT:-8000}' }]);
    expect(commandBinds('python manage.py runserver 0.0.0.0:8000')).toEqual([{ port: 8000, expression: '0.0.0.0:8000' }]);
    expect(commandBinds('gunicorn -p /tmp/app.pid app:app')).toEqual([]);
    expect(commandBinds('celery -A app worker --port 5555')).toEqual([]);
  });
});
