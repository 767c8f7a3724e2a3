/**
 * Parses every code file once. Output order never depends on who parsed what.
 *
 * On three or more cores, above a few hundred files, one worker thread parses alongside the main
 * thread; below that, worker start-up (loading the modules and grammars again) costs more than it
 * saves. Not on two cores: there V8's own background threads (concurrent compilation and GC) already
 * keep the second core busy while the main thread parses. Measured on the 2-core machine, ~100k
 * lines: a cold single-threaded parse takes ~2.4 s of CPU for ~1.55 s of wall time; adding the
 * worker cost ~0.9 s more CPU (module loading, grammar compilation and JIT warm-up all happen
 * twice, plus copying the models back) and gained no wall time (medians 1.59 → 1.75 s Python,
 * 1.55 → 1.71 s TypeScript, 8 runs each). SHIPREADY_WORKERS=0 turns the worker off, =1 forces it on.
 *
 * The two threads share one queue, largest files first: a counter in a SharedArrayBuffer that each
 * thread bumps to claim the next file. A fixed split (the earlier design) lost its gain whenever the
 * worker started late or the machine was busy, leaving the main thread to wait for the worker's half;
 * with a shared queue whoever is free takes the next file, so a slow worker only parses less. The
 * worker sends its models back in batches while it works, and the main thread takes them in between
 * files, so copying them does not all land at the end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RepoFile } from '../../discover/types.js';
import type { CodeModel } from '../code/model.js';
import { parseCode } from './code.js';

export interface ParsedFile {
  path: string;
  source?: string;
  model?: CodeModel;
  error?: string;
}

/** What the worker is given: the queue (files, largest first) and the shared counter. */
export interface PoolJob {
  files: RepoFile[];
  next: SharedArrayBuffer;
}

const POOL_MIN_FILES = 250;
/** The main thread looks for worker batches every this many files. */
const YIELD_EVERY = 16;
const workerUrl = new URL('./worker.js', import.meta.url);

/** Workers run compiled JS only; from TypeScript sources (tests) everything parses in-thread. */
function workersAvailable(): boolean {
  const env = process.env.SHIPREADY_WORKERS;
  if (env === '0') return false;
  return workerUrl.protocol === 'file:' && existsSync(workerUrl) && (env === '1' || availableParallelism() > 2);
}

export async function parseOne(f: RepoFile): Promise<ParsedFile> {
  let source: string;
  try {
    source = readFileSync(f.abs, 'utf8');
  } catch (e) {
    return { path: f.path, error: `unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    return { path: f.path, source, model: await parseCode(f, source) };
  } catch (e) {
    return { path: f.path, source, error: `could not parse: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Claims queue positions until the queue is empty (both threads run this). */
export async function drain(job: PoolJob, each: (r: ParsedFile) => void | Promise<void>): Promise<void> {
  const next = new Int32Array(job.next);
  for (let i = Atomics.add(next, 0, 1); i < job.files.length; i = Atomics.add(next, 0, 1)) await each(await parseOne(job.files[i]));
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function parseAll(files: readonly RepoFile[], onProgress?: (done: number, total: number) => void): Promise<ParsedFile[]> {
  const results: ParsedFile[] = [];
  const tick = (r: ParsedFile) => {
    results.push(r);
    onProgress?.(results.length, files.length);
  };
  if (files.length < POOL_MIN_FILES || !workersAvailable()) {
    for (const f of files) tick(await parseOne(f));
  } else {
    const job: PoolJob = {
      files: [...files].sort((x, y) => y.size - x.size || (x.path < y.path ? -1 : 1)),
      next: new SharedArrayBuffer(4),
    };
    const worker = new Worker(workerUrl, { workerData: job });
    const fromWorker = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: ParsedFile[] | 'done') => {
        if (m === 'done') resolve();
        else for (const r of m) tick(r);
      });
      worker.once('error', reject);
      // After 'done' this settles nothing; before it, files the worker claimed would be missing.
      worker.once('exit', (code) => reject(new Error(`parser worker exited with code ${code} before finishing`)));
    });
    fromWorker.catch(() => undefined);
    let mine = 0;
    await drain(job, async (r) => {
      tick(r);
      if (++mine % YIELD_EVERY === 0) await yieldToEvents();
    });
    await fromWorker;
    await worker.terminate();
  }
  const order = new Map(files.map((f, i) => [f.path, i]));
  return results.sort((x, y) => (order.get(x.path) ?? 0) - (order.get(y.path) ?? 0));
}
