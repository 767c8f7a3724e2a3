import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/**
 * Production start scripts (shell scripts run by a Dockerfile CMD, Procfile, platform config, compose
 * command or package.json script) without `set -e` / `set -o errexit` (a `#!/bin/sh -e` shebang counts).
 * A script with a single command has nothing to stop after a failure, so it is not flagged, nor is a
 * helper that a `set -e` script runs before its last line (its exit status stops the caller).
 */
export default defineRule({
  meta: {
    id: 'start-script-unsafe',
    area: 'reliability',
    severity: 'low',
    title: 'Start scripts stop at the first failing command',
    failureTitle: 'Start script keeps going after a failed command',
    why:
      'Without `set -e`, a shell script runs the next line even when the previous one failed: a migration that errors out is followed by the server starting against an outdated schema, and the deploy is reported healthy. ' +
      'The failure shows up later as confusing runtime errors instead of a failed release that the platform would have rolled back.',
    fix: {
      default: 'Start the script with `set -euo pipefail` (bash) or `set -eu` (sh), and `exec` the server on the last line so it receives signals:\n\n```sh\n#!/usr/bin/env bash\nset -euo pipefail\nalembic upgrade head\nexec uvicorn app.main:app --host 0.0.0.0 --port "${PORT:-8000}"\n```',
      docker: 'Add `set -euo pipefail` at the top of the entrypoint script the Dockerfile runs.',
    },
    examples: { bad: '#!/bin/bash\nalembic upgrade head\nuvicorn app.main:app', good: '#!/bin/bash\nset -euo pipefail\nalembic upgrade head\nexec uvicorn app.main:app', lang: 'bash' },
    effort: 'minutes',
    appliesTo: ['platform', 'docker'],
    needs: ['startScripts'],
    confidence: 'high',
  },
  check({ startScripts }) {
    const prod = startScripts.filter((s) => s.production);
    if (prod.length === 0) return notApplicable('no shell script on a production start path');
    // A helper that a `set -e` script runs before its last step (`/opt/wait-for-it.sh db:5432`) stops the
    // caller when it exits non-zero, and it is not what starts the server: the caller is judged instead.
    const guardedHelper = (s: (typeof prod)[number]) => {
      const caller = s.via ? prod.find((c) => c.file === s.via!.file) : undefined;
      return !!caller && caller.setE !== null && caller.lines.length > 0 && s.via!.line < caller.lines[caller.lines.length - 1].line;
    };
    const judged = prod.filter((s) => !guardedHelper(s) && (s.setE !== null || s.lines.length >= 2));
    if (judged.length === 0) return notApplicable('production start scripts run a single command');
    const unsafe = judged.filter((s) => s.setE === null);
    if (unsafe.length > 0) {
      return fail(
        unsafe.map((s) => ({
          message: `${s.file} has no \`set -e\`: when one of its commands fails (a migration, a seed step), the script goes on and starts the server anyway`,
          evidence: [s.lines[0].evidence ?? { file: s.file, line: s.lines[0].line, snippet: s.lines[0].text }, ...(s.via ? [s.via] : [])],
        })),
      );
    }
    return pass(`${plural(judged.length, 'production start script')} stop on the first error`, judged.map((s) => s.setE!).slice(0, 5));
  },
});
