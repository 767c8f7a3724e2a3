import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/**
 * Application containers without a memory limit: compose services that build from this repository (in
 * files not named for development) without `mem_limit` / `deploy.resources.limits.memory`, and Kubernetes
 * workload containers without `resources.limits.memory` (unless a LimitRange sets a default). Fly apps
 * always run on a machine of fixed memory (Fly's default size counts), so they pass. Railway / Render
 * plans bound memory too and are not judged.
 */
export default defineRule({
  meta: {
    id: 'memory-limits-missing',
    area: 'performance',
    severity: 'medium',
    title: 'Containers run with a memory limit',
    failureTitle: 'Containers have no memory limit',
    why:
      'A container without a memory limit can use all the memory of the host: one leaking worker or an oversized request starves the database and the other services on the same machine, and the kernel OOM killer then picks a victim that may not be the culprit. ' +
      'With a limit, the faulty container alone is killed and restarted, and the scheduler can place containers knowing what they need.',
    fix: {
      default: 'Give every application container a memory limit sized from its observed peak plus headroom.',
      docker: 'In compose:\n\n```yaml\nservices:\n  api:\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n```\n(or `mem_limit: 512m` in the v2 file format).',
      fly: 'Set the machine size in fly.toml: `[[vm]]\\n  memory = "512mb"`.',
    },
    examples: { bad: 'services:\n  api:\n    build: .', good: 'services:\n  api:\n    build: .\n    deploy:\n      resources:\n        limits:\n          memory: 512M', lang: 'yaml' },
    effort: 'minutes',
    appliesTo: ['docker', 'platform'],
    needs: ['memoryLimits'],
    confidence: 'high',
  },
  check({ memoryLimits }) {
    const targets = memoryLimits.filter((t) => t.production);
    if (targets.length === 0) return notApplicable('no compose service, Kubernetes workload or Fly app runs the application');
    const missing = targets.filter((t) => t.limit === null);
    if (missing.length > 0) {
      return fail(
        missing.map((t) => ({
          message: `${t.kind === 'compose' ? 'Compose service' : 'Kubernetes container'} \`${t.name}\` has no memory limit: it can take all the host's memory`,
          evidence: [t.evidence],
          stack: 'docker' as const,
        })),
      );
    }
    return pass(`${plural(targets.length, 'application container')} run with a memory limit`, targets.map((t) => t.limit!).slice(0, 5));
  },
});
