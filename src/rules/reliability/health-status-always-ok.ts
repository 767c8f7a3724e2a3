import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'health-status-always-ok',
    area: 'reliability',
    severity: 'medium',
    title: 'The health endpoint answers 503 when it is unhealthy',
    failureTitle: 'The health endpoint answers 200 even when it reports a failure',
    why:
      'Load balancers, container orchestrators and uptime monitors read the HTTP status of a health check, not its body. ' +
      'A health route that returns `{"status": "degraded"}` with 200 OK tells them the instance is fine: traffic keeps flowing to an instance whose database or cache is down, and no alert fires.',
    fix: {
      default: 'Answer 503 Service Unavailable whenever the body reports an unhealthy state, and 200 only when every check passes.',
      fastapi: 'Return `JSONResponse(body, status_code=200 if healthy else 503)`, or take `response: Response` as a parameter and set `response.status_code = 503` on failure.',
      flask: 'Return `jsonify(body), (200 if healthy else 503)`.',
      django: 'Return `JsonResponse(body, status=200 if healthy else 503)`.',
      express: "`res.status(healthy ? 200 : 503).json(body)`.",
      fastify: '`reply.code(healthy ? 200 : 503).send(body)`.',
      nestjs: 'Throw `new ServiceUnavailableException(body)` when a check fails (or use @nestjs/terminus, which answers 503 for you).',
      nextjs: '`return Response.json(body, { status: healthy ? 200 : 503 })`.',
    },
    examples: {
      bad: '@app.get("/health")\nasync def health():\n    db_ok = await ping_db()\n    return {"status": "ok" if db_ok else "degraded"}',
      good: '@app.get("/health")\nasync def health():\n    db_ok = await ping_db()\n    body = {"status": "ok" if db_ok else "degraded"}\n    return JSONResponse(body, status_code=200 if db_ok else 503)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['healthStatuses'],
    confidence: 'medium',
  },
  check({ healthStatuses }) {
    if (healthStatuses.length === 0) return notApplicable('no health route that reports an unhealthy state in its body');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const h of healthStatuses) {
      if (h.statusSet) {
        strengths.push(h.statusSet);
        continue;
      }
      findings.push({
        message: `${h.method} ${h.path} can report ${h.unhealthy.note?.replace(/^reports /, '') ?? 'a failure'} but always answers 200: load balancers and monitors keep treating the instance as healthy`,
        evidence: [h.unhealthy, h.route],
        stack: fixKeyForFramework(h.framework),
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass('The health route answers with an error status when a check fails', strengths);
  },
});
