import { pool } from './pool';

export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'void';

export interface InvoiceLine {
  id: string;
  description: string;
  quantity: number;
  unitAmountCents: number;
  amountCents: number;
  category: string | null;
}

export interface Invoice {
  id: string;
  number: string;
  status: InvoiceStatus;
  currency: string;
  fxRateToBase: number;
  issueDate: string;
  dueDate: string;
  notes: string | null;
  customer: { id: string; name: string; email: string };
  lines: InvoiceLine[];
  totalCents: number;
  createdAt: Date;
  sentAt: Date | null;
}

interface InvoiceRow {
  id: string;
  number: string;
  status: InvoiceStatus;
  currency: string;
  fx_rate_to_base: string;
  issue_date: string;
  due_date: string;
  notes: string | null;
  customer_id: string;
  customer_name: string;
  customer_email: string;
  created_at: Date;
  sent_at: Date | null;
}

interface LineRow {
  id: string;
  description: string;
  quantity: string;
  unit_amount_cents: number;
  category: string | null;
}

export async function getInvoice(id: string): Promise<Invoice | null> {
  const invoiceResult = await pool.query<InvoiceRow>(
    `SELECT i.id, i.number, i.status, i.currency, i.fx_rate_to_base,
            to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date,
            to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
            i.notes, i.created_at, i.sent_at,
            c.id AS customer_id, c.name AS customer_name, c.email AS customer_email
       FROM invoices i
       JOIN customers c ON c.id = i.customer_id
      WHERE i.id = $1`,
    [id],
  );
  const row = invoiceResult.rows[0];
  if (!row) return null;

  const lineResult = await pool.query<LineRow>(
    `SELECT id, description, quantity, unit_amount_cents, category
       FROM invoice_lines
      WHERE invoice_id = $1
      ORDER BY position`,
    [id],
  );

  const lines = lineResult.rows.map((line) => {
    const quantity = Number(line.quantity);
    return {
      id: line.id,
      description: line.description,
      quantity,
      unitAmountCents: line.unit_amount_cents,
      amountCents: Math.round(quantity * line.unit_amount_cents),
      category: line.category,
    };
  });

  return {
    id: row.id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    fxRateToBase: Number(row.fx_rate_to_base),
    issueDate: row.issue_date,
    dueDate: row.due_date,
    notes: row.notes,
    customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
