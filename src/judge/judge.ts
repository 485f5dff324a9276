import pLimit, { type LimitFunction } from "p-limit";
import { z } from "zod";
import {
  createBackend,
  describedRecord,
  imageMediaType,
  type ChatMessage,
  type ChatRequest,
  type GenerateReply,
  type ModelBackend,
  type SamplingParams,
} from "../model/index.js";
import {
  BadInputError,
  oneLine,
  sha256,
  type JudgeOrder,
  type JudgeSampleResult,
  type JudgeTally,
  type JudgeVerdict,
} from "../shared/index.js";
import { CallBudget, emptyTally, UsageTotals, withCall, withUsage, type JudgeUsage } from "./budget.js";
import { judgeCacheKey } from "./cache-key.js";
import { groupScores, MAX_SCORE, QUESTION_COUNT, wcgbMetrics } from "./groups.js";
import { readReply } from "./reply.js";
import { inOrder, judgeMessages, judgeRequest, reaskMessages, replyProtocol, type JudgeImage, type ReplyFormat } from "./request.js";
import { loadRubric, type Rubric } from "./rubric.js";

/** Web2Code's judge call: at most 300 tokens. Temperature 0 (theirs was the API's default, 1) so that a verdict repeats. */
export const JUDGE_SAMPLING = { temperature: 0, max_tokens: 300 } as const;
export const DEFAULT_MAX_REASKS = 2;
export const DEFAULT_TIMEOUT_MS = 180_000;
export const DEFAULT_CONCURRENCY = 4;
/** How much of an unreadable reply a record keeps. */
const KEPT_REPLY_CHARS = 500;

/** A `--judge` spec that cannot judge. */
export class JudgeSpecError extends BadInputError {}

/** Where verdicts are kept between runs: the runner backs it with its cache store. Entries are the judge's own JSON text. */
export interface JudgeCache {
  get(key: string): string | undefined;
  put(key: string, entry: string): void;
}

export interface JudgeOptions {
  /** The judge's model spec: `openai:MODEL@URL` or `llama-server:GGUF?mmproj=PATH` (a backend with chat()). */
  spec: string;
  /** The user cache folder: built llama-server, weights' hashes. */
  cacheRoot: string;
  /** The package's own rubric when not given. */
  rubric?: Rubric;
  /** Requests the run may send (`--judge-max-calls`); unlimited when not given. */
  maxCalls?: number;
  /** Re-asks after an unreadable reply, per verdict. */
  maxReasks?: number;
  /** Per request, HTTP retries included. */
  timeoutMs?: number;
  /** Requests in flight at once (a llama-server judge also stops at its slots). */
  concurrency?: number;
  /** `auto` asks for the JSON schema and falls back to the plain list when the server refuses it. */
  output?: "auto" | ReplyFormat;
  /** Judge each pair a second time (`repeat`) and with the screenshots swapped (`swap`): each check costs another verdict. */
  checks?: { repeat?: boolean; swap?: boolean };
  cache?: JudgeCache;
}

/** One sample's two screenshots: the reference page's and the render of the model's HTML. */
export interface JudgePair {
  sampleId: string;
  reference: Buffer;
  prediction: Buffer;
}

export interface Judge {
  /** Starts the judge's backend (a llama-server judge starts its server); its log goes to `logDir`. */
  open(context: { logDir: string; signal: AbortSignal }): Promise<void>;
  /** What fixes the verdicts, for results.json: the backend, rubric source and hash, reply format, sampling, limits. */
  describe(): Record<string, unknown>;
  /** Judges one pair (and runs the checks asked for). Never throws: a failure is a `judge_error` verdict. */
  judgeSample(pair: JudgePair, signal: AbortSignal): Promise<JudgeSampleResult>;
  /** Totals so far: calls, cache hits, errors, re-asks, tokens. */
  usage(): JudgeUsage;
  close(): Promise<void>;
}

/** A cache entry: the ten answers and the reply they were read from. */
const CachedVerdict = z.object({
  questions: z.array(z.number().int().min(0).max(MAX_SCORE)).length(QUESTION_COUNT),
  reply: z.string(),
});

/** The pair's screenshots as the judge sends them, and their hashes for the cache key. */
interface JudgeImages {
  reference: JudgeImage;
  prediction: JudgeImage;
  hashes: [string, string];
}

/** How the asking of one verdict ended. */
type Asked = { ok: true; questions: number[]; reply: string } | { ok: false; error: string; refusedSchema: boolean };

/** What a verdict has cost so far, and the unreadable replies it keeps: carried over a fallback to the plain list. */
interface Spent {
  tally: JudgeTally;
  replies: string[];
}

