import { expect, it } from 'vitest';
import { namesPassword } from '../../src/facts/security/passwords.js';
it('names', () => {
  for (const y of ['password', 'body.password', 'newPassword', 'raw_pw', 'pwd', 'ADMIN_PASSWORD', 'password.encode()', 'userPwd', 'pass']) expect(namesPassword(y), y).toBe(true);
  for (const n of ['upwards', 'passport', 'password_reset_token', 'api_token', 'resetPasswordToken', 'content', 'passwordHash', 'compass']) expect(namesPassword(n), n).toBe(false);
});
