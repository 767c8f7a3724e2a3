/**
 * Worker thread: takes files from the shared queue (pool.ts) until it is empty and posts their code
 * models back (plain data) in batches, then 'done'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { drain, type ParsedFile, type PoolJob } from './pool.js';

const BATCH = 24;
let batch: ParsedFile[] = [];
await drain(workerData as PoolJob, (r) => {
  batch.push(r);
  if (batch.length >= BATCH) {
    parentPort?.postMessage(batch);
    batch = [];
  }
});
if (batch.length) parentPort?.postMessage(batch);
parentPort?.postMessage('done');
