import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { z } from 'zod';
import { config } from '../config';
import { pool } from '../db/pool';
import { hashToken, requireAuth } from '../middleware/auth';
import { asyncHandler, HttpError } from '../middleware/errors';
import { verifyPassword } from '../services/passwords';

export const authRouter = Router();

const loginLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 20,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  message: { error: 'too_many_attempts' },
});

const LoginBody = z.object({
  email: z.string().email().max(320),
  password: z.string().min(1).max(200),
});

interface UserRow {
  id: string;
  password_hash: string;
}

authRouter.post(
  '/token',
  loginLimiter,
  asyncHandler(async (req, res) => {
    const { email, password } = LoginBody.parse(req.body);

    const { rows } = await pool.query<UserRow>(
      'SELECT id, password_hash FROM users WHERE email = lower($1) AND disabled_at IS NULL',
      [email],
    );
    const user = rows[0];
    if (!user || !(await verifyPassword(password, user.password_hash))) {
      throw new HttpError(401, 'invalid_credentials');
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 60 * 60 * 1000);
    await pool.query('INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, $3)', [
      user.id,
      hashToken(token),
      expiresAt,
    ]);

    req.log.info({ userId: user.id }, 'session created');
    res.status(201).json({ token, expiresAt: expiresAt.toISOString() });
  }),
);

authRouter.delete(
  '/token',
  requireAuth,
  asyncHandler(async (req, res) => {
    await pool.query('DELETE FROM sessions WHERE id = $1', [req.user!.sessionId]);
    res.status(204).end();
  }),
);
