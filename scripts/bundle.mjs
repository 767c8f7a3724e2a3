/**
 * Bundles the compiled CLI (dist/cli/main.js) and the parser worker into dist/bundle/, one file each,
 * run by bin/shipready.js. Loading ~250 separate ES modules took ~235 ms of every run on the 2-core
 * machine; the bundle loads in ~110 ms. Runs after `tsc` in `npm run build` (and so on `npm ci`).
 *
 * web-tree-sitter stays external: it finds its .wasm next to its own module. Everything else,
 * dependencies included, is inlined; `require` is provided for the CommonJS ones.
 * Without esbuild (it comes with the dev dependencies), nothing is bundled and bin/ runs dist/
 * as compiled. bin/ also ignores a bundle older than dist/cli/main.js, so a later plain `tsc` run
 * is never shadowed by a stale bundle.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  process.stderr.write('bundle: esbuild not installed; bin/shipready.js will run dist/ unbundled\n');
  process.exit(0);
}

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: { shipready: `${root}dist/cli/main.js`, worker: `${root}dist/facts/parse/worker.js` },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  external: ['web-tree-sitter'],
  banner: { js: "import { createRequire as __shipreadyRequire } from 'node:module'; const require = __shipreadyRequire(import.meta.url);" },
  logLevel: 'warning',
});
