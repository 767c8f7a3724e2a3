/** Worker thread: parses the files it is sent and posts back their code models (plain data). */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { RepoFile } from '../../discover/types.js';
import { parseCode } from './code.js';
import type { ParsedFile } from './pool.js';

const files = (workerData as { files: RepoFile[] }).files;
const out: ParsedFile[] = [];
for (const f of files) out.push(await parseOne(f));
parentPort?.postMessage(out);

async function parseOne(f: RepoFile): Promise<ParsedFile> {
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
