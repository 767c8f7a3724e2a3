/**
 * Audit-speed benchmark.
 *
 *   npm run bench                          generated .bench/python-100k and .bench/typescript-100k
 *   npm run bench -- <path> [<path>…]      repositories on disk instead
 *   npm run bench -- --runs 10 …           timed runs per tree (default 5, after 1 warm-up)
 *   npm run bench -- --no-build …          skip compiling src/ to dist/ first
 *
 * Each run spawns `node bin/shipready.js audit <tree> --format json --output <tmp>` as a separate
 * process, so wall time includes start-up and grammar loading, as a user sees it. bin/ runs the
 * compiled dist/, so the script first builds it (tsc, then scripts/bundle.mjs): a stale dist/ would
 * silently time old code.
 *
 * SHIPREADY_BENCH_CMD replaces that command with a shell command (run by /bin/sh) in which
 * `{tree}` and `{output}` are replaced by the quoted tree path and output file, e.g.
 *   SHIPREADY_BENCH_CMD='find {tree} -name "*.py" | xargs cat > {output}' npm run bench
 * Useful to test this script, or to compare against another tool, without the CLI.
 *
 * Peak RSS: Node cannot read a child's rusage, so each run goes through GNU time
 * (`/usr/bin/time -f %M -o <file>`, Debian package `time`), which reports the child's maximum
 * resident set in KiB via wait4(). Without it RSS is reported as n/a. (A preload that writes
 * process.resourceUsage().maxRSS on exit would only work for node commands and would perturb the
 * process it measures, so it is not used.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calibrate, describeCalibration, type Calibration } from './bench-calibration.js';
import { countLines } from './bench-templates/common.js';
import { GENERATOR_VERSION, generateTree, type BenchLang } from './gen-bench-tree.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CODE_EXT = /\.(py|ts|tsx|js|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'venv', '.venv']);
const GENERATED: ReadonlyArray<{ name: string; lang: BenchLang }> = [
  { name: 'python-100k', lang: 'python' },
  { name: 'typescript-100k', lang: 'typescript' },
];
const TARGET_LINES = 100_000;
const SEED = 42;
/** A single audit taking longer than this is a hang, not a data point. */
const RUN_TIMEOUT_MS = 15 * 60_000;

class UsageError extends Error {}

interface Target {
  name: string;
  dir: string;
  files: number;
  lines: number;
  hasPython: boolean;
}

interface Sample {
  wallMs: number;
  rssKb?: number;
}

interface TreeResult {
  target: Target;
  runs: Sample[];
  bandit?: Sample[];
}

interface Options {
  runs: number;
  paths: string[];
  build: boolean;
}

