import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

const key = (e: Evidence) => `${e.file}:${e.line}`;

/**
 * Literal ports in server binds (listen.ts): code (`app.listen(3000)`, `uvicorn.run(port=8000)` when it
 * runs in production) and production start commands (`--bind 0.0.0.0:8000`). A bind whose port the
 * platform config also fixes (fly.toml `internal_port`, `PORT` set in the platform or compose env) is
 * consistent by construction and not reported. `EXPOSE` alone is not a bind.
 */
export default defineRule({
  meta: {
    id: 'port-hardcoded',
    area: 'deployment',
    severity: 'medium',
    title: 'Servers listen on the port the platform assigns',
    failureTitle: 'Server binds a hard-coded port instead of $PORT',
    why: 'Railway, Render, Heroku, Cloud Run and App Engine tell the app which port to listen on through `$PORT` and route traffic there. A server bound to a literal port is unreachable (failed health checks, 502s) as soon as the platform picks another one, and moving between hosts or running two services side by side needs a code change instead of a setting.',
    fix: {
      default: 'Read the port from the environment with a local default: `$PORT` in start commands, `process.env.PORT` / `os.environ["PORT"]` in code.',
      py: 'Start command: `gunicorn -b 0.0.0.0:${PORT:-8000} app.main:app` or `uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}` (shell form, so the variable expands).',
      fastapi: '`uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))`, or better the CLI with `--port ${PORT:-8000}`.',
      flask: 'Serve with gunicorn: `gunicorn -b 0.0.0.0:${PORT:-5000} app:app`.',
      node: '`app.listen(Number(process.env.PORT) || 3000)`.',
      express: '`const port = Number(process.env.PORT ?? 3000); app.listen(port, () => log.info({ port }, "listening"));`',
      nestjs: '`await app.listen(process.env.PORT ?? 3000, "0.0.0.0");`',
      fastify: '`await app.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });`',
      docker: 'Use the shell form so `$PORT` expands: `CMD gunicorn -b 0.0.0.0:${PORT:-8000} app:app` (or `CMD ["sh", "-c", "exec uvicorn … --port ${PORT:-8000}"]`).',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node', 'docker'],
    needs: ['listenPorts', 'platformConfigs'],
    confidence: 'high',
  },
  check({ listenPorts, platformConfigs }) {
    if (listenPorts.length === 0) return notApplicable('no server bind found');
    const declared = new Map<number, Evidence>();
    for (const c of platformConfigs) for (const p of c.ports) if (!declared.has(p.port)) declared.set(p.port, p.evidence);
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    const seen = new Set<string>();
    for (const b of listenPorts) {
      if (seen.has(key(b.evidence))) continue;
      seen.add(key(b.evidence));
      if (b.port === null) {
        strengths.push(b.evidence);
        continue;
      }
      const fixed = declared.get(b.port);
      if (fixed) {
        strengths.push({ ...fixed, note: `the platform config fixes port ${b.port}, which ${b.evidence.file}:${b.evidence.line} binds` });
        continue;
      }
      const where = b.source === 'code' ? 'the server' : 'the start command';
      findings.push({ message: `${where} binds the literal port ${b.port} (\`${b.expression}\`) instead of reading $PORT`, evidence: [b.evidence], stack: b.source === 'code' && /\.py$/.test(b.evidence.file) ? 'py' : b.source === 'code' ? 'node' : 'docker' });
    }
    if (findings.length) return fail(findings);
    return pass(`${plural(strengths.length, 'server bind')} follow${strengths.length === 1 ? 's' : ''} the configured port`, strengths);
  },
});
