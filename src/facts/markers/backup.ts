/**
 * Backup markers (kind 'backup'): evidence that the primary data is backed up or that the procedure
 * is written down. Four sources, strongest first:
 *  - a command that takes a backup (pg_dump, mysqldump, mongodump, litestream, wal-g, pgbackrest…) in a
 *    shell script, Makefile, CI workflow, Procfile, Dockerfile, compose or platform file, or a string
 *    passed to a call in application/script code (`subprocess.run(["pg_dump", …])`);
 *  - a managed-database backup setting in infrastructure code (`backup_retention_period = 7`);
 *  - a file named for backups (`scripts/backup.sh`, `.github/workflows/db-backup.yml`);
 *  - documentation: a Markdown heading about backups / restore / disaster recovery (preferred), a
 *    paragraph that talks about backing up data, or a backup command in a fenced code block.
 * Plain text is read line by line; Markdown goes through marked's lexer (config/markdown.ts).
 */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import type { Value } from '../code/model.js';
import { markdownBlocks } from '../config/markdown.js';

const TOOL = /(?<![\w-])(pg_dump|pg_dumpall|pg_basebackup|mysqldump|mariadb-dump|mydumper|mongodump|litestream|wal-g|wal-e|pgbackrest|barman|sqlite3\s+\S+\s+["']?\.backup)(?![\w-])/;
const INFRA = /\b(backup_retention_period|backup_retention_days|point_in_time_recovery_enabled|backup_window)\b\s*[=:]\s*"?[1-9a-z]/i;

const BACKUP_WORD = /\b(backups?|back(ing)?[- ]up|disaster[- ]recovery|point[- ]in[- ]time[- ]recovery|PITR)\b/i;
const RESTORE_WORD = /\brestor(e|es|ing)\b/i;
const DATA_CONTEXT = /\b(database|databases|db|postgres|postgresql|mysql|mariadb|mongo|mongodb|sqlite|data|dumps?|snapshots?|volumes?|restore|pg_dump|wal)\b/i;

/** Languages whose lines may hold a backup command (shell, CI, compose, Makefile, Dockerfile, Procfile, infra). */
const TEXT_LANGUAGES = new Set(['shell', 'yaml', 'toml', 'json', 'jsonc', 'text', 'dockerfile', 'ini', 'other']);
const SKIPPED_ROLES = new Set(['fixture', 'test', 'generated']);
/** Prose that describes past changes or licences, not how the system is run. */
const NOT_OPERATOR_DOCS = /(^|\/)(changelog|changes|history|license|licence|code_of_conduct|contributing)(\.\w+)?$/i;

function isComment(line: string): boolean {
  return /^\s*(#|\/\/|;|--)/.test(line);
}

/** `scripts/backup.sh`, `db-backup.yml`, `backups.md`; not `backup_codes.py` (2FA recovery codes). */
function isBackupFileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const words = base.split(/[^a-z0-9]+/);
  return words.some((w) => w === 'backup' || w === 'backups') && !words.some((w) => w === 'code' || w === 'codes' || w === 'email' || w === 'phone');
}

function valueStrings(v: Value): string[] {
  if (v.kind === 'string' && v.value) return [v.value];
  if (v.kind === 'fstring' && v.literal) return [v.literal];
  if (v.kind === 'list') return (v.items ?? []).flatMap(valueStrings);
  return [];
}

/** The first backup tool named in the string arguments (most calls have none: no arrays are built for them). */
function toolIn(values: Value[]): string | undefined {
  for (const v of values) {
    if (v.kind !== 'string' && v.kind !== 'fstring' && v.kind !== 'list') continue;
    for (const s of valueStrings(v)) {
      const hit = TOOL.exec(s)?.[1];
      if (hit) return hit;
    }
  }
  return undefined;
}

function codeMarkers(repo: RepoContext, out: Marker[]): void {
  for (const model of repo.models.values()) {
    const role = repo.file(model.file)?.role;
    if (role !== 'app' && role !== 'script') continue;
    for (const c of model.calls) {
      const hit = toolIn(c.args) ?? toolIn(Object.values(c.kwargs));
      if (hit) out.push({ kind: 'backup', detail: hit.split(/\s/)[0], evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), scope: 'repo' });
    }
  }
}

function textMarkers(repo: RepoContext, out: Marker[]): void {
  for (const f of repo.discovery.files) {
    if (SKIPPED_ROLES.has(f.role) || !TEXT_LANGUAGES.has(f.language) && !f.path.endsWith('.tf')) continue;
    if (f.language === 'json' && !f.path.endsWith('package.json')) continue;
    if (/\.(lock)$|lock\.json$|lock\.ya?ml$/.test(f.path)) continue;
    const lines = repo.lines(f.path);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (isComment(line)) continue;
      const tool = TOOL.exec(line)?.[1];
      const infra = !tool && f.path.endsWith('.tf') ? INFRA.exec(line)?.[1] : undefined;
      if (!tool && !infra) continue;
      out.push({ kind: 'backup', detail: (tool ?? infra ?? '').split(/\s/)[0], evidence: repo.ev(f.path, i + 1), scope: 'repo' });
      break; // one line per file is proof enough
    }
  }
}

