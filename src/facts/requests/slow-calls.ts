/**
 * What one call in a request's code means for its duration: slow work (file processing, transcription,
 * an agent / chain / graph run), a hand-off to a queue or background task, or a streamed response.
 * Libraries are recognised by the package a call or its receiver is traced to, never by name alone.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { Program } from '../routes/program.js';
import { originOf, originPackage, packageOf } from '../routes/receivers.js';

/** Package paths of calls that process files: PDF parsing, OCR, media conversion, local transcription. */
const FILE_WORK: [RegExp, string][] = [
  [/^(pypdf|PyPDF2)\.PdfReader$/, 'PDF parsing'],
  [/^(fitz|pymupdf)\.open$/, 'PDF parsing'],
  [/^pdfplumber\.open$/, 'PDF parsing'],
  [/^pdfminer\.high_level\.extract_(text|pages)$/, 'PDF parsing'],
  [/^pdf2image\.convert_from_(path|bytes)$/, 'PDF rendering'],
  [/^pdf-parse(\.default)?$/, 'PDF parsing'],
  [/^pytesseract\.image_to_\w+$/, 'OCR'],
  [/^tesseract\.js\.(recognize|createWorker)$/, 'OCR'],
  [/^ffmpeg\.(input|run|probe)$/, 'ffmpeg processing'],
  [/^fluent-ffmpeg(\.default)?$/, 'ffmpeg processing'],
  [/^moviepy(\.editor)?\.(VideoFileClip|AudioFileClip)$/, 'video processing'],
  [/^pydub\.AudioSegment\.from_\w+$/, 'audio processing'],
  [/^unstructured\.partition\.[\w.]+$/, 'document partitioning'],
  [/^whisper\.load_model$/, 'Whisper model loading'],
  [/^faster_whisper\.WhisperModel$/, 'Whisper model loading'],
];
/** Reading a table into pandas: slow only on an uploaded file, so the route must take one. */
const PANDAS_READ = /^pandas\.read_(csv|excel|parquet|json|table)$/;
const SUBPROCESS = /^(subprocess\.(run|call|check_call|check_output|Popen)|child_process\.(spawn|spawnSync|exec|execSync|execFile|execFileSync))$/;
const MEDIA_TOOLS = /^(ffmpeg|ffprobe|soffice|libreoffice|wkhtmltopdf|tesseract|whisper)$/;
const AGENT_PKG = /^(langchain[\w-]*|@langchain\/[\w-]+|langgraph|crewai|llama_index|autogen|agents|@openai\/agents)(\.|\/|$)/;
const AGENT_RECEIVER = /chain|graph|agent|executor|crew|workflow|pipeline/i;

export interface SlowKind {
  work: string;
  /** Needs an uploaded file in the route to count. */
  needsUpload?: boolean;
}

function pathOf(prog: Program, model: CodeModel, call: CallSite): string | undefined {
  return packageOf(prog, model.file, call.callee)?.path;
}

function receiverPath(prog: Program, model: CodeModel, call: CallSite): string | undefined {
  const recv = call.callee.slice(0, Math.max(0, call.callee.lastIndexOf('.')));
  if (!recv || !/^[\w$.]+$/.test(recv)) return undefined;
  return originPackage(prog, originOf(prog, model.file, call.fn, recv))?.path;
}

/** File processing, transcription or an agent / chain / graph run, or null. */
/** Python method names the table above can end with: other calls skip the import tracing. */
const PY_NAMES = /^(PdfReader|open|extract_text|extract_pages|convert_from_path|convert_from_bytes|image_to_\w+|input|run|probe|VideoFileClip|AudioFileClip|from_\w+|partition\w*|load_model|WhisperModel|read_(csv|excel|parquet|json|table)|call|check_call|check_output|Popen)$/;

