/**
 * The `--format`, `--output` and `--out-dir` flags, shared by `audit` and `report` so both parse
 * them, and write the files, the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../report/schema.js';
import { FORMATS, extensionFor, renderAs, type Format } from './formats.js';
import { UserError } from './user-error.js';

export interface OutputOptions {
  format: string[];
  output?: string;
  outDir?: string;
  color: boolean;
}

/** Repeatable, comma-separated flag values: `-f md -f json,sarif` → md, json, sarif. */
export function splitList(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** Validates the format flags before any work is done, so bad input fails fast with exit 2. */
export function parseFormats(opts: OutputOptions, fallback: Format): Format[] {
  const formats = splitList(opts.format.length ? opts.format : [fallback]);
  for (const f of formats) if (!FORMATS.includes(f as Format)) throw new UserError(`--format: unknown format '${f}' (one of ${FORMATS.join(', ')})`);
  if (opts.output && formats.length > 1) throw new UserError('--output takes one format; use --out-dir for several');
  return formats as Format[];
}

function write(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes one file per format into `--out-dir`, the single format to `--output`, or all to stdout. */
export function writeReports(run: Run, formats: Format[], opts: OutputOptions): void {
  if (opts.outDir) {
    try {
      mkdirSync(opts.outDir, { recursive: true });
    } catch (e) {
      throw new UserError(`cannot create ${opts.outDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    for (const f of formats) write(join(opts.outDir, `shipready-report.${extensionFor(f)}`), renderAs(f, run, { color: false }));
  } else if (opts.output && opts.output !== '-') {
    write(opts.output, renderAs(formats[0], run, { color: false }));
  } else {
    for (const f of formats) process.stdout.write(renderAs(f, run, { color: opts.color && f === 'terminal' }));
  }
}
