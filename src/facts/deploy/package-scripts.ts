/** package.json `scripts`, with the line each script is declared on. */
import type { RepoContext } from '../repo.js';
import { loadJson } from './positions.js';

export interface PackageScripts {
  file: string;
  dir: string;
  scripts: Map<string, { command: string; line: number }>;
}

export function packageScripts(repo: RepoContext): Map<string, PackageScripts> {
  const out = new Map<string, PackageScripts>();
  for (const f of repo.discovery.files) {
    if (!/(^|\/)package\.json$/.test(f.path) || f.role === 'test' || f.role === 'fixture') continue;
    const json = loadJson(repo, f.path);
    const node = json?.at(['scripts']);
    const scripts = new Map<string, { command: string; line: number }>();
    if (json && node?.node.type === 'object') {
      for (const prop of node.node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k?.type === 'string' && v?.type === 'string') scripts.set(String(k.value), { command: String(v.value), line: json.at(['scripts', String(k.value)])?.line ?? node.line });
      }
    }
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    out.set(dir, { file: f.path, dir, scripts });
  }
  return out;
}
