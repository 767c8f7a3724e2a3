import { randomBytes } from 'node:crypto';
import { pool } from '../db/pool';
import { logger } from '../logger';
import { hashPassword } from '../services/passwords';

// Usage: npm run user:create -- someone@example.com [admin|staff]
async function main(): Promise<void> {
  const [email, role = 'staff'] = process.argv.slice(2);
  if (!email || (role !== 'admin' && role !== 'staff')) {
    process.stderr.write('usage: user:create <email> [admin|staff]\n');
    process.exitCode = 1;
    return;
  }

  const password = randomBytes(12).toString('base64url');
  const { rows } = await pool.query<{ id: string }>(
    'INSERT INTO users (email, password_hash, role) VALUES (lower($1), $2, $3) RETURNING id',
    [email, await hashPassword(password), role],
  );

  logger.info({ userId: rows[0].id, role }, 'user created');
  process.stdout.write(`Temporary password for ${email}: ${password}\n`);
}

main()
  .catch((err) => {
    logger.error({ err }, 'failed to create user');
    process.exitCode = 1;
  })
  .finally(() => pool.end());
