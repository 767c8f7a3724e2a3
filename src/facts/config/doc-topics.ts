/**
 * Operational topics a repository documents (fact DocTopics): rollback, incident response,
 * architecture, monitoring / alerting, security policy; and the READMEs with their setup steps.
 *
 * Order of trust: a heading naming the topic first, then a sentence of a paragraph (two keywords in
 * one sentence), then a command in a fenced block, then file-name conventions (SECURITY.md,
 * ARCHITECTURE.md, docs/adr/). Changelogs, release notes, codes of conduct and licences are
 * skipped: "Rollback of the v2 parser" in a changelog entry is history, not a procedure.
 * .mdx pages count (a docs site in the repository is documentation the team maintains).
 */
import type { Evidence } from '../../core/evidence.js';
import { evidenceForFile } from '../../core/evidence.js';
import type { DocTopicKind, DocTopics, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { lineOf, parseDoc, sentences, type ParsedDoc } from './doc-sections.js';
import { uptimeChecks } from './uptime-checks.js';

/** Files whose headings are history or conduct rules, never procedures. */
const NOT_PROCEDURE = /(^|\/)(change-?log|changes|history|news|releases|release[-_]notes|code[-_]of[-_]conduct|licen[cs]e|authors|contributors)([-_.][^/]*)?$|(^|\/)(changelog|release-?notes|releases)\//i;
/** GitHub shows the first of these as the repository's README. */
const README = /^(\.github\/|docs\/)?readme(\.(md|markdown|mdx|rst|txt|adoc))?$/i;

interface TopicRules {
  heading: RegExp;
  /** A sentence must match every one of these (kept strict: paragraphs are weaker than headings). */
  sentence?: RegExp[];
  /** A command in a fenced block that performs the procedure. */
  command?: RegExp;
  /** A heading that counts only when its section matches `sectionNeeds` (a generic "Overview"). */
  weakHeading?: RegExp;
  sectionNeeds?: RegExp;
  /** File-name conventions (repository paths). */
  file?: RegExp;
}

const TOPICS: Record<DocTopicKind, TopicRules> = {
  rollback: {
    heading: /\broll(?:ing|ed)?[- ]?backs?\b|\brevert(?:ing)?\s+(?:a\s+|the\s+)?(?:deploy(?:ment)?|release)s?\b|\b(?:previous|last good)\s+(?:release|version|deploy(?:ment)?|image)\b/i,
    sentence: [/\broll(?:ing)?[- ]?back\b|\brollback\b|\brevert\b/i, /\b(deploy(?:ment)?s?|releases?|versions?|images?|previous|tags?)\b/i],
    command: /\b(kubectl\s+rollout\s+undo|helm\s+rollback|heroku\s+(releases:)?rollback|fly(ctl)?\s+deploy\s+--image|vercel\s+rollback|railway\s+rollback|gcloud\s+run\s+services\s+update-traffic)\b/i,
  },
  incident: {
    heading: /\bincident[- ](?:response|management|process|procedures?|handling|playbooks?|runbooks?)\b|^\W*incidents?\W*$|\bon[- ]?call\b|\boncall\b|\bescalation\b|\bpost[- ]?mortems?\b|\bpager\b/i,
    sentence: [/\bon[- ]?call\b|\boncall\b|\bpost[- ]?mortems?\b|\bincident[- ](?:response|commander)\b|\bescalat(?:e|ion)\s+(?:to|path|polic(?:y|ies))\b/i],
    file: /(^|\/)(incident[-_ ]?response|incidents|on-?call|post-?mortems?)(\/|\.(md|mdx|markdown|rst|txt)$)/i,
  },
  architecture: {
    heading: /\barchitecture\b|\bsystem[- ]design\b|\b(?:design|system|component)s?\s+overview\b|\barchitecture diagram\b/i,
    weakHeading: /^\W*(overview|how it works|design|components)\W*$/i,
    sectionNeeds: /^\s*(```|~~~)\s*(mermaid|plantuml|puml|dot|graphviz)\b|!\[[^\]]*\]\([^)]+\)|<img\s/im,
    file: /(^|\/)architecture(\.(md|mdx|markdown|rst|txt|adoc)|\/)|(^|\/)docs?\/(architecture|design|system-design)[^/]*$|(^|\/)(adrs?|decisions|architecture-decisions)\/[^/]+\.(md|mdx|markdown|rst)$|\.(drawio|puml|mmd)$/i,
  },
  monitoring: {
    heading: /\bmonitoring\b|\balerting\b|\balerts\b|\buptime\b|\bslos?\b|\bservice[- ]level (?:objectives?|indicators?)\b|\bobservability\b|\b(grafana|datadog|prometheus|pingdom|checkly|uptime ?robot|better ?uptime|statuscake)\b/i,
    sentence: [/\b(uptime ?robot|better ?(uptime|stack)|pingdom|checkly|statuscake|uptime kuma|healthchecks\.io|cronitor)\b|\balert(?:s|ing)?\b.*\b(slack|pagerduty|opsgenie|e-?mail|pages?|on-?call)\b/i],
  },
  security: {
    heading: /\breport(?:ing)?\b.*\b(vulnerabilit(?:y|ies)|security (?:issues?|bugs?|problems?))\b|\bsecurity (?:policy|disclosure|vulnerabilit(?:y|ies)|issues?|contact)\b|\b(responsible|coordinated|vulnerability) disclosure\b|\bbug bounty\b/i,
    weakHeading: /^\W*security\W*$/i,
    sectionNeeds: /\bvulnerab|\bdisclos|\breport\b|\bsecurity@|[\w.+-]+@[\w-]+\.[\w.]+/i,
    file: /^(\.github\/|docs\/)?security(\.(md|markdown|mdx|txt|rst))?$|(^|\/)\.well-known\/security\.txt$/i,
  },
};

const SETUP_HEADING = /\b(install(?:ation|ing)?|set[- ]?up|setting up|getting[- ]started|get started|quick[- ]?start|run|running|how to (?:use|start)|usage|development|develop(?:ing)?|local(?:ly)?|build(?:ing)?|deploy(?:ing|ment)?|prerequisites|requirements|start(?:ing)?)\b/i;
/** A shell command that installs or starts something (inside a fenced block, or a `$ ` line of a plain-text README). */
const SETUP_COMMAND = /^\s*(?:\$\s*)?(?:sudo\s+)?(pip3?|pipx|poetry|uv|pipenv|conda|npm|npx|yarn|pnpm|bun|docker|docker-compose|podman|make|python3?|uvicorn|gunicorn|flask|node|deno|git clone|cp \.env|\.\/manage\.py|django-admin|cargo|go (?:run|build)|just|task)\b/m;

/** A setup guide by file name, or by a heading of a docs page / CONTRIBUTING (stricter than README headings). */
const SETUP_DOC = /(^|\/)(install(ation|ing)?|getting[-_]started|quick[-_]?start|setup|local[-_]development)[^/]*\.(md|mdx|markdown)$/i;
const SETUP_GUIDE_HEADING = /\b(installation|installing|getting started|quick ?start|local development|development (setup|environment)|setting up)\b/i;

function isProcedureDoc(path: string): boolean {
  return !NOT_PROCEDURE.test(path.replace(/\.(md|markdown|mdx|rst|txt)$/i, ''));
}

export function collectDocTopics(repo: RepoContext, facts: FactMap): DocTopics {
  const topics: Record<DocTopicKind, Evidence[]> = { rollback: [], incident: [], architecture: [], monitoring: [], security: [] };
  const readmes: DocTopics['readmes'] = [];
  const setupDocs: Evidence[] = [];
  for (const f of repo.discovery.files) {
    if (f.role === 'fixture' || f.role === 'test' || f.role === 'generated') continue;
    for (const kind of Object.keys(TOPICS) as DocTopicKind[]) {
      const re = TOPICS[kind].file;
      if (re && re.test(f.path) && isProcedureDoc(f.path)) topics[kind].push(evidenceForFile(f.path, `${kind} documentation file`));
    }
    const isReadme = README.test(f.path);
    if (f.language !== 'markdown') {
      if (isReadme) readmes.push({ file: f.path, setup: plainReadmeSetup(repo, f.path) });
      continue;
    }
    const text = repo.read(f.path);
    if (text === undefined) continue;
    let doc: ParsedDoc;
    try {
      doc = parseDoc(text);
    } catch {
      continue; // docs.ts reports unreadable Markdown once
    }
    if (isReadme) readmes.push({ file: f.path, setup: markdownSetup(repo, f.path, doc) });
    else if (SETUP_DOC.test(f.path)) {
      const h = doc.blocks.find((b) => b.type === 'heading');
      setupDocs.push(h ? repo.ev(f.path, h.line) : evidenceForFile(f.path, 'setup guide'));
    } else if (/(^|\/)(docs?|contributing)(\/|\.|$)/i.test(f.path)) {
      const h = doc.blocks.find((b) => b.type === 'heading' && SETUP_GUIDE_HEADING.test(b.text));
      if (h) setupDocs.push(repo.ev(f.path, h.line));
    }
    if (!isProcedureDoc(f.path)) continue;
    for (const kind of Object.keys(TOPICS) as DocTopicKind[]) topics[kind].push(...findTopic(repo, f.path, doc, TOPICS[kind]));
  }
  topics.monitoring.push(...uptimeChecks(repo, facts));
  return { readmes, setupDocs, topics };
}

function findTopic(repo: RepoContext, path: string, doc: ParsedDoc, rules: TopicRules): Evidence[] {
  const out: Evidence[] = [];
  for (const s of doc.sections) {
    const h = s.heading;
    if (!h) continue;
    const text = h.text.trim();
    if (rules.heading.test(text)) out.push(repo.ev(path, h.line));
    else if (rules.weakHeading?.test(text) && rules.sectionNeeds?.test(s.raw.split('\n').slice(1).join('\n'))) out.push(repo.ev(path, h.line));
  }
  if (out.length > 0) return out;
  for (const b of doc.blocks) {
    if (b.type === 'paragraph' && rules.sentence) {
      const hit = sentences(b.text).find((sen) => rules.sentence!.every((re) => re.test(sen)));
      if (hit) out.push(repo.ev(path, lineOf(doc.lines, b.line, b.endLine, rules.sentence[0])));
    } else if (b.type === 'code' && rules.command?.test(b.text)) {
      out.push(repo.ev(path, lineOf(doc.lines, b.line, b.endLine, rules.command)));
    }
  }
  return out;
}

/** Setup in a Markdown README: a heading about installing / running, else a fenced block of such commands. */
function markdownSetup(repo: RepoContext, path: string, doc: ParsedDoc): Evidence[] {
  const headings = doc.blocks.filter((b) => b.type === 'heading' && SETUP_HEADING.test(b.text)).map((b) => repo.ev(path, b.line));
  if (headings.length > 0) return headings;
  return doc.blocks.filter((b) => b.type === 'code' && SETUP_COMMAND.test(b.text)).map((b) => repo.ev(path, lineOf(doc.lines, b.line, b.endLine, SETUP_COMMAND)));
}

/** README.rst / README.txt: an underlined title about setup, or an install / run command line. */
function plainReadmeSetup(repo: RepoContext, path: string): Evidence[] {
  const lines = repo.lines(path);
  for (let i = 0; i < lines.length; i++) {
    const titled = i + 1 < lines.length && /^\s*([=\-~^*#])\1{2,}\s*$/.test(lines[i + 1]) && SETUP_HEADING.test(lines[i]);
    // A command counts on a literal line only (`$ pip install …`, an indented rst block): prose lines start with words too.
    const literal = /^(\s{2,}|\t|\s*\$\s)/.test(lines[i]) && SETUP_COMMAND.test(lines[i]);
    if (titled || literal) return [repo.ev(path, i + 1)];
  }
  return [];
}