export function slowCall(prog: Program, model: CodeModel, call: CallSite): SlowKind | null {
  const path = model.language !== 'python' || PY_NAMES.test(call.name) ? pathOf(prog, model, call) : undefined;
  if (path) {
    const hit = FILE_WORK.find(([re]) => re.test(path));
    if (hit) return { work: hit[1] };
    if (PANDAS_READ.test(path)) return { work: 'reading a table with pandas', needsUpload: true };
    if (SUBPROCESS.test(path.replace(/^node:/, ''))) {
      const first = call.args[0]?.kind === 'list' ? call.args[0].items?.[0] : call.args[0];
      const tool = (first?.value ?? '').split(/\s+/)[0].replace(/^.*\//, '');
      if (MEDIA_TOOLS.test(tool)) return { work: `${tool} in a subprocess` };
    }
  }
  if (call.name === 'transcribe') {
    const rp = receiverPath(prog, model, call);
    if (rp && /^(whisper|faster_whisper)\./.test(rp)) return { work: 'Whisper transcription' };
  }
  // Agent, chain and graph runs: several model and tool calls behind one call.
  if (/^(invoke|ainvoke|run|arun|kickoff|kickoff_async|run_sync)$/.test(call.name) && model.imports.some((i) => AGENT_PKG.test(i.module))) {
    const recv = call.callee.slice(0, Math.max(0, call.callee.lastIndexOf('.')));
    const rp = receiverPath(prog, model, call) ?? pathOf(prog, model, call);
    if ((rp && AGENT_PKG.test(rp) && AGENT_RECEIVER.test(rp)) || (AGENT_RECEIVER.test(recv) && (!rp || AGENT_PKG.test(rp)))) return { work: 'an agent / chain / graph run' };
  }
  return null;
}

/** Work handed to a queue, a background task or a thread that the response does not wait for. */
export function handoffCall(prog: Program, model: CodeModel, call: CallSite): string | null {
  const n = call.name;
  const hasRecv = call.callee.includes('.');
  if (n === 'add_task' && hasRecv) return 'BackgroundTasks.add_task';
  if ((n === 'delay' || n === 'apply_async' || n === 'send_task' || n === 'signature') && hasRecv) return `Celery ${n}`;
  if (/^(enqueue|enqueue_call|enqueue_at|enqueue_in|enqueue_job|defer|send)$/.test(n) && hasRecv) {
    const rp = receiverPath(prog, model, call) ?? '';
    if (/^(rq|arq|dramatiq|huey|procrastinate|saq|inngest)(\.|$)/.test(rp) || n.startsWith('enqueue') || (n === 'send' && /actor|task|job/i.test(call.callee))) return `queue ${n}`;
  }
  if (/^(create_task|ensure_future)$/.test(n) && /^(asyncio|loop|[\w$]*loop)\b/.test(call.callee)) return `asyncio.${n}`;
  if ((n === 'add' || n === 'addBulk') && hasRecv) {
    const rp = receiverPath(prog, model, call) ?? '';
    if (/^(bullmq|bull|bee-queue)(\.|$)/.test(rp) || /queue/i.test(call.callee.slice(0, call.callee.lastIndexOf('.')))) return 'queue.add';
  }
  if (n === 'Thread' && /^threading\./.test(pathOf(prog, model, call) ?? '')) return 'threading.Thread';
  if (n === 'submit' && /executor|pool/i.test(call.callee)) return 'executor.submit';
  if (n === 'waitUntil' || n === 'after') return n;
  return null;
}

/** A streamed response: the client sees output as it is produced. */
export function streamingCall(call: CallSite): boolean {
  return (
    /^(StreamingResponse|EventSourceResponse|ServerSentEvent|stream_with_context|StreamingHttpResponse|toDataStreamResponse|toTextStreamResponse|toUIMessageStreamResponse|pipeDataStreamToResponse|pipeTextStreamToResponse|flushHeaders|streamSSE|streamText)$/.test(call.name) ||
    (call.isNew === true && call.name === 'ReadableStream') ||
    /^(res|reply\.raw|response)\.write$/.test(call.callee) ||
    (/(^|\.)(setHeader|header|set|writeHead)$/.test(call.callee) && call.args.some((a) => /text\/event-stream/.test(a.value ?? a.text)))
  );
}
