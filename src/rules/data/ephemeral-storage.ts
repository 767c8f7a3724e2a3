import { defineRule, fail, notApplicable, pass, plural, type Finding, type FixKey } from '../../core/rule.js';
import type { StorageDeploy } from '../../facts/fact-map.js';

const DEPLOY_NAMES: Record<StorageDeploy['source'], string> = { dockerfile: 'a container (Dockerfile)', fly: 'Fly.io', render: 'Render', railway: 'Railway' };

export default defineRule({
  meta: {
    id: 'ephemeral-storage',
    area: 'data',
    severity: 'critical',
    title: 'Files the app writes live on persistent storage',
    failureTitle: 'Data is written to the container filesystem, which is wiped on every deploy',
    why:
      'A container\'s filesystem is rebuilt from the image on every deploy, restart and scale-out (Fly, Railway, Render, Cloud Run, Kubernetes all work this way). A SQLite database or an uploads folder written there looks fine in testing, then silently loses every user, order and uploaded file at the next deploy. ' +
      'With more than one instance each has its own copy, so users see different data depending on which instance answers.',
    fix: {
      default: 'Move the data to a managed database and object storage (S3, R2, GCS), or declare a persistent volume mounted where the file is written.',
      docker: 'Mount a volume at the data directory (`volumes: ["app-data:/app/data"]` in compose, a named volume or PVC in production) and point the SQLite path / upload folder inside it.',
      fly: 'Create a volume (`fly volumes create data`) and mount it in fly.toml: `[mounts]\\n  source = "data"\\n  destination = "/data"`; write the SQLite file / uploads under /data.',
      render: 'Add a disk to the service in render.yaml: `disk: { name: data, mountPath: /var/data, sizeGB: 1 }`, and write files under it.',
      railway: 'Attach a volume to the service (Railway → service → Volumes) at /data and write the SQLite file / uploads there, or move to Railway Postgres and object storage.',
      py: 'Use PostgreSQL through DATABASE_URL instead of a SQLite file, and store uploads in S3-compatible storage (`boto3.client("s3").upload_fileobj(...)`).',
      node: 'Use PostgreSQL through DATABASE_URL instead of a SQLite file, and stream uploads to object storage (`multer-s3`, `@aws-sdk/lib-storage`) instead of `multer({ dest })`.',
    },
    examples: {
      bad: 'engine = create_engine("sqlite:///./app.db")  # inside the container image',
      good: '# fly.toml\n[mounts]\n  source = "data"\n  destination = "/data"\n# app: create_engine("sqlite:////data/app.db")',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['docker', 'platform'],
    needs: ['storage'],
    confidence: 'medium',
  },
  check({ storage }) {
    const { stores, deploys, volumes } = storage;
    if (deploys.length === 0) return notApplicable('not deployed in a container or on a platform');
    if (stores.length === 0) return notApplicable('the app keeps no SQLite file or uploads on local disk');
    const findings: Finding[] = [];
    const covered = new Set<string>();
    for (const s of stores) {
      const where = deploys.filter((d) => d.service === s.service || d.service === '');
      if (where.length === 0) continue;
      const vols = volumes.filter((v) => v.service === s.service || v.service === '' || v.source === 'compose');
      if (vols.length > 0) {
        for (const v of vols) covered.add(`${v.evidence.file}:${v.evidence.line}`);
        continue;
      }
      const d = where.find((x) => x.source !== 'dockerfile') ?? where[0];
      const stack: FixKey = d.source === 'dockerfile' ? 'docker' : d.source;
      findings.push({
        message: `${s.what[0].toUpperCase()}${s.what.slice(1)} is written inside ${DEPLOY_NAMES[d.source]} with no volume declared: it is lost on every deploy or restart`,
        evidence: [s.evidence, d.evidence],
        stack,
      });
    }
    if (findings.length > 0) return fail(findings);
    const vols = volumes.filter((v) => covered.has(`${v.evidence.file}:${v.evidence.line}`));
    if (vols.length === 0) return notApplicable('no file-based store in a deployed service');
    return pass(`${plural(stores.length, 'file-based store')} on a declared volume (${vols.map((v) => v.target).slice(0, 3).join(', ')})`, vols.slice(0, 5).map((v) => v.evidence));
  },
});
