/**
 * Writes a synthetic but realistic backend repository for `npm run bench` to audit.
 *
 *   node --import tsx scripts/gen-bench-tree.ts <dir> <python|typescript> [lines] [seed]
 *
 * The tree is a pure function of (lang, targetLines, seed, GENERATOR_VERSION): benchmark numbers
 * from two commits are only comparable when they audited byte-identical input. Templates live in
 * scripts/bench-templates/ and were written for this purpose; no real project's code is copied.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countLines, deriveSeed, makeResource, Rng, type FilePlan, type LanguagePack, type Resource } from './bench-templates/common.js';
import { pythonPack } from './bench-templates/python.js';
import { typescriptPack } from './bench-templates/typescript.js';

/** Bump whenever a template changes: bench.ts regenerates cached trees whose stamp differs. */
export const GENERATOR_VERSION = 1;

export type BenchLang = 'python' | 'typescript';

export interface GenerateResult {
  files: number;
  lines: number;
}

const PACKS: Record<BenchLang, LanguagePack> = { python: pythonPack, typescript: typescriptPack };

/** Writes plans to disk, trimming the one that would overshoot the line budget. */
class TreeWriter {
  files = 0;
  lines = 0;
  private readonly madeDirs = new Set<string>();

  constructor(private readonly root: string, private readonly seed: number) {}

  render(plan: FilePlan, units: number): string {
    // A fresh stream per path keeps each file stable when another template changes size.
    return plan.render(new Rng(deriveSeed(this.seed, plan.path)), units);
  }

  /** Renders with the plan's units, or fewer when that would pass `budget` lines. */
  write(plan: FilePlan, budget = Number.POSITIVE_INFINITY): void {
    let text = this.render(plan, plan.units);
    const n = countLines(text);
    if (n > budget && plan.units > 0) {
      text = this.render(plan, Math.floor((plan.units * budget) / n));
    }
    const abs = join(this.root, plan.path);
    const dir = dirname(abs);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    writeFileSync(abs, text);
    this.files++;
    this.lines += countLines(text);
  }

  measure(plans: FilePlan[]): number {
    return plans.reduce((sum, p) => sum + countLines(this.render(p, p.units)), 0);
  }
}

function assertArgs(dir: string, lang: string, targetLines: number, seed: number): void {
  if (!(lang in PACKS)) throw new Error(`unknown language '${lang}' (expected python or typescript)`);
  if (!Number.isInteger(targetLines) || targetLines <= 0) throw new Error(`target lines must be a positive integer, got ${targetLines}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  // Leftovers from another run would make the tree depend on history, not on the seed.
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
}

/**
 * Generates a service tree of about `targetLines` lines (all files counted) into the empty or
 * missing folder `dir`. The fixed files are always written, so tiny targets overshoot.
 */
export function generateTree(dir: string, lang: BenchLang, targetLines: number, seed: number): GenerateResult {
  assertArgs(dir, lang, targetLines, seed);
  mkdirSync(dir, { recursive: true });
  const pack = PACKS[lang];
  const rng = new Rng(seed);
  const writer = new TreeWriter(dir, seed);
  for (const plan of pack.fixed(rng)) writer.write(plan);

  // Only resources whose files were all written are listed by the final files (router, tasks).
  const complete: Resource[] = [];
  const all: Resource[] = [];
  const used = new Set<string>();
  const finalLines = (): number => writer.measure(pack.final(complete));
  let reserve = finalLines();
  while (writer.lines + reserve < targetLines) {
    const res = makeResource(rng, used, all);
    all.push(res);
    let finished = true;
    for (const plan of pack.perResource(rng, res, all)) {
      const budget = targetLines - writer.lines - reserve;
      if (budget <= 0) {
        finished = false;
        break;
      }
      writer.write(plan, budget);
    }
    if (finished) complete.push(res);
    reserve = finalLines();
  }
  for (const plan of pack.final(complete)) writer.write(plan);
  return { files: writer.files, lines: writer.lines };
}

function main(argv: string[]): number {
  const [dir, lang, linesArg, seedArg] = argv;
  if (!dir || !lang) {
    process.stderr.write('usage: gen-bench-tree <dir> <python|typescript> [lines=100000] [seed=42]\n');
    return 2;
  }
  try {
    const target = linesArg === undefined ? 100_000 : Number(linesArg);
    const seed = seedArg === undefined ? 42 : Number(seedArg);
    const out = generateTree(resolve(dir), lang as BenchLang, target, seed);
    process.stdout.write(`${dir}: ${out.files} files, ${out.lines} lines\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`gen-bench-tree: ${(err as Error).message}\n`);
    return 2;
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = main(process.argv.slice(2));
}
