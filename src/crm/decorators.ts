import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from './clock';
import type { RateLimiter } from './createRateLimiter';
import type { CrmError } from './CrmError';
import { abortedError, toCrmError } from './CrmError';

/** Which try of a call is running and when its first try started, set by the retry decorator for the decorators inside it. */
const currentAttempt = new AsyncLocalStorage<{ attempt: number; since: number }>();

export type Call<A extends unknown[], R> = (...args: A) => Promise<R>;

/** Wraps one SDK call with a concern (errors, counting, rate limiting, retries), the way the SDK's own decorators do. */
export type CallDecorator = <A extends unknown[], R>(operation: string, call: Call<A, R>) => Call<A, R>;

/** Applies decorators inside out: the first one sits next to the SDK call, the last one faces the caller. */
export function composeDecorators(...decorators: CallDecorator[]): CallDecorator {
  return (operation, call) => decorators.reduce((decorated, decorate) => decorate(operation, decorated), call);
}

/** Turns the SDK's ApiException and fetch failures into CrmError. */
export const mapErrors: CallDecorator = (operation, call) => async (...args) => {
  try {
    return await call(...args);
  } catch (error) {
    throw toCrmError(error, operation);
  }
};

export interface CrmRequestEvent {
  operation: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  durationMs: number;
  /** The HTTP status when HubSpot answered. */
  status?: number | undefined;
  error?: CrmError;
}

export interface CrmStats {
  /** HTTP requests sent, by operation (retries included). */
  calls: Record<string, number>;
  totalCalls: number;
  retries: number;
  retriesByOperation: Record<string, number>;
  /** Failed requests by CrmError code (retried ones included). */
  errors: Record<string, number>;
}

export function createStats() {
  const stats: CrmStats = { calls: {}, totalCalls: 0, retries: 0, retriesByOperation: {}, errors: {} };
  return {
    snapshot: (): CrmStats => structuredClone(stats),
    reset() {
      Object.assign(stats, { calls: {}, totalCalls: 0, retries: 0, retriesByOperation: {}, errors: {} });
    },
    call(operation: string) {
      stats.calls[operation] = (stats.calls[operation] ?? 0) + 1;
      stats.totalCalls += 1;
    },
    retry(operation: string) {
      stats.retriesByOperation[operation] = (stats.retriesByOperation[operation] ?? 0) + 1;
      stats.retries += 1;
    },
    error(code: string) {
      stats.errors[code] = (stats.errors[code] ?? 0) + 1;
    },
  };
}

export type StatsRecorder = ReturnType<typeof createStats>;

/** Counts every request that goes out and reports it to `onRequest`. Sits inside the limiter so waiting is not timed. */
export function countRequests(stats: StatsRecorder, clock: Clock, onRequest?: (event: CrmRequestEvent) => void): CallDecorator {
  return (operation, call) => async (...args) => {
      const attempt = currentAttempt.getStore()?.attempt ?? 1;
      stats.call(operation);
      const started = clock.now();
      try {
        const result = await call(...args);
        onRequest?.({ operation, attempt, durationMs: clock.now() - started, status: statusOf(result) });
        return result;
      } catch (error) {
        const crmError = toCrmError(error, operation);
        stats.error(crmError.code);
        onRequest?.({ operation, attempt, durationMs: clock.now() - started, status: crmError.status, error: crmError });
        throw crmError;
      }
    };
}

/**
 * Takes a slot in every limiter that applies to the operation for each request (retries too, queued by
 * their first try's time so they keep their place), until its response is back (or it failed or timed
 * out). The limiters come narrowest first (search's own, then the one every request shares): a call
 * holding a slot of a narrower one goes ahead in the next, so a search (whose page the work behind it
 * waits for) never queues behind the writes it caused, and takes at most its own limit's share
 * (5 of 19 per second). A caller that aborts while waiting leaves the queue. With `workSince` (when the work these calls
 * belong to began), every call queues as of then, so the oldest work is served first. A 429 saying the
 * account's window is used up (no requests remaining, or no count given) holds the limiter of that
 * policy for its Retry-After, so nothing else is sent into a full window, unless the limiter's own
 * requests fill that window: its pace already waits for the oldest to leave it, and only the refused
 * request waits out the Retry-After.
 */
