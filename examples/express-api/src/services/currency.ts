import { z } from 'zod';
import { config } from '../config';
import { HttpError } from '../middleware/errors';

const RatesResponse = z.object({
  base: z.string(),
  date: z.string(),
  rates: z.record(z.number()),
});

/** How many units of `to` one unit of `from` buys, using the latest ECB reference rate. */
export async function getExchangeRate(from: string, to: string): Promise<number> {
  if (from === to) return 1;

  const url = `${config.FX_API_URL}/latest?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const res = await fetch(url);
  if (!res.ok) {
    throw new HttpError(502, 'exchange_rate_unavailable');
  }

  const body = RatesResponse.parse(await res.json());
  const rate = body.rates[to];
  if (rate === undefined) {
    throw new HttpError(422, 'unsupported_currency');
  }
  return rate;
}
