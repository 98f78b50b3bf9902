/** What the transport hands back: the whole response, its body already read. */
export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface TransportRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** A request that got no complete answer within the timeout (connect, send, response and body). */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number, options?: { cause?: unknown }) {
    super(`no complete answer within ${timeoutMs} ms`, options);
    this.name = 'RequestTimeoutError';
  }
}

/** A request stopped because its caller's signal aborted (Ctrl-C, a delivery deadline, shutdown). */
export class RequestAbortedError extends Error {
  constructor(readonly reason: unknown) {
    super(describeReason(reason));
    this.name = 'RequestAbortedError';
  }
}

/**
 * HTTP for the CRM client: the runtime's fetch with a deadline per request covering the connection,
 * the response and its body, and the caller's signal aborting whatever is in flight. The SDK's own
 * transport takes neither, so a HubSpot that accepts the connection and never answers would hold
 * the call for minutes.
 */
export function createTransport({ timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal | undefined }): Transport {
  if (!(timeoutMs > 0)) throw new RangeError(`createTransport: timeoutMs must be positive; got ${timeoutMs}.`);
  return async (request) => {
    if (signal?.aborted) throw new RequestAbortedError(signal.reason);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // Looked up per request (not captured once), so in-process interception in tests sees it.
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller.signal });
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { status: response.status, headers, body };
    } catch (error) {
      if (signal?.aborted) throw new RequestAbortedError(signal.reason);
      if (timedOut) throw new RequestTimeoutError(timeoutMs, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error && reason.message) return reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'the caller stopped it';
}
