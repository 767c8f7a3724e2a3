import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { z } from 'zod';
import { config } from '../config';
import { getInvoice } from '../db/invoices';
import { pool } from '../db/pool';
import { requireAuth } from '../middleware/auth';
import { asyncHandler, HttpError } from '../middleware/errors';
import { pdfQueue } from '../queue/queues';
import { categorizeLines } from '../services/categorize';
import { getExchangeRate } from '../services/currency';

export const invoicesRouter = Router();

// Each call is a paid LLM request; keep a runaway client from burning the budget.
const categorizeLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 10,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  message: { error: 'rate_limited' },
});

// Lines sent to the model per request; keeps the reply well inside max_tokens.
const CATEGORIZE_BATCH_SIZE = 20;

const IdParam = z.object({ id: z.string().uuid() });

const ListQuery = z.object({
  status: z.enum(['draft', 'sent', 'paid', 'void']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const CreateInvoiceBody = z.object({
  customerId: z.string().uuid(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  issueDate: isoDate.optional(),
  dueDate: isoDate,
  notes: z.string().max(2000).optional(),
  lines: z
    .array(
      z.object({
        description: z.string().trim().min(1).max(500),
        quantity: z.number().positive().max(100_000),
        unitAmountCents: z.number().int().min(0).max(100_000_000),
      }),
    )
    .min(1)
    .max(100),
});

invoicesRouter.get(
  '/',
  requireAuth,
  asyncHandler(async (req, res) => {
    const { status, limit, offset } = ListQuery.parse(req.query);
    const { rows } = await pool.query(
      `SELECT i.id, i.number, i.status, i.currency,
              to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date,
              to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
              c.name AS customer_name,
              COALESCE(SUM(round(l.quantity * l.unit_amount_cents)), 0)::bigint AS total_cents
         FROM invoices i
         JOIN customers c ON c.id = i.customer_id
         LEFT JOIN invoice_lines l ON l.invoice_id = i.id
        WHERE ($1::text IS NULL OR i.status = $1)
        GROUP BY i.id, c.name
        ORDER BY i.created_at DESC
        LIMIT $2 OFFSET $3`,
      [status ?? null, limit, offset],
    );
    res.json({ data: rows, limit, offset });
  }),
);

invoicesRouter.get(
  '/:id',
  requireAuth,
  asyncHandler(async (req, res) => {
    const { id } = IdParam.parse(req.params);
    const invoice = await getInvoice(id);
    if (!invoice) throw new HttpError(404, 'invoice_not_found');
    res.json(invoice);
  }),
);

invoicesRouter.get(
  '/:id/pdf',
  requireAuth,
  asyncHandler(async (req, res) => {
    const { id } = IdParam.parse(req.params);
    const { rows } = await pool.query<{ number: string; pdf: Buffer }>(
      `SELECT i.number, p.pdf FROM invoice_pdfs p JOIN invoices i ON i.id = p.invoice_id WHERE p.invoice_id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new HttpError(404, 'pdf_not_rendered');
    res.type('application/pdf').attachment(`${row.number}.pdf`).send(row.pdf);
  }),
);

invoicesRouter.post(
  '/',
  requireAuth,
  asyncHandler(async (req, res) => {
    const body = CreateInvoiceBody.parse(req.body);
    const fxRate = await getExchangeRate(body.currency, config.BASE_CURRENCY);

    const client = await pool.connect();
    let invoiceId: string;
    try {
      await client.query('BEGIN');
      const customer = await client.query('SELECT 1 FROM customers WHERE id = $1', [body.customerId]);
      if (customer.rowCount === 0) throw new HttpError(422, 'unknown_customer');

      const inserted = await client.query<{ id: string }>(
        `INSERT INTO invoices (customer_id, currency, fx_rate_to_base, issue_date, due_date, notes, created_by)
         VALUES ($1, $2, $3, COALESCE($4::date, current_date), $5, $6, $7)
         RETURNING id`,
        [body.customerId, body.currency, fxRate, body.issueDate ?? null, body.dueDate, body.notes ?? null, req.user!.id],
      );
      invoiceId = inserted.rows[0].id;

      for (const [position, line] of body.lines.entries()) {
        await client.query(
          `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_amount_cents)
           VALUES ($1, $2, $3, $4, $5)`,
          [invoiceId, position, line.description, line.quantity, line.unitAmountCents],
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }

    await pdfQueue.add('render', { invoiceId, email: false });
    req.log.info({ invoiceId }, 'invoice created');
    res.status(201).json(await getInvoice(invoiceId));
  }),
);

invoicesRouter.post(
  '/:id/send',
  requireAuth,
  asyncHandler(async (req, res) => {
    const { id } = IdParam.parse(req.params);
    const invoice = await getInvoice(id);
    if (!invoice) throw new HttpError(404, 'invoice_not_found');
    if (invoice.status === 'void') throw new HttpError(409, 'invoice_void');

    // jobId makes double-clicks on "send" enqueue a single email
    const job = await pdfQueue.add('render', { invoiceId: id, email: true }, { jobId: `send-${id}` });
    res.status(202).json({ jobId: job.id });
  }),
);

invoicesRouter.post(
  '/:id/categorize',
  requireAuth,
  categorizeLimiter,
  asyncHandler(async (req, res) => {
    const { id } = IdParam.parse(req.params);
    const invoice = await getInvoice(id);
    if (!invoice) throw new HttpError(404, 'invoice_not_found');

    const uncategorized = invoice.lines.filter((line) => line.category === null);
    const batch = uncategorized.slice(0, CATEGORIZE_BATCH_SIZE);
    if (batch.length === 0) {
      res.json({ categorized: 0, remaining: 0 });
      return;
    }

    let categories;
    try {
      categories = await categorizeLines(batch);
    } catch (err) {
      req.log.warn({ err, invoiceId: id }, 'line categorisation failed');
      throw new HttpError(502, 'categorization_failed');
    }

    for (const [lineId, category] of categories) {
      await pool.query('UPDATE invoice_lines SET category = $1 WHERE id = $2 AND invoice_id = $3', [
        category,
        lineId,
        id,
      ]);
    }

    res.json({
      categorized: categories.size,
      remaining: uncategorized.length - categories.size,
      categories: Object.fromEntries(categories),
    });
  }),
);
