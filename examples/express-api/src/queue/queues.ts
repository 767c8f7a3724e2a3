import { Queue } from 'bullmq';
import { redis } from '../redis';

export const PDF_QUEUE_NAME = 'invoice-pdf';

export interface RenderInvoiceJob {
  invoiceId: string;
  /** Email the rendered PDF to the customer and mark the invoice as sent. */
  email: boolean;
}

export const pdfQueue = new Queue<RenderInvoiceJob>(PDF_QUEUE_NAME, {
  connection: redis,
  defaultJobOptions: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { count: 1_000 },
    removeOnFail: { count: 5_000 },
  },
});
