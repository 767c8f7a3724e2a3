/**
 * Dockerfiles, parsed with dockerfile-ast: the stages (FROM image, tag, digest, `AS name`), the user
 * each stage ends with, HEALTHCHECK, CMD/ENTRYPOINT, and every instruction with its evidence.
 * A malformed file is reported in repo.errors and what parsed is still used.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { Evidence } from '../../core/evidence.js';
import type { DockerfileFact, DockerStage, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { hasVariable, parseImageRef, substituteArgs } from './docker-ref.js';

const KEYWORDS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER',
  'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

/** `Dockerfile.dev`, `dev.Dockerfile`, `Dockerfile.local`, `Dockerfile.test`, `Dockerfile.ci`, `docker/dev/Dockerfile`, a dev container: never what production builds. */
export function isDevDockerfile(path: string): boolean {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  const dirs = lower.split('/').slice(0, -1);
  if (dirs.some((d) => d === '.devcontainer' || d === 'dev' || d === 'development' || d === 'local')) return true;
  const DEV = '(dev|develop|development|local|test|tests|testing|debug|ci|e2e|playwright|cypress)';
  return new RegExp(`^(dockerfile|containerfile)[.-]${DEV}$`).test(name) || new RegExp(`(^|[.-])${DEV}\\.(dockerfile|containerfile)$`).test(name);
}

interface StageDraft {
  stage: DockerStage;
  /** Index into instructions where the stage starts. */
  from: number;
  to: number;
}

export function collectDockerfiles(repo: RepoContext, _facts: FactMap): DockerfileFact[] {
  const out: DockerfileFact[] = [];
  for (const f of repo.discovery.files) {
    if (f.language !== 'dockerfile' || f.role === 'fixture' || f.role === 'test' || f.role === 'generated') continue;
    const text = repo.read(f.path);
    if (text === undefined) continue;
    try {
      const fact = parseDockerfile(repo, f.path, text);
      if (fact) out.push(fact);
    } catch (e) {
      repo.errors.push({ path: f.path, message: `could not parse Dockerfile: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return out;
}

function parseDockerfile(repo: RepoContext, file: string, text: string): DockerfileFact | null {
  const df = DockerfileParser.parse(text);
  const all = df.getInstructions();
  if (all.length === 0) {
    repo.errors.push({ path: file, message: 'Dockerfile has no instructions' });
    return null;
  }
  const ev = (ins: Instruction): Evidence => {
    const r = ins.getRange();
    return repo.ev(file, r.start.line + 1, { endLine: r.end.line + 1 });
  };
  const instructions = all.map((ins) => ({ keyword: ins.getKeyword().toUpperCase(), args: ins.getArgumentsContent() ?? '', evidence: ev(ins) }));
  for (let i = 0; i < all.length; i++) {
    const kw = instructions[i].keyword;
    if (!KEYWORDS.has(kw)) repo.errors.push({ path: file, message: `line ${instructions[i].evidence.line}: unknown instruction ${kw}` });
  }

  // ARGs declared before the first FROM are the ones a FROM line may use.
  const globalArgs = new Map<string, string | null>();
  for (const a of df.getInitialARGs()) {
    const p = a.getProperty();
    if (p?.getName()) globalArgs.set(p.getName(), p.getValue());
  }

  const drafts: StageDraft[] = [];
  for (let i = 0; i < all.length; i++) {
    if (instructions[i].keyword !== 'FROM') continue;
    const from = df.getFROMs().find((x) => x.getRange().start.line === all[i].getRange().start.line);
    const image = from?.getImage() ?? null;
    if (!from || !image) {
      repo.errors.push({ path: file, message: `line ${instructions[i].evidence.line}: FROM without an image` });
      continue;
    }
    const ref = parseImageRef(image);
    const stage: DockerStage = {
      image: ref.image,
      tag: ref.tag,
      digest: ref.digest,
      name: from.getBuildStage(),
      evidence: instructions[i].evidence,
      user: null,
      userName: null,
    };
    if (hasVariable(image)) {
      const sub = substituteArgs(image, globalArgs);
      stage.resolved = sub === null ? null : parseImageRef(sub);
    }
    if (drafts.length) drafts[drafts.length - 1].to = i;
    drafts.push({ stage, from: i, to: all.length });
  }
  if (drafts.length === 0) repo.errors.push({ path: file, message: 'Dockerfile has no FROM instruction' });

  for (const d of drafts) {
    for (let i = d.from + 1; i < d.to; i++) {
      if (instructions[i].keyword !== 'USER') continue;
      d.stage.user = instructions[i].evidence;
      d.stage.userName = instructions[i].args.trim();
    }
  }

  const finalChain = stageChain(drafts);
  const lastIn = (keywords: string[]): { keyword: string; args: string; evidence: Evidence } | null => {
    for (const d of finalChain) {
      for (let i = d.to - 1; i > d.from; i--) if (keywords.includes(instructions[i].keyword)) return instructions[i];
    }
    return null;
  };
  const hc = lastIn(['HEALTHCHECK']);
  const cmd = lastIn(['CMD']) ?? lastIn(['ENTRYPOINT']);
  return {
    file,
    devOnly: isDevDockerfile(file),
    stages: drafts.map((d) => d.stage),
    healthcheck: hc && !/^none\b/i.test(hc.args.trim()) ? hc.evidence : null,
    cmd: cmd?.evidence ?? null,
    instructions,
  };
}

/** The final stage, then the earlier stages it is built FROM (a `FROM builder` inherits their settings). */
function stageChain(drafts: StageDraft[]): StageDraft[] {
  const chain: StageDraft[] = [];
  let cur: StageDraft | undefined = drafts[drafts.length - 1];
  while (cur && !chain.includes(cur)) {
    chain.push(cur);
    const ref = cur.stage.image.toLowerCase();
    const idx = drafts.indexOf(cur);
    cur = drafts.slice(0, idx).reverse().find((d) => d.stage.name?.toLowerCase() === ref);
  }
  return chain;
}
