/**
 * Which calls build a long-lived client: a database engine or pool, an HTTP session, an LLM / cloud
 * SDK client, a vector-store client, or a compiled workflow graph. The constructor is traced to the
 * package it is imported from (`AsyncOpenAI` → `openai.AsyncOpenAI`), so a repository's own
 * `create_engine` helper or `re.compile` is never one.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { Program } from '../routes/program.js';
import { originOf, originPackage, packageOf } from '../routes/receivers.js';

/** Package path of the constructor → what it builds. */
const CTORS: [RegExp, string][] = [
  [/^(sqlalchemy|sqlmodel)(\.ext\.asyncio|\.engine)?\.(create_engine|create_async_engine)$/, 'database engine'],
  [/^httpx\.(Client|AsyncClient)$/, 'HTTP client'],
  [/^requests\.(Session|session)$/, 'HTTP session'],
  [/^aiohttp\.ClientSession$/, 'HTTP session'],
  [/^openai\.(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|default)$/, 'OpenAI client'],
  [/^(anthropic|@anthropic-ai\/sdk)\.(Anthropic|AsyncAnthropic|default)$/, 'Anthropic client'],
  [/^(groq|groq-sdk)\.(Groq|AsyncGroq|default)$/, 'Groq client'],
  [/^boto3\.(client|resource)$/, 'AWS SDK client'],
  [/^@aws-sdk\/client-[\w-]+\.\w+Client$/, 'AWS SDK client'],
  [/^(pinecone|@pinecone-database\/pinecone)\.(Pinecone|PineconeAsyncio|default)$/, 'Pinecone client'],
  [/^(qdrant_client|@qdrant\/js-client-rest)\.(QdrantClient|AsyncQdrantClient)$/, 'Qdrant client'],
  [/^chromadb\.(Client|PersistentClient|HttpClient|AsyncHttpClient|ChromaClient|CloudClient)$/, 'Chroma client'],
  [/^(weaviate|weaviate-client)\.(Client|WeaviateClient|WeaviateAsyncClient|connect_to_\w+|default)$/, 'Weaviate client'],
  [/^pg\.Pool$/, 'Postgres pool'],
  [/^postgres$/, 'Postgres client'],
  [/^@prisma\/client\.PrismaClient$/, 'Prisma client'],
  [/^knex\.(default|knex)$/, 'Knex instance'],
  [/^sequelize\.(Sequelize|default)$/, 'Sequelize instance'],
  [/^mongoose\.(connect|createConnection)$/, 'Mongoose connection'],
  [/^(pymongo|mongodb)\.MongoClient$/, 'MongoDB client'],
  [/^motor\.motor_asyncio\.AsyncIOMotorClient$/, 'MongoDB client'],
  [/^redis(\.asyncio)?\.(Redis|StrictRedis|from_url)$/, 'Redis client'],
  [/^redis(\.asyncio)?\.(Redis|StrictRedis)\.from_url$/, 'Redis client'],
  [/^ioredis\.(default|Redis)$/, 'Redis client'],
  [/^redis\.createClient$/, 'Redis client'],
];

const GRAPH_PKG = /^(langgraph|@langchain\/langgraph)(\.|\/|$)/;

/** The constructor's package path (`httpx.AsyncClient`) and what it builds, or null. */
export function clientCreated(prog: Program, model: CodeModel, call: CallSite): { what: string; ctor: string } | null {
  if (call.name === 'compile') return compiledGraph(prog, model, call);
  // A cheap name filter before tracing imports.
  if (!/^(create_engine|create_async_engine|Client|AsyncClient|Session|session|ClientSession|OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|Anthropic|AsyncAnthropic|Groq|AsyncGroq|client|resource|\w+Client|Pinecone|PineconeAsyncio|PersistentClient|HttpClient|AsyncHttpClient|CloudClient|WeaviateClient|WeaviateAsyncClient|connect_to_\w+|Pool|PrismaClient|knex|Sequelize|connect|createConnection|Redis|StrictRedis|from_url|createClient|postgres)$/.test(call.name) && !isDefaultImportCall(prog, model, call)) return null;
  // `import pg from 'pg'; new pg.Pool()` is `pg.default.Pool`: read it as `pg.Pool`.
  const path = packageOf(prog, model.file, call.callee)?.path.replace(/\.default(?=\.)/, '').replace(/^postgres\.default$/, 'postgres');
  if (!path) return null;
  const hit = CTORS.find(([re]) => re.test(path));
  if (!hit) return null;
  // Node LLM SDK clients (openai, @anthropic-ai/sdk, groq-sdk) send through a process-wide keep-alive
  // agent (v4) or the global fetch pool (v5+): one per request loses no connection, and per-user API
  // keys often require it. Python SDK clients each own an httpx pool, so there it matters.
  if (model.language !== 'python' && /^(openai|@anthropic-ai\/sdk|groq-sdk)\./.test(path)) return null;
  // `knex('users')` is a query on an instance, not a new instance; a Redis client on a shared pool is cheap.
  if (/^knex\./.test(path) && call.args[0]?.kind === 'string') return null;
  if (/^redis/.test(path) && call.kwargs.connection_pool) return null;
  // A default import (`new OpenAI()` from 'openai') reads best as written.
  const ctor = /\.default$/.test(path) || path === 'postgres' ? `${call.isNew ? 'new ' : ''}${call.callee}() from '${path.replace(/\.default$/, '')}'` : path;
  return { what: hit[1], ctor };
}

/** `new OpenAI()` / `knex({...})` where the name is a default import. */
function isDefaultImportCall(prog: Program, model: CodeModel, call: CallSite): boolean {
  if (!/^[\w$]+$/.test(call.callee) || model.language === 'python') return false;
  const sym = prog.resolveName(model.file, call.callee);
  return sym?.kind === 'external' && (sym.name === 'default' || sym.name === '*');
}

/** `graph.compile()` / `StateGraph(State).compile()` on a LangGraph builder (never `re.compile`). */
function compiledGraph(prog: Program, model: CodeModel, call: CallSite): { what: string; ctor: string } | null {
  if (!model.imports.some((i) => GRAPH_PKG.test(i.module))) return null;
  const recv = call.callee.slice(0, Math.max(0, call.callee.lastIndexOf('.')));
  if (!recv) return null;
  const built = /^(?:new\s+)?([\w$.]+)\(\)$/.exec(recv);
  const path = built ? packageOf(prog, model.file, built[1])?.path : originPackage(prog, originOf(prog, model.file, call.fn, recv))?.path;
  return path && GRAPH_PKG.test(path) ? { what: 'compiled workflow graph', ctor: `a LangGraph graph (${call.callee}())` } : null;
}
