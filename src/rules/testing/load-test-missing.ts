import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';
import { backendTargets } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'load-test-missing',
    area: 'testing',
    severity: 'low',
    title: 'A load test exists',
    failureTitle: 'No load test',
    why: 'Without a load test the first measurement of capacity is a launch or a traffic spike: pool exhaustion, slow queries and worker starvation appear under concurrency, never in unit tests. A small scripted load run gives a baseline to compare releases against.',
    fix: {
      default: 'Add a load test of the main routes (k6, Locust, Artillery or autocannon) and run it before releases, e.g. `shipready load <url>`.',
      py: 'Add a `locustfile.py` with the main user journeys and run `locust -f locustfile.py --headless -u 50 -r 5 -t 2m --host $URL`.',
      node: 'Add a k6 script (`load/smoke.js`) or an autocannon run of the main routes.',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['testTooling', 'files', 'services', 'appEntries'],
    confidence: 'medium',
  },
  check(facts) {
    const targets = backendTargets(facts);
    if (targets.length === 0) return notApplicable('no back-end service');
    if (facts.testTooling.loadTests.length > 0) return pass('Load test present', facts.testTooling.loadTests);
    return fail([{ message: 'No load test (k6, Locust, Artillery, autocannon) for the back end', evidence: [targets[0].anchor] }]);
  },
});
