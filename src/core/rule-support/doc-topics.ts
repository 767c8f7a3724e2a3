/**
 * The shared judgement of the documentation-topic checks (rollback, incident response,
 * architecture, monitoring, security policy): pass with where the topic is documented, fail
 * anchored at the README (or the manifest, or the shallowest code file) where the section belongs.
 */
import { evidenceForFile } from '../evidence.js';
import { fail, notApplicable, pass, plural, type RuleResult } from '../rule.js';
import type { DocTopicKind, FactMap } from '../../facts/fact-map.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py|Pipfile)$/;
const README = /^(\.github\/|docs\/)?readme(\.(md|markdown|mdx|rst|txt|adoc))?$/i;

export interface TopicTexts {
  /** "rollback procedure documented" — followed by the count of places. */
  documented: string;
  missing: string;
  note: string;
}

export function docTopicCheck(facts: Pick<FactMap, 'docTopics' | 'files'>, topic: DocTopicKind, texts: TopicTexts): RuleResult {
  const { docTopics, files } = facts;
  const appCode = files.filter((f) => f.role === 'app' && CODE.has(f.language));
  if (appCode.length === 0) return notApplicable('no application code to operate');
  const found = docTopics.topics[topic];
  if (found.length > 0) return pass(`${texts.documented} (${plural(found.length, 'place')})`, found.slice(0, 5));
  const byDepth = (a: { path: string }, b: { path: string }) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1);
  const usable = files.filter((f) => f.role !== 'fixture' && f.role !== 'test');
  const anchor =
    usable.filter((f) => README.test(f.path)).sort(byDepth)[0]?.path ??
    usable.filter((f) => MANIFEST.test(f.path)).sort(byDepth)[0]?.path ??
    [...appCode].sort(byDepth)[0].path;
  return fail([{ message: texts.missing, evidence: [evidenceForFile(anchor, texts.note)] }]);
}
