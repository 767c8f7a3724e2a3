/** The `frontends` fact: each React / Next.js / Vite front end with what the fe checks read (see types/frontend.ts). */
import type { FactMap, FrontendApp } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { collectApiUrls } from './api-urls.js';
import { collectAppShells } from './apps.js';
import { collectErrorBoundaries } from './boundaries.js';
import { collectIconButtons } from './icon-buttons.js';
import { collectOffline } from './offline.js';

export function collectFrontends(repo: RepoContext, facts: FactMap): FrontendApp[] {
  return collectAppShells(repo, facts).map((shell) => {
    const { app } = shell;
    app.errorBoundaries = collectErrorBoundaries(repo, shell);
    const buttons = collectIconButtons(repo, shell);
    app.unlabelledIconButtons = buttons.unlabelled;
    app.labelledIconButtons = buttons.labelled;
    const urls = collectApiUrls(repo, shell);
    app.hardcodedApiUrls = urls.hardcoded;
    app.configuredApiUrls = urls.configured;
    const offline = collectOffline(repo, shell, facts.dependencies);
    app.apiCalls = offline.apiCalls;
    app.offlineHandling = offline.offlineHandling;
    return app;
  });
}
