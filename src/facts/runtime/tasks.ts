/**
 * Background tasks and their time limits: Celery and Dramatiq (tasks-celery.ts), BullMQ and Bull
 * (tasks-bull.ts). RQ is not listed: its jobs are plain functions and every job already carries
 * RQ's default 180-second job timeout.
 */
import type { FactMap, TaskDef } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { nodeTasks } from './tasks-bull.js';
import { celeryTasks } from './tasks-celery.js';

export function collectTasks(repo: RepoContext, facts: FactMap): TaskDef[] {
  return [...celeryTasks(repo, facts), ...nodeTasks(repo)];
}
