import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'typecheck-disabled',
    area: 'testing',
    severity: 'medium',
    title: 'Type checking is strict and enforced',
    failureTitle: 'Type checking is weakened, bypassed or absent',
    why: 'With `strict` off, `null` / `undefined` and implicit `any` flow through unchecked, which is where most runtime `TypeError`s come from. `ignoreBuildErrors` and `ignoreDuringBuilds` go further: the production build ships code that does not type-check or lint. In an annotated Python codebase with no mypy or pyright, the annotations are claims that nothing verifies.',
    fix: {
      default: 'Set `"strict": true` in tsconfig.json and fix the errors it reports; remove `ignoreBuildErrors` / `ignoreDuringBuilds` from next.config and run `tsc --noEmit` in CI.',
      nextjs: 'Delete `typescript: { ignoreBuildErrors: true }` and `eslint: { ignoreDuringBuilds: true }` from next.config.js so `next build` fails on type errors.',
      node: 'In tsconfig.json: `"compilerOptions": { "strict": true }`.',
      py: 'Add mypy (or pyright) to the dev dependencies, configure it in pyproject.toml (`[tool.mypy]` with `strict = true` or at least `check_untyped_defs = true`) and run `mypy app` in CI.',
    },
    effort: 'hours',
    appliesTo: ['node', 'fe', 'py'],
    needs: ['typeChecks'],
    confidence: 'high',
  },
  check({ typeChecks }) {
    const typedUnchecked = typeChecks.pythonCheckers.length === 0 ? typeChecks.typedPython : [];
    const judged = typeChecks.weakened.length + typeChecks.strict.length + typeChecks.typedPython.length;
    if (judged === 0) return notApplicable('no TypeScript project configuration and no annotated Python codebase');
    if (typeChecks.weakened.length === 0 && typedUnchecked.length === 0) {
      const strengths = [...typeChecks.strict, ...(typeChecks.typedPython.length ? typeChecks.pythonCheckers.slice(0, 3) : [])];
      const parts = [
        typeChecks.strict.length ? `${plural(typeChecks.strict.length, 'TypeScript project')} with \`strict: true\`` : '',
        typeChecks.typedPython.length ? `annotated Python checked (${typeChecks.pythonCheckers[0].note ?? typeChecks.pythonCheckers[0].file})` : '',
      ].filter(Boolean);
      return pass(parts.join('; '), strengths);
    }
    return fail([
      ...typeChecks.weakened.map((w) => ({
        message: `${w.evidence.file}: ${w.what}`,
        evidence: [w.evidence],
        stack: /next\.config/.test(w.evidence.file) ? ('nextjs' as const) : ('node' as const),
      })),
      ...typedUnchecked.map((t) => ({
        message: `${t.service ? `${t.service}/: ` : ''}${t.annotated} of ${t.total} function parameters are annotated, but no type checker (mypy, pyright) is configured or run`,
        evidence: [t.anchor],
        stack: 'py' as const,
      })),
    ]);
  },
});