function parseCli(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { runs: { type: 'string' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function parseOptions(argv: string[]): Options {
  const parsed = parseCli(argv);
  if (parsed.values.help) {
    process.stdout.write('usage: npm run bench -- [--runs N] [--no-build] [<repo path> …]\n');
    process.exit(0);
  }
  const runs = parsed.values.runs === undefined ? 5 : Number(parsed.values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a positive integer, got '${parsed.values.runs}'`);
  return { runs, paths: parsed.positionals, build: !parsed.values['no-build'] };
}

/** Code files and lines as the report counts them; generated and real trees are counted alike. */
function countCode(dir: string): { files: number; lines: number; hasPython: boolean } {
  let files = 0;
  let lines = 0;
  let hasPython = false;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join(d, e.name));
      } else if (e.isFile() && CODE_EXT.test(e.name)) {
        files++;
        lines += countLines(readFileSync(join(d, e.name), 'utf8'));
        if (e.name.endsWith('.py')) hasPython = true;
      }
    }
  };
  walk(dir);
  return { files, lines, hasPython };
}

function toTarget(name: string, dir: string): Target {
  return { name, dir, ...countCode(dir) };
}

/**
 * Makes the generated tree a one-commit git repository: audits of real repositories take the
 * `git ls-files` path, and inside this checkout `.bench/` is ignored, which would otherwise send
 * discovery down the plain-walk fallback instead.
 */
function gitCommitTree(dir: string): void {
  // Fixed identity and dates: the commit hash, which the report records, is then stable too.
  const who = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
  const when = { GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };
  const env = { ...process.env, ...who, ...when };
  try {
    execFileSync('git', ['init', '-q'], { cwd: dir, env, stdio: 'ignore' });
    execFileSync('git', ['add', '-A'], { cwd: dir, env, stdio: 'ignore' });
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', 'generated benchmark tree'], { cwd: dir, env, stdio: 'ignore' });
  } catch {
    process.stdout.write('  note: git init failed; the tree is audited as a plain folder\n');
  }
}

/** Reuses .bench/<name> when its stamp matches the generator version, target and seed. */
function ensureGenerated(name: string, lang: BenchLang): Target {
  const base = join(ROOT, '.bench');
  const dir = join(base, name);
  const stampPath = join(base, `${name}.stamp.json`);
  const stamp = JSON.stringify({ version: GENERATOR_VERSION, lang, lines: TARGET_LINES, seed: SEED });
  const current = existsSync(stampPath) ? readFileSync(stampPath, 'utf8') : '';
  if (current !== stamp || !existsSync(dir)) {
    mkdirSync(base, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    rmSync(stampPath, { force: true });
    const started = process.hrtime.bigint();
    const out = generateTree(dir, lang, TARGET_LINES, SEED);
    gitCommitTree(dir);
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`generated .bench/${name}: ${out.files} files, ${out.lines} lines (${secs.toFixed(1)} s)\n`);
    // Written last, so an interrupted generation is redone next time.
    writeFileSync(stampPath, stamp);
  }
  return toTarget(name, dir);
}

/** Fails on the first missing path before anything slow (generation, audits) has started. */
function checkPaths(paths: string[]): void {
  for (const p of paths) {
    const d = resolve(p);
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new UsageError(`no such directory: ${p}`);
  }
}

function resolveTargets(paths: string[]): Target[] {
  if (paths.length === 0) return GENERATED.map((g) => ensureGenerated(g.name, g.lang));
  return paths.map((p) => toTarget(p, resolve(p)));
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function auditCommand(tree: string, output: string): string[] {
  const custom = process.env.SHIPREADY_BENCH_CMD;
  if (custom) {
    return ['/bin/sh', '-c', custom.replaceAll('{tree}', shellQuote(tree)).replaceAll('{output}', shellQuote(output))];
  }
  return [process.execPath, join(ROOT, 'bin', 'shipready.js'), 'audit', tree, '--format', 'json', '--output', output];
}

/** GNU time with -f/-o, checked by running it once: BSD and busybox `time` take other flags. */
function probeGnuTime(scratch: string): boolean {
  if (!existsSync('/usr/bin/time')) return false;
  const file = join(scratch, 'probe.rss');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', file, process.execPath, '-e', '0'], { stdio: 'ignore' });
  return r.status === 0 && existsSync(file) && readRss(file) !== undefined;
}

/** GNU time may write "Command exited with non-zero status 1" first; the figure is the last line. */
function readRss(file: string): number | undefined {
  const last = readFileSync(file, 'utf8').trim().split('\n').pop() ?? '';
  const kb = Number(last);
  return last !== '' && Number.isFinite(kb) ? kb : undefined;
}

interface Runner {
  scratch: string;
  gnuTime: boolean;
}

/** One timed run; exit codes outside `ok` abort the benchmark with the child's stderr. */
function timeRun(runner: Runner, cmd: string[], ok: number[], label: string): Sample {
  const rssFile = join(runner.scratch, 'run.rss');
  rmSync(rssFile, { force: true });
  const argv = runner.gnuTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...cmd] : cmd;
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, timeout: RUN_TIMEOUT_MS });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error || r.status === null || !ok.includes(r.status)) {
    const why = r.error ? r.error.message : r.status === null ? `killed by ${r.signal}` : `exit ${r.status}`;
    const tail = (r.stderr?.toString() ?? '').trim().split('\n').slice(-15).join('\n');
    throw new Error(`${label} failed (${why}): ${cmd.join(' ')}\n${tail}`);
  }
  return { wallMs, rssKb: runner.gnuTime && existsSync(rssFile) ? readRss(rssFile) : undefined };
}

/** One warm-up (file cache, V8 code cache) then `runs` timed samples. */
function measure(runner: Runner, cmd: string[], ok: number[], label: string, runs: number): Sample[] {
  timeRun(runner, cmd, ok, label);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(timeRun(runner, cmd, ok, label));
  return samples;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d !== '' && existsSync(join(d, cmd)));
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

interface Summary {
  medianMs: number;
  minMs: number;
  maxMs: number;
  filesPerSec: number;
  linesPerSec: number;
  rssMb?: number;
  banditMs?: number;
}

function summarize(r: TreeResult): Summary {
  const walls = r.runs.map((s) => s.wallMs);
  const medianMs = median(walls);
  const rss = r.runs.map((s) => s.rssKb).filter((v): v is number => v !== undefined);
  return {
    medianMs,
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    filesPerSec: r.target.files / (medianMs / 1000),
    linesPerSec: r.target.lines / (medianMs / 1000),
    rssMb: rss.length === r.runs.length ? median(rss) / 1024 : undefined,
    banditMs: r.bandit ? median(r.bandit.map((s) => s.wallMs)) : undefined,
  };
}

function printTree(r: TreeResult): void {
  const s = summarize(r);
  const rss = s.rssMb === undefined ? 'n/a' : `${fmt(s.rssMb)} MB`;
  const out = [
    `${r.target.name}  (${r.target.dir})`,
    `  files ${fmt(r.target.files)}  lines ${fmt(r.target.lines)}`,
    `  shipready  median ${fmt(s.medianMs)} ms (${fmt(s.minMs)}–${fmt(s.maxMs)})  ${fmt(s.filesPerSec, 1)} files/s  ${fmt(s.linesPerSec)} lines/s  peak RSS ${rss}`,
  ];
  if (s.banditMs !== undefined) out.push(`  bandit     median ${fmt(s.banditMs)} ms  bandit/shipready ${(s.banditMs / s.medianMs).toFixed(2)}×`);
  process.stdout.write(`${out.join('\n')}\n\n`);
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    // Numbers from a modified work tree can't be reproduced from the hash alone.
    return dirty ? `${sha} (modified)` : sha;
  } catch {
    return 'uncommitted';
  }
}

function toolVersion(cmd: string): string {
  try {
    return execFileSync(cmd, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return cmd;
  }
}

function commandLabel(): string {
  const custom = process.env.SHIPREADY_BENCH_CMD;
  return custom ? `SHIPREADY_BENCH_CMD (\`${custom}\`)` : '`shipready audit --format json`';
}

function markdown(results: TreeResult[], runs: number, gnuTime: boolean, bandit: string | undefined, calibration: [Calibration, Calibration]): string {
  const withBandit = results.some((r) => r.bandit);
  const head = ['Tree', 'Files', 'Lines', 'Median wall (ms)', 'Min–max (ms)', 'Files/s', 'Lines/s', 'Peak RSS (MB)'];
  if (withBandit) head.push('bandit median (ms)', 'bandit / shipready');
  const rows = results.map((r) => {
    const s = summarize(r);
    const cells = [r.target.name, fmt(r.target.files), fmt(r.target.lines), fmt(s.medianMs), `${fmt(s.minMs)}–${fmt(s.maxMs)}`,
      fmt(s.filesPerSec, 1), fmt(s.linesPerSec), s.rssMb === undefined ? 'n/a' : fmt(s.rssMb)];
    if (withBandit) cells.push(s.banditMs === undefined ? '—' : fmt(s.banditMs), s.banditMs === undefined ? '—' : `${(s.banditMs / s.medianMs).toFixed(2)}×`);
    return `| ${cells.join(' | ')} |`;
  });
  const cpus = os.cpus();
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return [
    `- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; shipready ${version} at ${gitCommit()}`,
    `- ${runs} timed runs per tree after 1 warm-up; wall is the median of a fresh ${commandLabel()} process each run` +
      (gnuTime ? '; peak RSS by GNU time (%M)' : '; peak RSS not measured (no GNU time)'),
    ...(bandit && withBandit ? [`- Baseline: ${bandit}, \`bandit -r <tree> -f json -o /dev/null -q\`, same runs`] : []),
    describeCalibration(...calibration),
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows,
  ].join('\n');
}

/**
 * Compiles src/ to dist/ and bundles it (scripts/bundle.mjs), as `npm run build` does, so the run
 * times what users run. Type errors elsewhere in a shared tree should not block a benchmark, so a
 * failed check only warns as long as tsc still emitted the entry point.
 */
function build(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
      throw new Error(`build failed:\n${(r.stdout + r.stderr).trim().split('\n').slice(0, 15).join('\n')}`);
    }
    process.stdout.write('note: tsc reported errors; timing the dist/ it emitted anyway\n');
  }
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`bundling failed:\n${(b.stdout + b.stderr).trim().split('\n').slice(0, 15).join('\n')}`);
}

function run(opts: Options): void {
  checkPaths(opts.paths);
  if (!process.env.SHIPREADY_BENCH_CMD) {
    if (!existsSync(join(ROOT, 'bin', 'shipready.js'))) throw new UsageError('bin/shipready.js not found (or set SHIPREADY_BENCH_CMD)');
    if (opts.build) build();
  }
  const targets = resolveTargets(opts.paths);
  const scratch = mkdtempSync(join(os.tmpdir(), 'shipready-bench-'));
  try {
    const runner: Runner = { scratch, gnuTime: probeGnuTime(scratch) };
    if (!runner.gnuTime) process.stdout.write('note: GNU time (/usr/bin/time, Debian package `time`) not found; peak RSS reported as n/a\n');
    const hasBandit = onPath('bandit');
    const banditVersion = hasBandit ? toolVersion('bandit') : undefined;
    if (process.env.SHIPREADY_BENCH_CMD) process.stdout.write(`note: timing SHIPREADY_BENCH_CMD instead of bin/shipready.js\n`);
    process.stdout.write(`${opts.runs} timed run${opts.runs === 1 ? '' : 's'} per tree after 1 warm-up\n\n`);
    const before = calibrate();
    const results: TreeResult[] = [];
    for (const target of targets) {
      const output = join(scratch, 'report.json');
      const runs = measure(runner, auditCommand(target.dir, output), [0, 1], `audit of ${target.name}`, opts.runs);
      // bandit exits 1 when it finds issues, which on a service tree it always does.
      const bandit = hasBandit && target.hasPython
        ? measure({ ...runner, gnuTime: false }, ['bandit', '-r', target.dir, '-f', 'json', '-o', '/dev/null', '-q'], [0, 1], `bandit on ${target.name}`, opts.runs)
        : undefined;
      const result: TreeResult = { target, runs, bandit };
      results.push(result);
      printTree(result);
    }
    const after = calibrate();
    process.stdout.write('---- Markdown for docs/benchmarks.md ----\n\n');
    process.stdout.write(`${markdown(results, opts.runs, runner.gnuTime, banditVersion, [before, after])}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  run(parseOptions(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`shipready bench: ${(err as Error).message}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
