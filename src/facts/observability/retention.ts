/**
 * Personal data kept with no retention, for retention-policy-missing.
 *
 * Stored personal data = an ORM model that (a) holds conversation / activity content — its name ends in
 * Message, Conversation, Chat, Transcript, Note, Log, Event, Upload, Attachment, Recording or Prompt —
 * and links to a user (a `user`/`owner`/`author`/`sender`… field, a foreign key or relation to a
 * user table), or (b) captures contact details outside the account tables: a Lead / Contact /
 * Subscriber / Signup / Waitlist / Inquiry / Submission / Booking / Appointment model with an email or
 * phone field. Account tables themselves (User, Account, Profile…) live as long as the account and
 * are not counted. Models: SQLAlchemy / Flask-SQLAlchemy / SQLModel(table=True) / Django classes,
 * Prisma `model` blocks, Mongoose schemas registered with `mongoose.model('Name', schema)`. A model is
 * only reported where the code writes it (constructor, `.objects.create`, `prisma.x.create`,
 * `Model.create`): that is the evidence that data accumulates.
 *
 * Retention = a date-bounded delete anywhere in app or script code (Django `.filter(created_at__lt=…)
 * .delete()`, SQLAlchemy `delete(M).where(M.created_at < …)` / `query.filter(… < …).delete()`, Prisma
 * / Mongoose `deleteMany` with `lt` / `$lt`, TypeORM `LessThan`), a raw `DELETE FROM … WHERE … <` SQL
 * string, or a TTL (`expires` / `expireAfterSeconds`).
 */
