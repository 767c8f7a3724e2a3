/**
 * What a CI shell line does: whether it runs a test suite, and whether it swallows its own failure.
 * Plain shell text: a line is split into simple commands at `&&`, `||`, `;` and `|`, wrappers
 * (`poetry run`, `npx`, `python -m`, `docker compose run svc` …) are peeled off, and the command word
 * that remains is judged. `pip install pytest` is an install, not a test run.
 */

/** `cmd || true`, `cmd || exit 0`, `cmd; true`, `cmd || :`, `cmd || echo …`: the step cannot fail on it. */
export function isNonBlockingCommand(line: string): boolean {
  const t = line.trim().replace(/\s+#.*$/, '');
  return /\|\|\s*(true|:|exit\s+0|echo\b.*)\s*\)?\s*$/.test(t) || /;\s*(true|:|exit\s+0)\s*$/.test(t);
}

const SIMPLE_SPLIT = /\s*(?:&&|\|\||;|\|)\s*/;

/** Words of a simple command with quotes dropped (good enough for command words and script names). */
function words(cmd: string): string[] {
  return cmd
    .replace(/["']/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

const PY = /^(python|python3|python3\.\d+|py)$/;

/** Drops env assignments and wrappers until the real command word leads. */
function peel(w: string[]): string[] {
  let prev: string[] = [];
  while (w.length && w !== prev) {
    prev = w;
    while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) w = w.slice(1);
    const [a, b] = w;
    if (a === undefined) break;
    if (['sudo', 'time', 'env', 'exec', 'xvfb-run', 'npx', 'pnpx', 'bunx', 'command', 'nice'].includes(a)) w = dropFlags(w.slice(1));
    else if (a === 'timeout' && b) w = w.slice(2);
    else if (['poetry', 'pipenv', 'pdm', 'uv', 'rye', 'hatch', 'bundle', 'pnpm', 'yarn'].includes(a) && (b === 'run' || b === 'exec')) {
      // `pnpm run test` / `yarn run test` are script runs, judged below; only `exec` is a wrapper there.
      if ((a === 'pnpm' || a === 'yarn') && b === 'run') break;
      w = dropFlags(w.slice(2));
    } else if (a === 'conda' && b === 'run') w = dropFlags(w.slice(2), ['-n', '--name', '-p', '--prefix']);
    else if ((a === 'docker' && (b === 'compose' || b === 'exec' || b === 'run')) || a === 'docker-compose') {
      // docker compose run [--rm] [-T] <service> <cmd…>: the service name is not the command.
      let rest = a === 'docker' ? w.slice(b === 'compose' ? 2 : 1) : w.slice(1);
      if (rest[0] === 'run' || rest[0] === 'exec') rest = rest.slice(1);
      rest = dropFlags(rest, ['-e', '--env', '-w', '--workdir', '-u', '--user', '--entrypoint', '-f', '--file', '-p', '--project-name']);
      w = rest.slice(1);
    } else if (a === 'coverage' && b === 'run') w = w[2] === '-m' ? w.slice(3) : w.slice(2);
    else if (PY.test(a) && b === '-m') w = w.slice(2);
  }
  return w;
}

function dropFlags(w: string[], withValue: string[] = []): string[] {
  let i = 0;
  while (i < w.length && w[i].startsWith('-')) i += withValue.includes(w[i]) ? 2 : 1;
  return w.slice(i);
}

const TEST_SCRIPT = /^(test|tests|t)([:_.-].*)?$/;
const TEST_SESSION = /(^|[-_:])(test|tests|unit|integration|e2e|pytest|py\d+)([-_:]|$)|^py\d/;

const RUNNERS = new Set(['pytest', 'py.test', 'unittest', 'vitest', 'jest', 'mocha', 'ava', 'tap', 'jasmine', 'karma', 'rspec', 'phpunit', 'behave', 'ward', 'green', 'nose2', 'nosetests', 'trial']);

/**
 * What a command refers to inside the repository, so `npm run ci`, `make check` or `./scripts/ci.sh`
 * are judged on what they run rather than on their names.
 */
export interface CommandContext {
  /** Script texts named `name` in the repository's package.json files. */
  npmScripts(name: string): string[];
  /** Recipe lines of make target `name` (prerequisites as `make <dep>` lines). */
  makeRecipes(name: string): string[];
  /** Executable lines of a shell script of the repository, when it exists. */
  scriptLines(path: string): string[] | undefined;
}

const MAX_DEPTH = 4;
/** Package-manager subcommands that are not script names. */
const PM_COMMANDS = new Set(['install', 'add', 'i', 'exec', 'dlx', 'x', 'remove', 'rm', 'why', 'link', 'publish', 'pack', 'audit', 'outdated', 'upgrade', 'up', 'config', 'set', 'init', 'create', 'import', 'prune']);

function scriptRunsTests(name: string, ctx: CommandContext | undefined, depth: number): boolean {
  if (TEST_SCRIPT.test(name) && name !== 't') return true;
  return !!ctx && depth < MAX_DEPTH && ctx.npmScripts(name).some((text) => commandRunsTests(text, ctx, depth + 1));
}

/** npm / yarn / pnpm / bun: `npm test`, `npm run test:unit`, `yarn test`, `pnpm -r test`, `bun test`, `npm run ci`. */
function packageManagerTest(w: string[], ctx: CommandContext | undefined, depth: number): boolean {
  const [pm] = w;
  const rest = dropFlags(w.slice(1), ['--filter', '-F', '--prefix', '-C', '--dir', '--workspace', '-w', '--cwd']);
  const [sub] = rest;
  if (!sub) return false;
  if (pm === 'npm' && (sub === 'test' || sub === 't' || sub === 'tst' || sub === 'cit' || sub === 'install-test' || sub === 'it')) return true;
  if (sub === 'run' || sub === 'run-script') {
    const script = dropFlags(rest.slice(1), ['--filter', '-F', '--workspace', '-w'])[0];
    return !!script && scriptRunsTests(script, ctx, depth);
  }
  if (pm === 'yarn' && sub === 'workspaces') return rest.includes('test');
  // `yarn jest`, `pnpm vitest run`: the runner binary itself.
  if (pm !== 'npm' && RUNNERS.has(sub)) return true;
  if (pm === 'bun' && sub === 'test') return true;
  // yarn, pnpm and bun run scripts by name: `yarn test:e2e`, `pnpm test`, `yarn ci`.
  if (pm === 'npm' || PM_COMMANDS.has(sub)) return false;
  return scriptRunsTests(sub, ctx, depth);
}

function makeTest(targets: string[], ctx: CommandContext | undefined, depth: number): boolean {
  return targets.some((t) => (TEST_SCRIPT.test(t) && t !== 't') || (!!ctx && depth < MAX_DEPTH && ctx.makeRecipes(t).some((line) => commandRunsTests(line, ctx, depth + 1))));
}

export function commandRunsTests(cmd: string, ctx?: CommandContext, depth = 0): boolean {
  // Project task runners whose script is named for tests: `hatch run test`, `pdm run test:unit`.
  if (/^\s*(hatch|pdm|rye)\s+run\s+(\S+:)?tests?([:\s-]|$)/.test(cmd)) return true;
  return cmd.split(SIMPLE_SPLIT).some((simple) => {
    const w = peel(words(simple));
    const [a, b, c] = w;
    if (!a) return false;
    const base = a.slice(a.lastIndexOf('/') + 1);
    if (RUNNERS.has(base)) return true;
    if (base === 'tox' || base === 'nox') {
      const i = w.findIndex((x) => x === '-e' || x === '-s' || x === '--session' || x === '--sessions' || x === '--env');
      if (i < 0) return !w.some((x) => x === '-l' || x === '--list' || x === '--version');
      return (w[i + 1] ?? '').split(',').some((s) => TEST_SESSION.test(s));
    }
    if (['npm', 'yarn', 'pnpm', 'bun'].includes(base)) return packageManagerTest([base, ...w.slice(1)], ctx, depth);
    if (base === 'node' && b === '--test') return true;
    if ((base === 'playwright' && b === 'test') || (base === 'cypress' && b === 'run')) return true;
    if (['go', 'cargo', 'deno', 'mix', 'dotnet', 'swift', 'rails', 'rake', 'django-admin'].includes(base) && b === 'test') return true;
    if ((base === 'mvn' || base === 'mvnw' || base === 'gradle' || base === 'gradlew') && w.slice(1).some((x) => x === 'test' || x === 'verify' || x === 'check')) return true;
    if (PY.test(base) && /(^|\/)manage\.py$/.test(b ?? '') && c === 'test') return true;
    if (base === 'make' || base === 'gmake') return makeTest(dropFlags(w.slice(1), ['-C', '-f', '--file', '-j', '--directory']).filter((t) => !t.includes('=')), ctx, depth);
    if (['just', 'task', 'poe', 'invoke', 'inv'].includes(base)) return dropFlags(w.slice(1), ['-f', '--justfile', '-d']).some((t) => TEST_SCRIPT.test(t) && t !== 't');
    if (['turbo', 'nx', 'lerna'].includes(base)) return w.slice(1).some((t) => TEST_SCRIPT.test(t) && t !== 't');
    // A test stage of a Dockerfile or an Earthfile / Dagger target named for tests.
    if (base === 'docker' && (b === 'build' || (b === 'buildx' && c === 'build'))) {
      const i = w.indexOf('--target');
      const target = i >= 0 ? w[i + 1] : w.find((x) => x.startsWith('--target='))?.slice('--target='.length);
      return !!target && TEST_SCRIPT.test(target) && target !== 't';
    }
    if (base === 'earthly') return w.slice(1).some((t) => /^\+(test|tests)([-_].*)?$/.test(t) || /\+(test|tests)$/.test(t));
    if (base === 'dagger' && b === 'call') return TEST_SCRIPT.test(c ?? '') && c !== 't';
    // ./scripts/test.sh, bash scripts/ci.sh: read the script when it is in the repository.
    const script = ['bash', 'sh', 'zsh'].includes(base) ? (b ?? '') : a;
    if (!/\.sh$/.test(script) && !script.includes('/')) return false;
    const lines = ctx && depth < MAX_DEPTH ? ctx.scriptLines(script.replace(/^\.\//, '')) : undefined;
    if (lines) return lines.some((l) => commandRunsTests(l, ctx, depth + 1));
    return /(^|\/)(run[-_]?)?tests?([-_.][\w.-]*)?\.sh$/.test(script);
  });
}

/** Actions and reusable workflows known to run a test suite themselves. */
export function usesRunsTests(uses: string): boolean {
  const ref = uses.replace(/@.*$/, '').toLowerCase();
  if (/\.ya?ml$/.test(ref)) return /(^|[/_.-])(tests?|pytest|jest|vitest)([/_.-]|$)/.test(ref.slice(ref.lastIndexOf('/') + 1));
  return /^cypress-io\/github-action$|(^|[/-])(pytest|jest|vitest|mocha)(-[\w-]+)?-action$|(^|[/-])(run-)?tests?-action$/.test(ref);
}
