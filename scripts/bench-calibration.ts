/**
 * Two fixed workloads timed next to every benchmark, so figures from different days (or a VM whose
 * host is busy) can be compared: a CPU loop that stays in registers, and an allocation loop that
 * builds and walks small objects the way an audit does. On the 2-core VM the audit's wall time moved
 * ~1.7× within an hour while the CPU loop did not; the allocation loop is the closer proxy.
 * Each runs in a fresh process, three times; the median is kept.
 */
import { spawnSync } from 'node:child_process';

const CPU_LOOP = 'let x=0;const t=Date.now();for(let i=0;i<3e8;i++){x=(x+i*7)%1000003}console.log(Date.now()-t,x)';
const ALLOC_LOOP =
  'const t=Date.now();const keep=[];for(let r=0;r<3;r++){const m=new Map();const a=[];' +
  "for(let i=0;i<1e6;i++){const o={k:'k'+(i%5000),v:i,s:{x:i&7}};a.push(o);m.set(o.k,o)}" +
  'let s=0;for(const o of a)s+=o.s.x;keep.push(s,m.size)}console.log(Date.now()-t,keep.length)';

export interface Calibration {
  cpuMs: number;
  allocMs: number;
}

function timeLoop(source: string): number {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['-e', source], { encoding: 'utf8' });
    const ms = Number.parseInt(r.stdout, 10);
    if (r.status !== 0 || !Number.isFinite(ms)) throw new Error(`calibration loop failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    samples.push(ms);
  }
  return samples.sort((a, b) => a - b)[1];
}

export function calibrate(): Calibration {
  return { cpuMs: timeLoop(CPU_LOOP), allocMs: timeLoop(ALLOC_LOOP) };
}

export function describeCalibration(before: Calibration, after: Calibration): string {
  return (
    `- Calibration (median of 3 fresh processes, before / after the runs): CPU loop ${before.cpuMs} / ${after.cpuMs} ms, ` +
    `allocation loop ${before.allocMs} / ${after.allocMs} ms (scripts/bench-calibration.ts)`
  );
}