import type { CodeModel, Value } from '../code/model.js';
import type { OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { walkValue, type Scanned } from './scan.js';

type Data = OpsSignals['personalData'][number];
type Job = OpsSignals['retentionJobs'][number];

const CONTENT = /(Message|Conversation|Chat|Transcript|Note|Log|Event|Upload|Attachment|Recording|Prompt)s?$/;
const CAPTURE = /(Lead|Contact|Subscriber|Signup|SignUp|Waitlist|WaitList|Inquiry|Enquiry|Submission|Booking|Appointment)s?$/;
const USER_FIELD = /^(user|owner|author|sender|created_by|customer|member|patient)(_?id)?$/i;
const USER_REF = /ForeignKey\(\s*["']?(users?|accounts?)\.id|ForeignKey\(\s*(User|settings\.AUTH_USER_MODEL|get_user_model\(\))|relationship\(\s*["']?User\b|ref:\s*["']User["']/;
const RELATION = /ForeignKey|OneToOneField|relationship\(|ref:|@relation|ObjectId|Mapped\["?User/;
const CONTACT_FIELD = /^(email|e_?mail_?address|phone|phone_?number|mobile)$/i;
const DELETE_SQL = /\bdelete\s+from\b[\s\S]*\bwhere\b[\s\S]*(<|\binterval\b|now\(\)|current_date|datetime\()/i;

interface ModelDef { name: string; file: string; line: number; fields: { name: string; text: string }[] }

export function personalData(repo: RepoContext, files: readonly Scanned[]): Data[] {
  const defs: ModelDef[] = [];
  for (const s of files) defs.push(...(s.python ? pythonModels(s.model) : mongooseModels(s.model)));
  defs.push(...prismaModels(repo));
  const out: Data[] = [];
  for (const d of defs) {
    const why = personal(d);
    if (!why) continue;
    const writes = files.flatMap((s) => writesOf(s, d.name).map((line) => repo.ev(s.file.path, line, { note: `${d.name} written here` })));
    if (writes.length === 0) continue;
    out.push({ model: d.name, evidence: repo.ev(d.file, d.line, { note: why }), writes, service: repo.file(d.file)?.service ?? '' });
  }
  return out;
}

function personal(d: ModelDef): string | null {
  if (CONTENT.test(d.name)) {
    // A user column that is a key or relation (`user_id`, `user = ForeignKey(...)`), not a free-text `owner` name.
    const link = d.fields.find((f) => (USER_FIELD.test(f.name) && (/_?id$/i.test(f.name) || RELATION.test(f.text))) || USER_REF.test(f.text));
    if (link) return `${d.name} rows belong to a user (${link.name})`;
  }
  if (CAPTURE.test(d.name)) {
    const contact = d.fields.find((f) => CONTACT_FIELD.test(f.name));
    if (contact) return `${d.name} stores contact details (${contact.name})`;
  }
  return null;
}

function pythonModels(m: CodeModel): ModelDef[] {
  return m.classes
    .filter((c) => c.bases.some((b) => /(^|\.)(Model|Base|DeclarativeBase)$/.test(b)) || (c.bases.includes('SQLModel') && c.bases.some((b) => /table\s*=\s*True/.test(b))))
    .map((c) => ({
      name: c.name,
      file: m.file,
      line: c.line,
      fields: m.assignments.filter((a) => a.scope === 'class' && a.className === c.name).map((a) => ({ name: a.target, text: `${a.annotation ?? ''} ${a.value.text}` })),
    }));
}

function mongooseModels(m: CodeModel): ModelDef[] {
  const out: ModelDef[] = [];
  for (const c of m.calls) {
    if (c.callee !== 'mongoose.model' && c.callee !== 'model') continue;
    const name = c.args[0]?.value;
    const schemaVar = c.args[1]?.text;
    if (!name || !schemaVar) continue;
    const a = m.assignments.find((x) => x.target === schemaVar && x.value.kind === 'call' && /Schema$/.test(x.value.callee ?? ''));
    const schemaCall = a?.value.call !== undefined ? m.calls[a.value.call] : undefined;
    const fields = (schemaCall?.args[0]?.entries ?? []).map((e) => ({ name: e.key, text: e.value.text }));
    out.push({ name, file: m.file, line: a?.line ?? c.line, fields });
  }
  return out;
}

function prismaModels(repo: RepoContext): ModelDef[] {
  const out: ModelDef[] = [];
  for (const f of repo.discovery.files) {
    if (!f.path.endsWith('.prisma')) continue;
    let cur: ModelDef | null = null;
    repo.lines(f.path).forEach((text, i) => {
      const open = /^\s*model\s+(\w+)\s*\{/.exec(text);
      if (open) cur = { name: open[1], file: f.path, line: i + 1, fields: [] };
      else if (cur && /^\s*\}/.test(text)) { out.push(cur); cur = null; }
      else if (cur) {
        const field = /^\s*(\w+)\s+(\S+)(.*)$/.exec(text);
        if (field && !text.trim().startsWith('//') && !text.trim().startsWith('@@')) cur.fields.push({ name: field[1], text: `${field[2]}${field[3]}`.replace(/^User\b/, "ref: 'User'") });
      }
    });
  }
  return out;
}

function writesOf(s: Scanned, model: string): number[] {
  const lc = model[0].toLowerCase() + model.slice(1);
  // Built once per model and file, not once per call: this runs over every call of every file.
  const pyCreate = new RegExp(`(^|\\.)${model}\\.(objects\\.(create|bulk_create|get_or_create)|create)$`);
  const jsCreate = new RegExp(`(^|\\.)(${lc}|${model})\\.(create|createMany|insertMany|upsert)$`);
  const lines = s.model.calls
    .filter((c) =>
      s.python
        ? c.callee === model || c.callee.endsWith(`.${model}`) || pyCreate.test(c.callee)
        : jsCreate.test(c.callee) || (c.isNew === true && c.callee === model),
    )
    .map((c) => c.line);
  return [...new Set(lines)];
}

export function retentionJobs(repo: RepoContext, files: readonly Scanned[]): Job[] {
  const out: Job[] = [];
  for (const s of files) {
    const add = (detail: string, line: number) => out.push({ detail, evidence: repo.ev(s.file.path, line), service: s.file.service });
    const m = s.model;
    for (const c of m.calls) {
      if (/^(delete|delete_many|deleteMany|destroy|remove|deleteOne)$/.test(c.name) || /(^|\.)delete\(\)\.where$/.test(c.callee)) {
        // The calls of the same statement (`Model.objects.filter(created__lt=…).delete()`).
        const bounded = m.calls.some((x) => x.line >= c.line && x.line <= c.endLine && dateBounded(x)) || dateBounded(c);
        if (bounded) { add(`date-bounded ${c.callee}()`, c.line); continue; }
      }
      const sql = c.args.find((a) => (a.kind === 'string' || a.kind === 'fstring') && DELETE_SQL.test(a.value ?? a.text));
      if (sql) { add('DELETE … WHERE <date> SQL', c.line); continue; }
      if (c.args.some(hasTtlKey) || Object.values(c.kwargs).some(hasTtlKey)) add('TTL index', c.line);
    }
  }
  return out;
}

/** A dict literal, at any depth of the value, with an `expireAfterSeconds` / `expires` key (walked in place: this runs for every call). */
function hasTtlKey(v: Value): boolean {
  if (v.entries) for (const e of v.entries) if (e.key === 'expireAfterSeconds' || e.key === 'expires' || hasTtlKey(e.value)) return true;
  if (v.items) for (const item of v.items) if (hasTtlKey(item)) return true;
  return false;
}

/** `created_at__lt=…` kwargs, a `<` / `<=` comparison argument, `{ lt: … }` / `{ $lt: … }`, or `LessThan(…)`. */
function dateBounded(c: { name: string; args: { kind: string; op?: string; text: string }[]; kwargs: Record<string, unknown> }): boolean {
  if (Object.keys(c.kwargs).some((k) => /__(lt|lte|range)$/.test(k))) return true;
  if (c.name === 'LessThan' || c.name === 'LessThanOrEqual') return true;
  for (const a of c.args) {
    if (a.kind === 'binop' && (a.op === '<' || a.op === '<=' || a.op === '>' || a.op === '>=') && /(created|updated|date|time|_at\b|At\b|expire|age)/i.test(a.text)) return true;
    for (const v of walkValue(a as never)) if ((v.entries ?? []).some((e) => /^\$?(lt|lte)$/.test(e.key))) return true;
  }
  return false;
}