function fileNameMarkers(repo: RepoContext, out: Marker[]): void {
  for (const f of repo.discovery.files) {
    if (SKIPPED_ROLES.has(f.role) || !isBackupFileName(f.path)) continue;
    if (/\.(sql|dump|gz|bak|tar|zip|bz2|xz|db|sqlite3?)$/i.test(f.path)) continue; // a dump itself is data, not a strategy
    out.push({ kind: 'backup', detail: 'backup file', evidence: { file: f.path, line: 0, snippet: '', note: 'file named for backups' }, scope: 'repo' });
  }
}

function docMarkers(repo: RepoContext, out: Marker[]): void {
  for (const f of repo.discovery.files) {
    if (f.language !== 'markdown' || SKIPPED_ROLES.has(f.role) || NOT_OPERATOR_DOCS.test(f.path)) continue;
    let blocks;
    try {
      blocks = markdownBlocks(repo.read(f.path) ?? '');
    } catch {
      continue; // docs.ts reports unreadable Markdown
    }
    const lines = repo.lines(f.path);
    const lineWith = (from: number, to: number, re: RegExp) => {
      for (let l = from; l <= to; l++) if (re.test(lines[l - 1] ?? '')) return l;
      return from;
    };
    for (const b of blocks) {
      if (b.type === 'heading') {
        const about = BACKUP_WORD.test(b.text) || (RESTORE_WORD.test(b.text) && DATA_CONTEXT.test(b.text.replace(RESTORE_WORD, '')));
        if (about) out.push({ kind: 'backup', detail: 'documented', evidence: repo.ev(f.path, b.line, { note: 'heading' }), scope: 'repo' });
      } else if (b.type === 'paragraph') {
        const about = (BACKUP_WORD.test(b.text) && DATA_CONTEXT.test(b.text.replace(BACKUP_WORD, ''))) || (RESTORE_WORD.test(b.text) && /\b(dumps?|snapshots?|backups?)\b/i.test(b.text));
        if (about) {
          const re = BACKUP_WORD.test(b.text) ? BACKUP_WORD : RESTORE_WORD;
          out.push({ kind: 'backup', detail: 'documented', evidence: repo.ev(f.path, lineWith(b.line, b.endLine, re), { note: 'paragraph' }), scope: 'repo' });
        }
      } else if (b.type === 'code' && TOOL.test(b.text)) {
        const l = lineWith(b.line, b.endLine, TOOL);
        out.push({ kind: 'backup', detail: TOOL.exec(b.text)?.[1].split(/\s/)[0] ?? 'documented', evidence: repo.ev(f.path, l, { note: 'documented command' }), scope: 'repo' });
      }
    }
  }
}

export function backupMarkers(repo: RepoContext, _facts: FactMap): Marker[] {
  const out: Marker[] = [];
  textMarkers(repo, out);
  codeMarkers(repo, out);
  fileNameMarkers(repo, out);
  docMarkers(repo, out);
  return out;
}
