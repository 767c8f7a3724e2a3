import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { config } from '../config';

export const CATEGORIES = [
  'software',
  'hosting',
  'hardware',
  'consulting',
  'design',
  'subcontractor',
  'travel',
  'other',
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface LineToCategorize {
  id: string;
  description: string;
}

const anthropic = new Anthropic({ apiKey: config.ANTHROPIC_API_KEY });

const SYSTEM_PROMPT = `You categorise invoice line items for a small agency's bookkeeping.
Allowed categories: ${CATEGORIES.join(', ')}.
Reply with JSON only, in the form {"lines": [{"id": "<line id>", "category": "<category>"}]}.
Use "other" when no category clearly fits. Never invent line ids.`;

const ResultSchema = z.object({
  lines: z.array(z.object({ id: z.string(), category: z.enum(CATEGORIES) })),
});

/** Extracts the JSON object from the model's reply and keeps only ids we asked about. */
export function parseCategorization(text: string, lineIds: string[]): Map<string, Category> {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) {
    throw new Error('categorisation reply contained no JSON object');
  }

  const parsed = ResultSchema.parse(JSON.parse(text.slice(start, end + 1)));
  const requested = new Set(lineIds);
  const result = new Map<string, Category>();
  for (const line of parsed.lines) {
    if (requested.has(line.id)) {
      result.set(line.id, line.category);
    }
  }
  return result;
}

export async function categorizeLines(lines: LineToCategorize[]): Promise<Map<string, Category>> {
  const message = await anthropic.messages.create({
    model: config.ANTHROPIC_MODEL,
    max_tokens: 512,
    system: SYSTEM_PROMPT,
    messages: [
      {
        role: 'user',
        content: JSON.stringify(lines.map((line) => ({ id: line.id, description: line.description }))),
      },
    ],
  });

  const text = message.content
    .filter((block): block is Anthropic.TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('');

  return parseCategorization(
    text,
    lines.map((line) => line.id),
  );
}
