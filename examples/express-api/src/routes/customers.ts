import { Router } from 'express';
import { z } from 'zod';
import { pool } from '../db/pool';
import { requireAuth } from '../middleware/auth';
import { asyncHandler, HttpError } from '../middleware/errors';

export const customersRouter = Router();

const CustomerBody = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().email().max(320),
  taxId: z.string().trim().max(50).optional(),
  address: z.string().trim().max(1000).optional(),
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
});

const IdParam = z.object({ id: z.string().uuid() });

customersRouter.get(
  '/',
  requireAuth,
  asyncHandler(async (_req, res) => {
    const { rows } = await pool.query('SELECT * FROM customers');
    res.json(rows);
  }),
);

customersRouter.get(
  '/:id',
  requireAuth,
  asyncHandler(async (req, res) => {
    const { id } = IdParam.parse(req.params);
    const { rows } = await pool.query('SELECT * FROM customers WHERE id = $1', [id]);
    if (rows.length === 0) {
      throw new HttpError(404, 'customer_not_found');
    }
    res.json(rows[0]);
  }),
);

customersRouter.post(
  '/',
  requireAuth,
  asyncHandler(async (req, res) => {
    const body = CustomerBody.parse(req.body);
    const { rows } = await pool.query(
      `INSERT INTO customers (name, email, tax_id, address, default_currency)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING *`,
      [body.name, body.email, body.taxId ?? null, body.address ?? null, body.defaultCurrency],
    );
    res.status(201).json(rows[0]);
  }),
);
