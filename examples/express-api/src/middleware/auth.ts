import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pool } from '../db/pool';
import { HttpError } from './errors';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface SessionRow {
  session_id: string;
  user_id: string;
  email: string;
  role: 'admin' | 'staff';
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  const header = req.get('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (!token) {
    next(new HttpError(401, 'unauthorized'));
    return;
  }

  pool
    .query<SessionRow>(
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.role
         FROM sessions s
         JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1
          AND s.expires_at > now()
          AND u.disabled_at IS NULL`,
      [hashToken(token)],
    )
    .then(({ rows }) => {
      const row = rows[0];
      if (!row) {
        next(new HttpError(401, 'unauthorized'));
        return;
      }
      req.user = { id: row.user_id, email: row.email, role: row.role, sessionId: row.session_id };
      next();
    })
    .catch(next);
};
