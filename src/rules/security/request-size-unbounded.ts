import { defineRule, fail, pass } from '../../core/rule.js';
import type { FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'request-size-unbounded',
    area: 'security',
    severity: 'medium',
    title: 'Request bodies and uploads have a size limit',
    failureTitle: 'Bodies or uploads are accepted with no size limit',
    why:
      'A body or upload read whole with no size bound lets one client send hundreds of megabytes that the server buffers in memory or on disk: a few such requests at once exhaust the worker and take the service down for everyone. ' +
      'Defaults: Express/body-parser JSON, urlencoded and text parsers cap at 100kb (reported only when raised above 10 MB), Fastify at 1 MiB and Next.js API routes at 1mb (same threshold), Django at 2.5 MB (reported when set to None); multer, busboy, Flask (MAX_CONTENT_LENGTH) and Starlette/FastAPI have no limit at all, so an upload path there needs an explicit one.',
    fix: {
      default: 'Set an explicit maximum size for request bodies and uploads, sized to what the feature needs, and reject larger requests with 413 before reading them.',
      fastapi: 'Check `file.size` (or the Content-Length header) before reading and refuse large files with 413: `if file.size and file.size > 5_000_000: raise HTTPException(413)`; read in bounded chunks (`await file.read(1024 * 1024)`) and also cap `client_max_body_size` at the proxy.',
      flask: '`app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024` makes Flask answer 413 to larger requests.',
      django: 'Remove `DATA_UPLOAD_MAX_MEMORY_SIZE = None` (the default is 2.5 MB) or set an explicit bound.',
      express: 'Keep JSON bodies small (`express.json({ limit: "1mb" })`) and give multer a bound: `multer({ storage, limits: { fileSize: 5 * 1024 * 1024, files: 1 } })`.',
      fastify: 'Leave `bodyLimit` near its 1 MiB default and raise it only on the routes that need it (`{ bodyLimit: 5 * 1024 * 1024 }` in the route options).',
      nextjs: 'Keep `api.bodyParser.sizeLimit` at a few MB at most; stream large uploads straight to object storage with pre-signed URLs instead.',
      node: 'Pass `limits: { fileSize, files }` to busboy and stop reading when `file.truncated` is set.',
    },
    examples: {
      bad: 'const upload = multer({ dest: "uploads/" });',
      good: 'const upload = multer({ dest: "uploads/", limits: { fileSize: 5 * 1024 * 1024 } });',
      lang: 'javascript',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['bodyLimits'],
    confidence: 'medium',
  },
  check({ bodyLimits }) {
    const { issues, safe } = bodyLimits;
    if (issues.length === 0) return pass(safe.length ? 'Body and upload sizes are bounded' : 'No upload or body parser is configured beyond the frameworks\' default limits', safe);
    return fail(issues.map((i) => ({ message: i.message, evidence: [i.evidence, ...(i.related ?? [])], ...(i.stack ? { stack: i.stack as FixKey } : {}) })));
  },
});