export function limitRate(limitersFor: (operation: string) => RateLimiter[], signal?: AbortSignal, workSince?: number): CallDecorator {
  return (operation, call) => async (...args) => {
    const releases: Array<() => void> = [];
    const limiters = limitersFor(operation);
    // A retry's first try came after its work began: the work's time is the earlier.
    const since = workSince ?? currentAttempt.getStore()?.since;
    try {
      for (const [index, limiter] of limiters.entries()) {
        try {
          // A slot of the operation's own, tighter limiter (search's 5 per second) is held while waiting in the shared one: ahead there.
          releases.push(await limiter.acquire({ signal, since, ahead: index > 0 }));
        } catch (error) {
          throw signal?.aborted ? abortedError(operation, signal.reason) : error;
        }
      }
      return await call(...args);
    } catch (error) {
      holdWhenWindowFull(limiters, error);
      throw error;
    } finally {
      for (const release of releases) release();
    }
  };
}

function holdWhenWindowFull(limiters: RateLimiter[], error: unknown): void {
  const crmError = error as Partial<CrmError>;
  if (crmError.code !== 'RATE_LIMITED' || (crmError.rateLimitRemaining !== undefined && crmError.rateLimitRemaining > 0)) return;
  for (const limiter of limiters) {
    if (crmError.policyName !== undefined && limiter.policyName !== undefined && limiter.policyName !== crmError.policyName) continue;
    // HubSpot counts no more than was sent: a window this limiter filled itself holds no one else's requests.
    if (crmError.rateLimitRemaining === 0 && limiter.inWindow >= limiter.limit) continue;
    limiter.holdFor(crmError.retryAfterMs ?? limiter.windowMs);
  }
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** No retry starts if it would end the wait past this budget, measured from the first try. */
  maxTotalMs: number;
  /** First backoff for 5xx and network errors; doubles each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, maxTotalMs: 12_000, baseDelayMs: 250, maxDelayMs: 4_000 };

/** HubSpot's rolling windows, used when a 429 carries no Retry-After. */
const RATE_LIMIT_WAIT_MS: Record<string, number> = { TEN_SECONDLY_ROLLING: 10_000, SECONDLY: 1_000 };

/**
 * Retries what a retry can fix: 429 (after Retry-After, else the policy's window), 5xx, network
 * errors and timeouts (exponential backoff with jitter). Never other 4xx. Gives up within the
 * policy's bounds, at once when `signal` aborts (the wait between tries included), and without waiting
 * when the wait would end past `deadline` (a time on `clock`).
 */
export function retryCalls(
  policy: RetryPolicy,
  clock: Clock,
  random: () => number,
  onRetry: (operation: string, error: CrmError, delayMs: number) => void,
  signal?: AbortSignal,
  deadline?: number,
): CallDecorator {
  const delayFor = (error: CrmError, attempt: number): number => {
    if (error.code === 'RATE_LIMITED') return error.retryAfterMs ?? RATE_LIMIT_WAIT_MS[error.policyName ?? ''] ?? 10_000;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": half the backoff for sure, half at random, so synchronized clients drift apart.
    return Math.round(backoff / 2 + (random() * backoff) / 2);
  };
  return (operation, call) => async (...args) => {
    const started = clock.now();
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortedError(operation, signal.reason);
      try {
        return await currentAttempt.run({ attempt, since: started }, () => call(...args));
      } catch (thrown) {
        const error = toCrmError(thrown, operation);
        if (!error.retryable) throw attempt === 1 ? error : error.withAttempts(attempt);
        const delay = delayFor(error, attempt);
        const elapsed = clock.now() - started;
        if (attempt >= policy.maxAttempts || elapsed + delay > policy.maxTotalMs) {
          throw error.withAttempts(attempt,
            `Gave up after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${elapsed} ms (retry budget: ${policy.maxAttempts} attempts, ${policy.maxTotalMs} ms).`);
        }
        if (deadline !== undefined && clock.now() + delay > deadline) {
          throw error.withAttempts(attempt, `Gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: the next would start ${Math.round(clock.now() + delay - deadline)} ms past the deadline of this work.`);
        }
        onRetry(operation, error, delay);
        await sleepUnlessAborted(clock, delay, signal);
      }
    }
  };
}

/** Waits `ms` on the clock, or less when `signal` aborts first (the caller then stops). */
function sleepUnlessAborted(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return clock.sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    void clock.sleep(ms).then(done);
  });
}

function statusOf(result: unknown): number | undefined {
  const status = (result as { httpStatusCode?: unknown } | null)?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}
