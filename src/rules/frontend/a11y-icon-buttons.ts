import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'a11y-icon-buttons',
    area: 'frontend',
    severity: 'low',
    title: 'Icon-only buttons have accessible names',
    failureTitle: 'Icon-only buttons without an accessible name',
    why: 'A button that shows only an icon has no text for a screen reader to announce: users hear "button" and cannot tell delete from edit or close. It also fails WCAG 4.1.2 (name, role, value), which procurement and public-sector customers check, and automated accessibility audits flag it first.',
    fix: {
      default: 'Give each icon-only button a name: `aria-label="Delete item"` (or `aria-labelledby`, or visually hidden text such as `<span className="sr-only">Delete item</span>`), and mark the icon `aria-hidden`.',
    },
    examples: {
      bad: '<button onClick={remove}>\n  <TrashIcon />\n</button>',
      good: '<button onClick={remove} aria-label="Delete item">\n  <TrashIcon aria-hidden />\n</button>',
      lang: 'tsx',
    },
    effort: 'minutes',
    appliesTo: ['fe'],
    needs: ['frontends'],
    confidence: 'medium',
  },
  check({ frontends }) {
    if (frontends.length === 0) return notApplicable('no React / Next.js / Vite front end');
    const unlabelled = frontends.flatMap((a) => a.unlabelledIconButtons);
    const labelled = frontends.flatMap((a) => a.labelledIconButtons);
    if (unlabelled.length > 0) {
      return fail(
        unlabelled.map((ev) => ({
          message: 'Icon-only button with no accessible name (no text, aria-label, aria-labelledby or title)',
          evidence: [ev],
        })),
      );
    }
    if (labelled.length === 0) return notApplicable('no icon-only buttons found');
    return pass(`${plural(labelled.length, 'icon-only button')} with an accessible name`, labelled.slice(0, 5));
  },
});
