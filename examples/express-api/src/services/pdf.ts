import PDFDocument from 'pdfkit';
import { config } from '../config';
import type { Invoice } from '../db/invoices';

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(cents / 100);
}

export function renderInvoicePdf(invoice: Invoice): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.fontSize(20).text(config.COMPANY_NAME);
    doc.moveDown();
    doc.fontSize(14).text(`Invoice ${invoice.number}`);
    doc.fontSize(10).text(`Issued: ${invoice.issueDate}`).text(`Due: ${invoice.dueDate}`);
    doc.moveDown();
    doc.text('Bill to:').text(invoice.customer.name).text(invoice.customer.email);
    doc.moveDown();

    const columns = { description: 50, quantity: 330, unit: 390, amount: 470 };
    let y = doc.y;
    doc.font('Helvetica-Bold');
    doc.text('Description', columns.description, y);
    doc.text('Qty', columns.quantity, y);
    doc.text('Unit', columns.unit, y);
    doc.text('Amount', columns.amount, y);
    doc.font('Helvetica');

    for (const line of invoice.lines) {
      y = doc.y + 6;
      doc.text(line.description, columns.description, y, { width: 270 });
      const rowBottom = doc.y;
      doc.text(String(line.quantity), columns.quantity, y);
      doc.text(formatMoney(line.unitAmountCents, invoice.currency), columns.unit, y);
      doc.text(formatMoney(line.amountCents, invoice.currency), columns.amount, y);
      doc.y = Math.max(doc.y, rowBottom);
    }

    doc.moveDown(2);
    doc.font('Helvetica-Bold').text(`Total: ${formatMoney(invoice.totalCents, invoice.currency)}`, columns.unit);
    if (invoice.notes) {
      doc.moveDown().font('Helvetica').text(invoice.notes, columns.description);
    }

    doc.end();
  });
}
