import { defineRule, fail, pass, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'shell-injection',
    area: 'security',
    severity: 'high',
    title: "Shell commands are not built from values",
    failureTitle: "Shell commands are built from values",
    why: "When a value is pasted into a command line run by a shell, a `;`, `|` or `$(...)` in it runs a second command of the attacker's choosing with the server's permissions: reading secrets, installing a miner, or deleting data. Passing the program and its arguments as a list bypasses the shell, so no value can change what runs.",
    fix: {
      default: "Run the program with an argument list and no shell; when a shell is unavoidable, quote every value.",
      py: "`subprocess.run([\"convert\", src, dst], check=True)` (no `shell=True`); if a shell is needed, `shlex.quote(value)` each part.",
      node: "`execFile(\"convert\", [src, dst])` or `spawn(\"convert\", [src, dst])` instead of `exec(`convert ${src} ${dst}`)`.",
    },
    examples: {
      bad: "subprocess.run(f\"convert {name} out.png\", shell=True)",
      good: "subprocess.run([\"convert\", name, \"out.png\"], check=True)",
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['shellCommands'],
    confidence: 'high',
  },
  check({ shellCommands }) {
    if (shellCommands.issues.length > 0) {
      return fail(
        shellCommands.issues.map((i) => ({
          message: i.message,
          evidence: [i.evidence, ...(i.related ?? [])],
          stack: i.stack as FixKey | undefined,
        })),
      );
    }
    return pass('No shell command is built from values');
  },
});
