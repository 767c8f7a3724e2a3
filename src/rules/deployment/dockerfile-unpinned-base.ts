import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'dockerfile-unpinned-base',
    area: 'deployment',
    severity: 'medium',
    title: 'Base images are pinned to a version',
    failureTitle: 'Base image is untagged or uses :latest',
    why: 'An untagged or `:latest` base image is whatever the registry holds on the day of the build, so two builds of the same commit can ship different Python or Node versions, system libraries and CVEs. A rebuild for an unrelated hotfix can then break production in ways no code change explains, and a rollback rebuild does not restore the old image.',
    fix: {
      default: 'Pin every FROM to a version tag (`python:3.12-slim`, `node:20-alpine`), ideally with its digest (`python:3.12-slim@sha256:…`), and let Dependabot or Renovate propose updates.',
      docker: 'Use `FROM python:3.12.4-slim-bookworm@sha256:<digest>` (get the digest with `docker buildx imagetools inspect python:3.12.4-slim-bookworm`); keep the tag for readability and the digest for reproducibility.',
    },
    examples: { bad: 'FROM node:latest', good: 'FROM node:20.15-alpine@sha256:…', lang: 'dockerfile' },
    effort: 'minutes',
    appliesTo: ['docker'],
    needs: ['dockerfiles'],
    confidence: 'high',
  },
  check({ dockerfiles }) {
    const prod = dockerfiles.filter((d) => !d.devOnly && d.stages.length > 0);
    if (prod.length === 0) return notApplicable('no production Dockerfile');
    const findings: Finding[] = [];
    const pinned: Evidence[] = [];
    let digests = 0;
    for (const d of prod) {
      const earlier = new Set<string>();
      for (const s of d.stages) {
        const isStageRef = earlier.has(s.image.toLowerCase());
        if (s.name) earlier.add(s.name.toLowerCase());
        if (isStageRef || s.image.toLowerCase() === 'scratch') continue;
        // `FROM ${BASE}` is judged on the ARG default; without one the reference is set at build time.
        const ref = s.resolved === undefined ? { image: s.image, tag: s.tag, digest: s.digest } : s.resolved;
        if (ref === null) continue;
        if (ref.image.toLowerCase() === 'scratch' || earlier.has(ref.image.toLowerCase())) continue;
        if (ref.digest) {
          digests++;
          pinned.push(s.evidence);
          continue;
        }
        if (ref.tag && ref.tag.toLowerCase() !== 'latest') {
          pinned.push(s.evidence);
          continue;
        }
        const shown = s.resolved ? `${s.image} (= ${ref.image}${ref.tag ? `:${ref.tag}` : ''})` : s.image + (s.tag ? `:${s.tag}` : '');
        findings.push({
          message: ref.tag ? `${d.file}: \`FROM ${shown}\` follows the moving :latest tag` : `${d.file}: \`FROM ${shown}\` has no tag, so it means :latest`,
          evidence: [s.evidence],
          stack: 'docker',
        });
      }
    }
    if (findings.length) return fail(findings);
    if (pinned.length === 0) return notApplicable('no external base image');
    const how = digests === pinned.length ? 'pinned by digest' : digests > 0 ? `pinned (${digests} by digest)` : 'pinned to a version tag';
    return pass(`${plural(pinned.length, 'base image')} ${how}`, pinned);
  },
});
