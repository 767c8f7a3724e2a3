/**
 * The facts the report sections read, gathered once. A fact that fails to compute leaves its
 * sections shorter, never the report broken: the failure is already listed in the run's errors.
 * Section builders take this plain object, so tests can hand-make one.
 */
import type {
  AppEntry,
  DbEngine,
  Dependency,
  FactMap,
  HttpCall,
  LlmCall,
  LlmClient,
  Marker,
  Route,
  ShellScript,
  SqliteUse,
  StartCommand,
  TaskDef,
} from '../facts/fact-map.js';

export interface ReportFacts {
  appEntries: AppEntry[];
  routes: Route[];
  dbEngines: DbEngine[];
  sqliteUses: SqliteUse[];
  dependencies: Dependency[];
  tasks: TaskDef[];
  llmClients: LlmClient[];
  llmCalls: LlmCall[];
  httpCalls: HttpCall[];
  startCommands: StartCommand[];
  startScripts: ShellScript[];
  markers: Marker[];
}

export const NO_FACTS: ReportFacts = {
  appEntries: [],
  routes: [],
  dbEngines: [],
  sqliteUses: [],
  dependencies: [],
  tasks: [],
  llmClients: [],
  llmCalls: [],
  httpCalls: [],
  startCommands: [],
  startScripts: [],
  markers: [],
};

export function gatherFacts(facts: FactMap): ReportFacts {
  const out = { ...NO_FACTS } as Record<keyof ReportFacts, unknown>;
  for (const key of Object.keys(NO_FACTS) as (keyof ReportFacts)[]) {
    try {
      out[key] = facts[key];
    } catch {
      out[key] = [];
    }
  }
  return out as unknown as ReportFacts;
}
