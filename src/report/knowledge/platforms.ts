/**
 * Operating commands per deployment platform, keyed by stack id. The runbook, the checklist and the
 * scaling notes build every command through these, so a Railway app never gets a Fly command.
 * Commands follow each CLI's documented form (railway ≥ 4, flyctl, render CLI v2, Docker Compose v2).
 */

export interface Step {
  text: string;
  /** What to type. */
  command?: string;
  /** Where `command` is typed when it is not a plain shell: the command that opens that shell. */
  shell?: string;
}

export interface PlatformOps {
  id: 'railway' | 'fly' | 'render' | 'docker-compose' | 'docker';
  title: string;
  logs: string;
  /** Runs one command inside the running service (its working directory, its environment). */
  exec(cmd: string): string;
  restart: string;
  rollback: Step;
  /** Opens psql on the platform's Postgres. */
  postgresShell: string;
  /** Opens redis-cli on the platform's Redis. */
  redisShell: string;
  /** How a variable is set on the platform. */
  setVariable: Step;
  scaleOut: Step;
  scaleUp: Step;
  /** Where CPU, memory and restarts are seen. */
  metrics: string;
  /** How a background process becomes a service of its own, scaled apart from the web one. */
  separateProcess(cmd: string): string;
  /** What the commands assume, so an operator is not surprised at 3 a.m. */
  prerequisites: string;
}

const quoted = (cmd: string) => `"${cmd.replace(/(["\\$`])/g, '\\$1')}"`;

const RAILWAY: PlatformOps = {
  id: 'railway',
  title: 'Railway',
  logs: 'railway logs',
  exec: (cmd) => `railway ssh -- ${cmd}`,
  restart: 'railway restart',
  rollback: { text: "In the Railway dashboard open the service's Deployments, pick the last good deployment and choose Rollback" },
  postgresShell: 'railway connect',
  redisShell: 'railway connect',
  setVariable: { text: 'one `railway variables --set` per variable', command: 'railway variables --set "<NAME>=<value>"' },
  scaleOut: { text: 'Add replicas: `"numReplicas": 2` in the `deploy` block of railway.json (or the service settings)' },
  scaleUp: { text: "Raise the service's vCPU and memory limits in its settings (Resource limits)" },
  metrics: "the service's Metrics tab in the Railway dashboard",
  separateProcess: (cmd) => `a second Railway service from the same repository whose start command is \`${cmd}\``,
  prerequisites: 'Link the project first with `railway link`; `railway connect` needs the database\'s TCP Proxy enabled and psql or redis-cli installed locally',
};

const FLY: PlatformOps = {
  id: 'fly',
  title: 'Fly.io',
  logs: 'fly logs',
  exec: (cmd) => `fly ssh console -C ${quoted(cmd)}`,
  restart: 'fly apps restart',
  rollback: { text: 'Find the previous image with `fly releases --image`, then deploy it again', command: 'fly deploy --image <previous-image>' },
  postgresShell: 'fly postgres connect -a <postgres-app>',
  redisShell: 'fly redis connect',
  setVariable: { text: 'secrets with `fly secrets set`, plain settings in the `[env]` block of fly.toml', command: 'fly secrets set <NAME>=<value>' },
  scaleOut: { text: 'Run more Machines', command: 'fly scale count 2' },
  scaleUp: { text: 'Give each Machine more memory or a larger size', command: 'fly scale memory 1024' },
  metrics: '`fly status` and the Metrics (Grafana) page of the app in the Fly dashboard',
  prerequisites: 'Run them from the directory that holds fly.toml; `fly postgres connect` is for a Fly Postgres app, `fly redis connect` for Upstash Redis created with `fly redis create`',
  separateProcess: (cmd) => `a process group in fly.toml (\`[processes]\` with \`worker = "${cmd}"\` next to the web command), scaled with \`fly scale count worker=1\``,
};

const RENDER: PlatformOps = {
  id: 'render',
  title: 'Render',
  logs: 'render logs -r <service-id> --tail',
  exec: (cmd) => `render ssh <service-id> -- ${cmd}`,
  restart: 'render restart <service-id>',
  rollback: { text: "In the Render dashboard open the service's Events and choose Rollback on the last good deploy" },
  postgresShell: 'render psql <database-id>',
  redisShell: 'render kv-cli <key-value-name>',
  setVariable: { text: "in the service's Environment settings, declared as `sync: false` entries in render.yaml" },
  scaleOut: { text: 'Raise `numInstances` in render.yaml (or the Scaling settings); autoscaling needs a paid workspace' },
  scaleUp: { text: 'Move the service to a larger instance type (`plan` in render.yaml)' },
  metrics: "the service's Metrics tab in the Render dashboard",
  prerequisites: '`<service-id>` is the `srv-…` id that `render services` lists; `render ssh` needs an SSH key added to the Render account',
  separateProcess: (cmd) => `a Background Worker service (\`type: worker\` in render.yaml) whose start command is \`${cmd}\``,
};

const COMPOSE: PlatformOps = {
  id: 'docker-compose',
  title: 'Docker Compose',
  logs: 'docker compose logs -f --tail=200 <service>',
  exec: (cmd) => `docker compose exec <service> ${cmd}`,
  restart: 'docker compose restart <service>',
  rollback: { text: 'Pin the previous image tag in the compose file and recreate the service', command: 'docker compose up -d <service>' },
  postgresShell: 'docker compose exec <db-service> psql -U <user>',
  redisShell: 'docker compose exec <redis-service> redis-cli',
  setVariable: { text: "in the service's `environment:`, secrets in an untracked `env_file:`" },
  scaleOut: { text: 'Run more containers of a service (it must not publish a fixed host port)', command: 'docker compose up -d --scale <service>=3' },
  scaleUp: { text: 'Raise `deploy.resources.limits` (cpus, memory) of the service' },
  metrics: '`docker stats`',
  prerequisites: 'Run them from the directory of the compose file; `<service>` is the app\'s service name in it',
  separateProcess: (cmd) => `a service of its own in the compose file with \`command: ${cmd}\``,
};

const DOCKER: PlatformOps = {
  id: 'docker',
  title: 'Docker',
  logs: 'docker logs --tail 200 -f <container>',
  exec: (cmd) => `docker exec -it <container> ${cmd}`,
  restart: 'docker restart <container>',
  rollback: { text: 'Start the previous image tag with the same options (ports, env file, volumes)' },
  postgresShell: 'psql "$DATABASE_URL"',
  redisShell: 'redis-cli -u "$REDIS_URL"',
  setVariable: { text: 'with `docker run --env-file` pointing at an untracked file' },
  scaleOut: { text: 'Run more containers of the image behind a load balancer' },
  scaleUp: { text: 'Raise the container limits (`docker run --cpus --memory`)' },
  metrics: '`docker stats`',
  prerequisites: '`<container>` is the name or id that `docker ps` lists',
  separateProcess: (cmd) => `a container of its own running \`${cmd}\``,
};

/** Most specific first: a Railway app also has a Dockerfile, and Railway is where it runs. */
export const PLATFORMS: readonly PlatformOps[] = [RAILWAY, FLY, RENDER, COMPOSE, DOCKER];

export function platformFor(stackIds: readonly string[]): PlatformOps | null {
  return PLATFORMS.find((p) => stackIds.includes(p.id)) ?? null;
}
