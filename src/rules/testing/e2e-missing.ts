import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';
import { frontendTargets } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'e2e-missing',
    area: 'testing',
    severity: 'low',
    title: 'The front end has browser tests',
    failureTitle: 'The front end has no browser (end-to-end) tests',
    why: 'Unit tests do not catch a login form that no longer submits, a route that renders blank, or an API contract the UI and back end disagree on. A handful of browser tests over the critical journeys (sign in, the main flow, checkout) catches these before users do.',
    fix: {
      default: 'Add Playwright (`npm init playwright@latest`) with a few tests of the critical user journeys and run `npx playwright test` in CI.',
      nextjs: 'Add `@playwright/test`, a `playwright.config.ts` whose `webServer` starts `next start`, and an `e2e/` folder of journey tests.',
    },
    effort: 'days',
    appliesTo: ['fe'],
    needs: ['testTooling', 'files', 'services', 'appEntries'],
    confidence: 'medium',
  },
  check(facts) {
    const targets = frontendTargets(facts);
    if (targets.length === 0) return notApplicable('no front end');
    // Browser tests often live in a package of their own (e2e/), so any in the repository count.
    if (facts.testTooling.e2e.length > 0) return pass('Browser tests set up', facts.testTooling.e2e);
    return fail(targets.map((t) => ({ message: `Front end${t.service ? ` ${t.service}/` : ''} has no browser tests (Playwright, Cypress, WebdriverIO)`, evidence: [t.anchor] })));
  },
});
