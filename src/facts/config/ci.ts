/**
 * CI configurations (fact CiConfig): GitHub Actions, GitLab CI and CircleCI read in detail (triggers,
 * jobs, every shell command with its line, blocking or not, running tests or not); Azure, Bitbucket,
 * Buildkite, Travis, Drone, Woodpecker and AppVeyor read coarsely; Jenkinsfiles recorded as present.
 * Malformed YAML lands in repo.errors and whatever parsed is kept.
 */
import type { CiConfig, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { githubConfigs } from './ci-github.js';
import { gitlabConfig } from './ci-gitlab.js';
import { otherConfigs } from './ci-other.js';

export function collectCiConfigs(repo: RepoContext, _facts: FactMap): CiConfig[] {
  const out: CiConfig[] = [...githubConfigs(repo)];
  for (const f of repo.discovery.files) {
    if (f.role === 'fixture' || f.role === 'test' || !/(^|\/)\.gitlab-ci\.ya?ml$/.test(f.path)) continue;
    const c = gitlabConfig(repo, f.path);
    if (c) out.push(c);
  }
  out.push(...otherConfigs(repo));
  return out;
}
