import { defineRule, fail, notApplicable, pass, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'login-user-enumeration',
    area: 'security',
    severity: 'low',
    title: "Login answers the same way for unknown users and wrong passwords",
    failureTitle: "Login reveals which accounts exist",
    why: "When the login route says \"user not found\" for one email and \"wrong password\" for another, or answers unknown users faster because it skips the password hash, anyone can test a list of emails and learn who has an account. That list feeds credential-stuffing and targeted phishing.",
    fix: {
      default: "Return one message and status (\"Invalid email or password\", 401) for both cases, and verify a dummy hash when the user does not exist so both paths take the same time.",
      py: "`if user is None: pwd.verify(password, DUMMY_HASH); raise HTTPException(401, \"Invalid email or password\")`.",
      node: "`if (!user) { await bcrypt.compare(password, DUMMY_HASH); return res.status(401).json({ error: \"Invalid email or password\" }); }`.",
    },
    examples: {
      bad: "raise HTTPException(404, \"User not found\")",
      good: "raise HTTPException(401, \"Invalid email or password\")",
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['loginResponses'],
    confidence: 'medium',
  },
  check({ loginResponses }) {
    if (loginResponses.issues.length > 0) {
      return fail(
        loginResponses.issues.map((i) => ({
          message: i.message,
          evidence: [i.evidence, ...(i.related ?? [])],
          stack: i.stack as FixKey | undefined,
        })),
      );
    }
    if (loginResponses.safe.length > 0) return pass("Login routes give one answer for unknown users and wrong passwords", loginResponses.safe.slice(0, 5));
    return notApplicable('no login route whose handler answers could be read (helpers it calls are not followed)');
  },
});
