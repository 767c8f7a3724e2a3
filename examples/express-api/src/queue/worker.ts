import { Worker, type Job } from 'bullmq';
import { getInvoice } from '../db/invoices';
import { pool } from '../db/pool';
import { logger } from '../logger';
import { pdfJobsTotal } from '../metrics';
import { redis } from '../redis';
import { sendInvoiceEmail } from '../services/mailer';
import { formatMoney, renderInvoicePdf } from '../services/pdf';
import { PDF_QUEUE_NAME, type RenderInvoiceJob } from './queues';

export async function processRenderJob(job: Job<RenderInvoiceJob>): Promise<void> {
  const invoice = await getInvoice(job.data.invoiceId);
  if (!invoice) {
    logger.warn({ jobId: job.id, invoiceId: job.data.invoiceId }, 'invoice no longer exists, dropping pdf job');
    return;
  }

  const pdf = await renderInvoicePdf(invoice);
  await pool.query(
    `INSERT INTO invoice_pdfs (invoice_id, pdf, rendered_at)
     VALUES ($1, $2, now())
     ON CONFLICT (invoice_id) DO UPDATE SET pdf = EXCLUDED.pdf, rendered_at = now()`,
    [invoice.id, pdf],
  );

  if (job.data.email) {
    await sendInvoiceEmail({
      to: invoice.customer.email,
      customerName: invoice.customer.name,
      invoiceNumber: invoice.number,
      total: formatMoney(invoice.totalCents, invoice.currency),
      dueDate: invoice.dueDate,
      pdf,
    });
    await pool.query(`UPDATE invoices SET status = 'sent', sent_at = now() WHERE id = $1 AND status = 'draft'`, [
      invoice.id,
    ]);
  }
}

export function startPdfWorker(): Worker<RenderInvoiceJob> {
  const worker = new Worker<RenderInvoiceJob>(PDF_QUEUE_NAME, processRenderJob, {
    connection: redis,
    concurrency: 4,
  });

  worker.on('completed', (job) => {
    pdfJobsTotal.inc({ outcome: 'completed' });
    logger.info({ jobId: job.id, invoiceId: job.data.invoiceId }, 'invoice pdf job completed');
  });
  worker.on('failed', (job, err) => {
    pdfJobsTotal.inc({ outcome: 'failed' });
    logger.error({ err, jobId: job?.id, invoiceId: job?.data.invoiceId, attempt: job?.attemptsMade }, 'invoice pdf job failed');
  });
  worker.on('error', (err) => {
    logger.error({ err }, 'pdf worker error');
  });

  return worker;
}
