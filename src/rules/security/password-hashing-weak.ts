import { defineRule, fail, notApplicable, pass, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'password-hashing-weak',
    area: 'security',
    severity: 'critical',
    title: "Passwords are stored with a slow, salted hash",
    failureTitle: "Passwords are stored plain or with a fast hash",
    why: "MD5, SHA-1 and SHA-256 are built to be fast: once the user table leaks (a backup, an SQL injection, a stolen laptop), a single GPU tries billions of guesses per second and recovers most real passwords within hours. A password stored as received is readable by anyone who sees the table. bcrypt, scrypt and Argon2 are deliberately slow and salted, which turns hours into centuries.",
    fix: {
      default: "Hash passwords with bcrypt, scrypt or Argon2 and verify with the library's constant-time check; rehash existing digests at the next login.",
      py: "`from passlib.context import CryptContext; pwd = CryptContext(schemes=[\"argon2\", \"bcrypt\"])` then `pwd.hash(password)` / `pwd.verify(password, stored)` (or `bcrypt.hashpw(password.encode(), bcrypt.gensalt())`).",
      flask: "Use `werkzeug.security.generate_password_hash(password)` and `check_password_hash(stored, password)`.",
      django: "Use `user.set_password(raw)` or `User.objects.create_user(...)`; never assign `user.password` yourself.",
      node: "`import bcrypt from \"bcrypt\"; const hash = await bcrypt.hash(password, 12);` then `await bcrypt.compare(password, hash)` (or `argon2.hash`).",
    },
    examples: {
      bad: "hashed = hashlib.sha256(password.encode()).hexdigest()",
      good: "hashed = pwd_context.hash(password)  # CryptContext(schemes=[\"argon2\"])",
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['passwordHashing'],
    confidence: 'high',
  },
  check({ passwordHashing }) {
    if (passwordHashing.issues.length > 0) {
      return fail(
        passwordHashing.issues.map((i) => ({
          message: i.message,
          evidence: [i.evidence, ...(i.related ?? [])],
          stack: i.stack as FixKey | undefined,
        })),
      );
    }
    if (passwordHashing.safe.length > 0) return pass("Passwords are hashed with a slow password hash", passwordHashing.safe.slice(0, 5));
    return notApplicable('no password hashing or storage found in the code');
  },
});