/** A judge over any backend that takes chat messages with images. Throws JudgeSpecError for a spec that cannot judge. */
export async function createJudge(options: JudgeOptions): Promise<Judge> {
  const created = await createBackend(options.spec, { task: "image2html", cacheRoot: options.cacheRoot });
  // A baseline that answers from the dataset (reference) is no model: it cannot judge.
  const backend: ModelBackend | undefined = created.baseline ? undefined : created;
  const chat = backend?.chat?.bind(backend);
  if (!backend || !chat)
    throw new JudgeSpecError(
      `judge spec "${options.spec}": a judge needs a chat-completions model that takes images: openai:MODEL@URL, or llama-server:GGUF?mmproj=PATH with the server's chat template (no profile, or profile=server)`,
    );
  return new ChatJudge(options, backend, chat);
}

/**
 * The judge's run: the request and the reply's reading are pure functions (request.ts, reply.ts),
 * the call budget and usage totals their own objects (budget.ts); what is left to hold here is
 * set once by open() (the fingerprint, the backend's slots) and the reply format, which falls
 * back to the plain list when the server refuses the JSON schema.
 */
class ChatJudge implements Judge {
  private readonly rubric: Rubric;
  private readonly maxReasks: number;
  private readonly timeoutMs: number;
  private readonly output: "auto" | ReplyFormat;
  private readonly checks: { repeat: boolean; swap: boolean };
  private readonly sampling: SamplingParams & { max_tokens: number };
  private readonly budget: CallBudget;
  private readonly totals = new UsageTotals();
  private readonly concurrency: number;
  private readonly limit: LimitFunction;
  private fingerprint: Record<string, unknown> | undefined;
  private format: ReplyFormat;
  private schemaRefused: string | undefined;

  constructor(
    private readonly options: JudgeOptions,
    private readonly backend: ModelBackend,
    private readonly chat: (request: ChatRequest, signal: AbortSignal) => Promise<GenerateReply>,
  ) {
    this.rubric = options.rubric ?? loadRubric();
    this.maxReasks = options.maxReasks ?? DEFAULT_MAX_REASKS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.output = options.output ?? "auto";
    this.checks = { repeat: options.checks?.repeat === true, swap: options.checks?.swap === true };
    this.sampling = { ...JUDGE_SAMPLING, ...backend.sampling };
    this.budget = new CallBudget(options.maxCalls);
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.limit = pLimit(this.concurrency);
    this.format = this.output === "text" ? "text" : "json";
  }

  async open(context: { logDir: string; signal: AbortSignal }): Promise<void> {
    const opened = await this.backend.open?.({ concurrency: this.concurrency, logDir: context.logDir, signal: context.signal });
    // A llama-server judge serves no more requests at once than it has slots.
    this.limit.concurrency = Math.min(this.concurrency, opened?.maxConcurrency ?? this.concurrency);
    this.fingerprint = this.backend.cacheFingerprint?.();
  }

  describe(): Record<string, unknown> {
    return {
      spec: this.options.spec,
      backend: describedRecord(this.backend.describe()),
      rubric: { source: this.rubric.source, sha256: this.rubric.sha256 },
      replyFormat: this.format,
      ...(this.schemaRefused === undefined ? {} : { schemaRefused: this.schemaRefused }),
      sampling: this.sampling,
      maxReasks: this.maxReasks,
      maxCalls: Number.isFinite(this.budget.limit) ? this.budget.limit : null,
      timeoutMs: this.timeoutMs,
      concurrency: this.limit.concurrency,
      checks: this.checks,
      cached: Boolean(this.options.cache && this.fingerprint),
    };
  }

  async judgeSample(pair: JudgePair, signal: AbortSignal): Promise<JudgeSampleResult> {
    const reference = judgeImage(pair.reference);
    const prediction = judgeImage(pair.prediction);
    if (!reference || !prediction) {
      const which = reference ? "prediction's render" : "reference screenshot";
      const error = `the ${which} is not a PNG, JPEG, GIF or WebP image`;
      return {
        verdict: this.totals.count({ ok: false, order: "reference-first", status: "judge_error", error, replies: [], ...emptyTally() }),
      };
    }
    const images: JudgeImages = { reference, prediction, hashes: [sha256(pair.reference), sha256(pair.prediction)] };
    const [main, repeat, swapped] = await Promise.all([
      this.verdict(images, "reference-first", 0, signal),
      this.checks.repeat ? this.verdict(images, "reference-first", 1, signal) : undefined,
      this.checks.swap ? this.verdict(images, "prediction-first", 0, signal) : undefined,
    ]);
    return { verdict: main, ...(repeat && { repeat }), ...(swapped && { swapped }) };
  }

  usage(): JudgeUsage {
    return this.totals.get();
  }

  async close(): Promise<void> {
    await this.backend.close?.();
  }

