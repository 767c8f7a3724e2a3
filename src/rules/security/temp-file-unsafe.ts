import { defineRule, fail, pass, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'temp-file-unsafe',
    area: 'security',
    severity: 'medium',
    title: "Temporary files use unique names and are cleaned up",
    failureTitle: "Temporary files are predictable or never removed",
    why: "A file written to /tmp under a name taken from the upload lets two users overwrite each other's data, and lets a name like `../app/config.py` or a pre-planted symlink redirect the write. Temp files created with delete=False and never removed fill the disk of a long-running container until writes start failing.",
    fix: {
      default: "Create temp files with the tempfile module (random names, created atomically) and remove them in a finally block or with a context manager.",
      py: "`with tempfile.NamedTemporaryFile(suffix=\".pdf\") as tmp:` (deleted on close), or `try: ... finally: os.remove(path)`; never `tempfile.mktemp()` or `open(f\"/tmp/{filename}\", \"wb\")`.",
      node: "`const dir = await fs.mkdtemp(path.join(os.tmpdir(), \"upload-\"))`, write `path.join(dir, crypto.randomUUID())`, and `fs.rm(dir, { recursive: true })` in `finally`.",
    },
    examples: {
      bad: "with open(f\"/tmp/{file.filename}\", \"wb\") as f:",
      good: "with tempfile.NamedTemporaryFile(suffix=\".png\") as f:",
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['tempFiles'],
    confidence: 'medium',
  },
  check({ tempFiles }) {
    if (tempFiles.issues.length > 0) {
      return fail(
        tempFiles.issues.map((i) => ({
          message: i.message,
          evidence: [i.evidence, ...(i.related ?? [])],
          stack: i.stack as FixKey | undefined,
        })),
      );
    }
    if (tempFiles.safe.length > 0) return pass("Temporary files are created with the tempfile module", tempFiles.safe.slice(0, 5));
    return pass('Temporary files use unique names and are cleaned up');
  },
});
