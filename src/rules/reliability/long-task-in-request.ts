import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/**
 * Routes whose code runs slow work inline: an LLM chain (2+ model calls, a model call per item, an
 * agent / chain / graph run), outbound HTTP calls per item of a loop, or file processing (PDF, OCR,
 * ffmpeg, Whisper, pandas on an upload), with no hand-off to a queue or background task and no
 * streamed response. A single model call is not slow work here.
 */
export default defineRule({
  meta: {
    id: 'long-task-in-request',
    area: 'reliability',
    severity: 'medium',
    title: 'Slow work runs outside the request',
    failureTitle: 'Slow work runs inside the request',
    why:
      'LLM chains, per-item syncs with external APIs and file processing take seconds to minutes. Run inside the request, they hold a worker and a connection the whole time, hit proxy and platform timeouts (often 30-100 s), and a retry from an impatient client starts the whole job again. ' +
      'A job queue or background task returns at once with a job id, survives a client disconnect, and can be retried on its own.',
    fix: {
      default: 'Enqueue the work (Celery, RQ, arq, BullMQ) and return 202 with a job id the client can poll, or stream progress to the client.',
      fastapi: 'Return quickly and run the work in a worker: `task = process_document.delay(doc_id); return {"job_id": task.id}` (Celery), or `background_tasks.add_task(process_document, doc_id)` for short, loss-tolerant work; stream LLM output with `StreamingResponse`.',
      express: 'Add a BullMQ job (`await queue.add("process", { id })`), answer `202 { jobId }`, and let a `Worker` do the work; stream long LLM output with server-sent events.',
    },
    examples: {
      bad: '@app.post("/reports")\nasync def report(req: ReportRequest):\n    outline = await llm.ainvoke(...)\n    sections = [await llm.ainvoke(s) for s in outline]\n    return {"report": sections}',
      good: '@app.post("/reports", status_code=202)\nasync def report(req: ReportRequest):\n    job = build_report.delay(req.model_dump())\n    return {"job_id": job.id}',
      lang: 'python',
    },
    effort: 'days',
    appliesTo: ['py', 'node'],
    needs: ['slowRequestWork'],
    confidence: 'medium',
  },
  check({ slowRequestWork }) {
    const { slow, offloaded, routes } = slowRequestWork;
    if (slow.length > 0) {
      return fail(
        slow.map((s) => ({
          message: `${s.route} runs ${s.work.join(', ')} inside the request, with no job queue, background task or streamed response`,
          evidence: [s.evidence, ...s.calls.slice(0, 5)],
        })),
      );
    }
    if (routes === 0) return notApplicable('no route handlers found');
    return pass(
      `No route runs slow work (LLM chains, per-item syncs, file processing) inline${offloaded.length > 0 ? `; ${plural(offloaded.length, 'route hands', 'routes hand')} work to a queue or background task, or stream` : ''}`,
      offloaded.slice(0, 8),
    );
  },
});
