/**
 * Data the app keeps on its own disk (fact StorageFacts.stores):
 * - sqlite: a SQLite database file used in production (not a fallback that configuration replaces);
 * - uploads: files received from users and written to a local folder: multer `dest` /
 *   `multer.diskStorage`, Django `FileField` / `ImageField` with the default file storage (no
 *   django-storages / S3 backend declared), and Python or Node writes (`open(…, "wb")`,
 *   `shutil.copyfileobj`, `.save()`, `fs.writeFile`, `createWriteStream`) whose path names an
 *   upload or media folder.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, FileStore } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const UPLOAD_PATH = /upload|media/i;
const CLOUD_STORAGE = /(^|\.)(storages\.backends|S3Boto3Storage|GoogleCloudStorage|AzureStorage)|django-storages|cloudinary_storage/;

function mentionsUploadDir(v: Value | undefined): boolean {
  return !!v && UPLOAD_PATH.test(v.kind === 'string' ? (v.value ?? '') : v.text) && !/https?:\/\//.test(v.text);
}

function writesMode(v: Value | undefined): boolean {
  return v?.kind === 'string' && /[wax]/.test(v.value ?? '');
}

function pythonUpload(m: CodeModel, c: CallSite): string | undefined {
  if ((c.callee === 'open' || c.callee === 'aiofiles.open') && writesMode(c.args[1] ?? c.kwargs.mode) && mentionsUploadDir(c.args[0] ?? c.kwargs.file)) return 'a file written to an upload folder';
  if (c.callee === 'shutil.copyfileobj' && mentionsUploadDir(c.args[1])) return 'an upload copied to a local folder';
  if (c.name === 'save' && c.args.length >= 1 && mentionsUploadDir(c.args[0]) && !m.imports.some((i) => /^boto3|^google\.cloud|^azure/.test(i.module))) return 'an uploaded file saved to a local folder';
  if (/(^|\.)(FileField|ImageField)$/.test(c.callee) && !c.kwargs.storage && m.imports.some((i) => i.module.startsWith('django'))) return `a Django ${c.name} stored under MEDIA_ROOT`;
  return undefined;
}

function nodeUpload(c: CallSite): string | undefined {
  if (c.callee === 'multer.diskStorage') return 'multer.diskStorage';
  if (c.callee === 'multer' && c.args[0]?.entries?.some((e) => e.key === 'dest')) return 'multer({ dest })';
  if (/(^|\.)(writeFile|writeFileSync|createWriteStream)$/.test(c.callee) && mentionsUploadDir(c.args[0])) return 'a file written to an upload folder';
  return undefined;
}

export function fileStores(repo: RepoContext, facts: FactMap): FileStore[] {
  const out: FileStore[] = [];
  for (const s of facts.sqliteUses) {
    if (s.fallbackOnly) continue;
    out.push({ kind: 'sqlite', what: 'a SQLite database file', evidence: s.evidence, service: repo.file(s.evidence.file)?.service ?? '' });
  }
  // Django projects that declare a cloud storage backend keep FileField data off the container.
  const cloud = facts.dependencies.some((d) => /^(django-storages|cloudinary|django-cloudinary-storage)$/i.test(d.name)) || [...repo.models.values()].some((m) => m.assignments.some((a) => CLOUD_STORAGE.test(a.value.text)));
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || f.role !== 'app') continue;
    const seen = new Set<number>();
    for (const c of m.calls) {
      const what = m.language === 'python' ? pythonUpload(m, c) : nodeUpload(c);
      if (!what || seen.has(c.line) || (cloud && what.startsWith('a Django'))) continue;
      seen.add(c.line);
      out.push({ kind: 'uploads', what, evidence: repo.ev(m.file, c.line), service: f.service });
    }
  }
  return out;
}
