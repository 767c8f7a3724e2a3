import { config } from '../config';

const POSTMARK_EMAIL_URL = 'https://api.postmarkapp.com/email';

export interface InvoiceEmail {
  to: string;
  customerName: string;
  invoiceNumber: string;
  total: string;
  dueDate: string;
  pdf: Buffer;
}

interface PostmarkResponse {
  MessageID: string;
  ErrorCode: number;
  Message: string;
}

export async function sendInvoiceEmail(email: InvoiceEmail): Promise<string> {
  const res = await fetch(POSTMARK_EMAIL_URL, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Postmark-Server-Token': config.POSTMARK_SERVER_TOKEN,
    },
    body: JSON.stringify({
      From: config.MAIL_FROM,
      To: email.to,
      Subject: `Invoice ${email.invoiceNumber} from ${config.COMPANY_NAME}`,
      TextBody: [
        `Hi ${email.customerName},`,
        '',
        `Please find attached invoice ${email.invoiceNumber} for ${email.total}, due on ${email.dueDate}.`,
        '',
        'Thank you for your business.',
        config.COMPANY_NAME,
      ].join('\n'),
      Attachments: [
        {
          Name: `${email.invoiceNumber}.pdf`,
          Content: email.pdf.toString('base64'),
          ContentType: 'application/pdf',
        },
      ],
      MessageStream: 'outbound',
    }),
    signal: AbortSignal.timeout(15_000),
  });

  const body = (await res.json()) as PostmarkResponse;
  if (!res.ok || body.ErrorCode !== 0) {
    throw new Error(`Postmark rejected invoice ${email.invoiceNumber}: ${body.ErrorCode} ${body.Message}`);
  }

  console.log(`Invoice ${email.invoiceNumber} emailed, Postmark message ${body.MessageID}`);
  return body.MessageID;
}