  /** One verdict on the pair in the given order: from the cache, else asked (in the plain list after a schema refusal). */
  private async verdict(images: JudgeImages, order: JudgeOrder, replica: number, signal: AbortSignal): Promise<JudgeVerdict> {
    const started = performance.now();
    const finish = (value: JudgeVerdict): JudgeVerdict => this.totals.count({ ...value, ms: Math.round(performance.now() - started) });
    const success = (tally: JudgeTally, questions: number[], reply: string, cached: boolean) => {
      const scores = groupScores(questions);
      return finish({ ok: true, order, questions, scores, metrics: wcgbMetrics(scores), reply, cached, ...tally });
    };
    const [first, second] = inOrder(images, order);
    let spent: Spent = { tally: emptyTally(), replies: [] };
    for (;;) {
      const format = this.format;
      const key = this.cacheKey(images, order, replica, format);
      const hit = key === undefined ? undefined : readCached(this.options.cache!, key);
      if (hit) return success(spent.tally, hit.questions, hit.reply, true);
      const [asked, after] = await this.ask(judgeMessages(this.rubric, format, first, second), format, spent, signal);
      spent = after;
      if (asked.ok) {
        if (key !== undefined) this.options.cache!.put(key, JSON.stringify({ questions: asked.questions, reply: asked.reply }));
        return success(spent.tally, asked.questions, asked.reply, false);
      }
      // A server that refuses the JSON schema (an older model or server) is asked for the plain list from then on.
      if (asked.refusedSchema && this.output === "auto") {
        this.schemaRefused ??= asked.error;
        this.format = "text";
        continue;
      }
      return finish({ ok: false, order, status: "judge_error", error: asked.error, replies: spent.replies, ...spent.tally });
    }
  }

  /** The verdict's cache key, or undefined when verdicts are not cached (no cache, or a judge whose replies vary). */
  private cacheKey(images: JudgeImages, order: JudgeOrder, replica: number, format: ReplyFormat): string | undefined {
    if (!this.options.cache || !this.fingerprint) return undefined;
    return judgeCacheKey({
      fingerprint: this.fingerprint,
      rubricSha256: this.rubric.sha256,
      protocol: replyProtocol(format, this.maxReasks),
      format,
      sampling: this.sampling,
      referenceSha256: images.hashes[0],
      predictionSha256: images.hashes[1],
      order,
      replica,
    });
  }

  /** Asks until a reply reads, re-asking at most maxReasks times; hands back what was spent, `before` included. */
  private async ask(messages: ChatMessage[], format: ReplyFormat, before: Spent, signal: AbortSignal): Promise<[Asked, Spent]> {
    let tally = before.tally;
    const replies = [...before.replies];
    let conversation = messages;
    for (let attempt = 0; ; attempt++) {
      if (!this.budget.take()) {
        const error = `judge call budget exhausted (${this.budget.limit} calls)${replies.length ? " after unreadable replies" : ""}`;
        return [
          { ok: false, error, refusedSchema: false },
          { tally, replies },
        ];
      }
      tally = withCall(tally, attempt > 0);
      const sent = conversation;
      // The deadline counts from when the request leaves the queue.
      const reply = await this.limit(() => this.send(judgeRequest(sent, format, this.sampling, Date.now() + this.timeoutMs), signal));
      const reading = readReply(reply, format, this.sampling.max_tokens);
      if (reading.kind === "failed")
        return [
          { ok: false, error: reading.error, refusedSchema: reading.refusedSchema },
          { tally, replies },
        ];
      tally = withUsage(tally, reading.usage);
      if (reading.kind === "scores")
        return [
          { ok: true, questions: reading.questions, reply: reading.text },
          { tally, replies },
        ];
      replies.push(reading.text.slice(0, KEPT_REPLY_CHARS));
      if (attempt >= this.maxReasks) {
        const error = `judge reply unreadable after ${attempt + 1} tries: ${reading.reason}`;
        return [
          { ok: false, error, refusedSchema: false },
          { tally, replies },
        ];
      }
      conversation = reaskMessages(messages, reading.text, reading.reason, format);
    }
  }

  private async send(request: ChatRequest, signal: AbortSignal): Promise<GenerateReply> {
    try {
      return await this.chat(request, signal);
    } catch (error) {
      return { ok: false, status: "generation_error", error: oneLine(error) };
    }
  }
}

function judgeImage(data: Buffer): JudgeImage | undefined {
  const mediaType = imageMediaType(data);
  return mediaType && { data, mediaType };
}

/** A cache entry that cannot be read is a miss. */
function readCached(cache: JudgeCache, key: string): z.infer<typeof CachedVerdict> | undefined {
  const entry = cache.get(key);
  if (entry === undefined) return undefined;
  try {
    const parsed = CachedVerdict.safeParse(JSON.parse(entry));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
