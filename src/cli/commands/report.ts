/** `shipready report <run.json>`: re-render a saved JSON run in any format, without re-auditing. */
import { readFileSync, statSync } from 'node:fs';
import { SCHEMA_VERSION, runSchema, type Run } from '../../report/schema.js';
import { parseFormats, writeReports, type OutputOptions } from '../output.js';
import { UserError } from '../user-error.js';

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? oneLine((e as Error).message);
}

/** Reads and validates a saved run; every way it can be wrong is a one-line UserError. */
export function loadRun(file: string): Run {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${file} is a folder; expected a JSON run (shipready audit --format json --output run.json)`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`run file not found: ${file}`);
    throw new UserError(`cannot read ${file}: ${reason(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file} is not JSON: ${oneLine((e as Error).message)}`);
  }
  const version = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>).schemaVersion : undefined;
  if (version === undefined) throw new UserError(`${file} is not a shipready run: it has no schemaVersion`);
  if (version !== SCHEMA_VERSION) {
    throw new UserError(`${file} has schemaVersion ${JSON.stringify(version)}; this shipready reads schemaVersion ${SCHEMA_VERSION}`);
  }
  const parsed = runSchema.safeParse(data);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const at = first.path.length ? first.path.join('.') : '(root)';
    throw new UserError(`${file} does not match the run schema: ${at}: ${oneLine(first.message)}${rest.length ? ` (and ${rest.length} more)` : ''}`);
  }
  return parsed.data;
}

export function reportCommand(file: string, opts: OutputOptions): number {
  // Flags first: a bad --format fails before the file is read.
  const formats = parseFormats(opts, 'terminal');
  writeReports(loadRun(file), formats, opts);
  return 0;
}
