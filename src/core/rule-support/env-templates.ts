/**
 * Which env templates document a file's environment: those in its folder or a folder above it (a root
 * `.env.example` covers the whole repository), and those of its own service wherever in the service
 * they sit (`docker/.env.example` of a root service). `frontend/template.env` covers the front end
 * only, so a back end beside it that reads forty variables has no template (env-example-missing),
 * rather than forty variables "missing from frontend/template.env".
 */
import type { EnvTemplate } from '../../facts/fact-map.js';
import { dirOf } from '../paths.js';

export function templatesCovering(file: string, templates: readonly EnvTemplate[], serviceOf: (path: string) => string): EnvTemplate[] {
  const service = serviceOf(file);
  return templates.filter((t) => {
    const dir = dirOf(t.file);
    return dir === '' || file.startsWith(`${dir}/`) || serviceOf(t.file) === service;
  });
}
