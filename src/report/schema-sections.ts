/**
 * The run object's report sections: executive summary, backlog, launch checklist, runbook,
 * inventory of stores, queues, workers and providers, architecture diagram and scaling notes.
 * A factory over the evidence schema, so schema.ts stays the single source of truth and defines
 * evidence once. Every field is optional: runs saved before these sections existed still parse,
 * and a section with nothing to say is absent rather than empty.
 */
import { z } from 'zod';
import { AREAS, EFFORTS, SEVERITIES } from '../core/types.js';
import type { Run } from './schema.js';

export function sectionSchemas<E extends z.ZodType>(evidence: E) {
  const severity = z.enum(SEVERITIES);
  const step = z.object({
    text: z.string(),
    /** What to type. */
    command: z.string().optional(),
    /** Where `command` is typed when it is not a plain shell (`railway connect`, `fly redis connect`). */
    shell: z.string().optional(),
  });
  const platform = z.object({ id: z.string(), title: z.string(), prerequisites: z.string().optional() });

  const summary = z.object({
    /** One paragraph, every figure computed from the outcomes. */
    assessment: z.string(),
    keyStrengths: z.array(z.object({ checkId: z.string(), title: z.string(), summary: z.string().optional(), evidence: z.array(evidence) })),
    /** Fingerprints of the findings that block launch (priority P0), worst first. */
    blockers: z.array(z.string()),
  });

  const backlogItem = z.object({
    checkId: z.string(),
    area: z.enum(AREAS),
    /** The worst severity among the item's findings. */
    severity,
    title: z.string(),
    effort: z.enum(EFFORTS),
    findings: z.number().int(),
    /** findings × the effort class's hours. */
    hours: z.number(),
    locations: z.array(z.object({ path: z.string(), line: z.number().int() })),
    fingerprints: z.array(z.string()),
  });
  const backlog = z.object({
    /** Hours per finding for each effort class; the report states this table. */
    effortHours: z.object({ minutes: z.number(), hours: z.number(), days: z.number() }),
    priorities: z.array(
      z.object({
        id: z.enum(['P0', 'P1', 'P2']),
        title: z.string(),
        severities: z.array(severity),
        items: z.array(backlogItem),
        findings: z.number().int(),
        hours: z.number(),
      }),
    ),
    totalHours: z.number(),
  });

  const checklistItem = z.object({
    text: z.string(),
    done: z.boolean(),
    /** finding: an open backlog item; check: a passing check; standard: stack knowledge; fact: computed from facts. */
    source: z.enum(['finding', 'check', 'standard', 'fact']),
    checkId: z.string().optional(),
    stack: z.string().optional(),
    command: z.string().optional(),
    shell: z.string().optional(),
    evidence: z.array(evidence),
  });
  const checklist = z.object({
    phases: z.array(z.object({ id: z.enum(['pre-launch', 'first-week', 'first-month']), title: z.string(), items: z.array(checklistItem) })),
  });

  const runbook = z.object({
    platform: platform.nullable(),
    entries: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        /** Stack ids (or facts) that make the entry apply. */
        because: z.array(z.string()),
        symptoms: z.array(z.string()),
        diagnose: z.array(step),
        fix: z.array(step),
        /** What the facts add for this repository (a start script without `set -e`, a co-located worker). */
        notes: z.array(z.object({ text: z.string(), evidence: z.array(evidence) })),
        evidence: z.array(evidence),
      }),
    ),
  });

  const scaling = z.object({
    platform: platform.nullable(),
    /** Computed from the facts: connection budgets, process layout, concurrency. */
    notes: z.array(z.object({ text: z.string(), evidence: z.array(evidence) })),
    triggers: z.array(z.object({ component: z.string(), signal: z.string(), watch: step.optional(), action: z.string() })),
  });

  const inventory = {
    apps: z.array(z.object({ framework: z.string(), service: z.string(), routes: z.number().int(), location: evidence })).optional(),
    dataStores: z.array(z.object({ kind: z.string(), title: z.string(), clients: z.array(z.string()), evidence: z.array(evidence) })).optional(),
    queues: z
      .array(z.object({ framework: z.string(), tasks: z.array(z.object({ name: z.string(), timeLimit: z.boolean(), location: evidence })) }))
      .optional(),
    workers: z
      .array(
        z.object({
          framework: z.string(),
          role: z.enum(['worker', 'beat', 'in-code']),
          command: z.string().optional(),
          app: z.string().optional(),
          concurrency: z.string().optional(),
          /** Started with `&` inside another process's start script. */
          background: z.boolean(),
          location: evidence,
          via: evidence.optional(),
        }),
      )
      .optional(),
    providers: z
      .array(z.object({ kind: z.enum(['llm', 'http', 'monitoring']), name: z.string(), calls: z.number().int(), routes: z.number().int(), evidence: z.array(evidence) }))
      .optional(),
  };

  return {
    inventory,
    run: {
      summary: summary.optional(),
      backlog: backlog.optional(),
      checklist: checklist.optional(),
      runbook: runbook.optional(),
      /** Mermaid flowchart source, generated from the inventory. */
      architecture: z.object({ mermaid: z.string() }).optional(),
      scaling: scaling.optional(),
    },
    /** A short code example of the fix, carried only when its language fits the findings. */
    example: z.object({ code: z.string(), lang: z.string().optional() }).optional(),
  };
}

export type RunSummary = NonNullable<Run['summary']>;
export type RunBacklog = NonNullable<Run['backlog']>;
export type RunBacklogItem = RunBacklog['priorities'][number]['items'][number];
export type RunChecklist = NonNullable<Run['checklist']>;
export type RunChecklistItem = RunChecklist['phases'][number]['items'][number];
export type RunRunbook = NonNullable<Run['runbook']>;
export type RunScaling = NonNullable<Run['scaling']>;
export type RunInventory = Run['inventory'];
