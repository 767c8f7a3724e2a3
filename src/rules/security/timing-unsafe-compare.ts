import { defineRule, fail, notApplicable, pass, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'timing-unsafe-compare',
    area: 'security',
    severity: 'medium',
    title: 'Secrets are compared in constant time',
    failureTitle: 'Secrets, tokens or signatures are compared with == / ===',
    why: 'String equality stops at the first differing character, so the time a check takes says how much of a guess was right. An attacker who can send many requests (an API-key header, a webhook signature, a reset token) can recover the secret one character at a time from response times. A constant-time compare takes the same time whatever the input.',
    fix: {
      default: 'Compare secrets with a constant-time function.',
      py: 'Use `hmac.compare_digest(provided, expected)` (or `secrets.compare_digest`) instead of `==`; both arguments must be str or bytes of the same type.',
      node: 'Use `crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))` after checking the lengths are equal, instead of `===`.',
    },
    examples: {
      bad: 'if request.headers.get("X-API-Key") == settings.api_key:',
      good: 'if hmac.compare_digest(request.headers.get("X-API-Key", ""), settings.api_key):',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['unsafeCompares'],
    confidence: 'medium',
  },
  check({ unsafeCompares }) {
    if (unsafeCompares.issues.length > 0) {
      return fail(unsafeCompares.issues.map((i) => ({ message: i.message, evidence: [i.evidence], stack: i.stack as FixKey | undefined })));
    }
    if (unsafeCompares.safe.length > 0) return pass('Secrets are compared with a constant-time function', unsafeCompares.safe.slice(0, 5));
    return notApplicable('no comparison of secrets, tokens or signatures found');
  },
});
