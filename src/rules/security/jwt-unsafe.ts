import { defineRule, fail, notApplicable, pass, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'jwt-unsafe',
    area: 'security',
    severity: 'high',
    title: "JWTs are verified and expire",
    failureTitle: "JWTs are accepted unverified or never expire",
    why: "A token decoded without checking its signature, or with the \"none\" algorithm allowed, can be written by anyone: changing the user id in the payload logs the attacker in as that user. A token with no expiry stays valid forever once it leaks through a log, a browser extension or a shared screenshot, and cannot be revoked without rotating the secret.",
    fix: {
      default: "Always verify tokens with a fixed algorithm list, and give every issued token an `exp` (minutes to hours for access tokens).",
      py: "`jwt.decode(token, SECRET, algorithms=[\"HS256\"])`; when issuing: `jwt.encode({\"sub\": uid, \"exp\": datetime.now(timezone.utc) + timedelta(minutes=30)}, SECRET, algorithm=\"HS256\")`.",
      node: "`jwt.verify(token, secret, { algorithms: [\"HS256\"] })` instead of `jwt.decode`; sign with `jwt.sign(payload, secret, { expiresIn: \"15m\" })`.",
    },
    examples: {
      bad: "jwt.decode(token, options={\"verify_signature\": False})",
      good: "jwt.decode(token, SECRET_KEY, algorithms=[\"HS256\"])",
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['jwtUses'],
    confidence: 'high',
  },
  check({ jwtUses }) {
    if (jwtUses.issues.length > 0) {
      return fail(
        jwtUses.issues.map((i) => ({
          message: i.message,
          evidence: [i.evidence, ...(i.related ?? [])],
          stack: i.stack as FixKey | undefined,
        })),
      );
    }
    if (jwtUses.safe.length > 0) return pass("Decoded JWTs are verified and the issued tokens seen carry an expiry", jwtUses.safe.slice(0, 5));
    return notApplicable('no JWT encoding or decoding in the code');
  },
});
