import { RequestAbortedError, RequestTimeoutError } from './createTransport';

export type CrmErrorCode =
  | 'RATE_LIMITED' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION'
  | 'SERVER' | 'NETWORK' | 'TIMEOUT' | 'ABORTED' | 'UNEXPECTED' | 'CONFIGURATION';

/** Failures of the request's journey (retrying can help), as opposed to what HubSpot refused. */
const TRANSPORT_CODES: ReadonlySet<CrmErrorCode> = new Set(['RATE_LIMITED', 'SERVER', 'NETWORK', 'TIMEOUT']);

export interface CrmErrorDetails {
  code: CrmErrorCode;
  operation: string;
  message: string;
  status?: number | undefined;
  retryable?: boolean;
  category?: string | undefined;
  correlationId?: string | undefined;
  /** For 429s: how long HubSpot asked us to wait. */
  retryAfterMs?: number | undefined;
  policyName?: string | undefined;
  /** For 429s: HubSpot's X-HubSpot-RateLimit-Remaining, when it sent one (0: the window is used up). */
  rateLimitRemaining?: number | undefined;
  /** Property names HubSpot named in a validation error. */
  propertyNames?: string[];
  attempts?: number;
  cause?: unknown;
}

/** Every failure of the CRM adapter: a code to branch on, the HTTP status, and whether a retry can help. */
export class CrmError extends Error {
  readonly code: CrmErrorCode;
  readonly operation: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly category: string | undefined;
  readonly correlationId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly policyName: string | undefined;
  readonly rateLimitRemaining: number | undefined;
  readonly propertyNames: string[];
  readonly attempts: number;

  constructor(details: CrmErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CrmError';
    this.code = details.code;
    this.operation = details.operation;
    this.status = details.status;
    this.retryable = details.retryable ?? TRANSPORT_CODES.has(details.code);
    this.category = details.category;
    this.correlationId = details.correlationId;
    this.retryAfterMs = details.retryAfterMs;
    this.policyName = details.policyName;
    this.rateLimitRemaining = details.rateLimitRemaining;
    this.propertyNames = details.propertyNames ?? [];
    this.attempts = details.attempts ?? 1;
  }

  /** True when the request never got a definitive answer (rate limit, 5xx, network), false when HubSpot refused it. */
  get isTransport(): boolean {
    return TRANSPORT_CODES.has(this.code);
  }

  withAttempts(attempts: number, note?: string): CrmError {
    return new CrmError({ ...this.details(), attempts, message: note ? `${this.message} ${note}` : this.message });
  }

  private details(): CrmErrorDetails {
    return {
      code: this.code, operation: this.operation, message: this.message, status: this.status, retryable: this.retryable,
      category: this.category, correlationId: this.correlationId, retryAfterMs: this.retryAfterMs, policyName: this.policyName,
      rateLimitRemaining: this.rateLimitRemaining, propertyNames: this.propertyNames, attempts: this.attempts, cause: this.cause,
    };
  }
}

interface ApiExceptionLike {
  code: number;
  body: unknown;
  headers: Record<string, string>;
}

interface HubSpotErrorBody {
  message?: string;
  category?: string;
  correlationId?: string;
  policyName?: string;
  errors?: Array<{ context?: Record<string, string[]> }>;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Maps whatever a call threw (the SDK's ApiException, a fetch failure, anything else) to a CrmError. */
export function toCrmError(error: unknown, operation: string): CrmError {
  if (error instanceof CrmError) return error;
  if (error instanceof RequestTimeoutError) {
    return new CrmError({
      code: 'TIMEOUT', operation, cause: error,
      message: `${operation}: HubSpot did not answer within ${error.timeoutMs} ms. The call is safe to retry; if HubSpot is only slow, raise the request timeout.`,
    });
  }
  if (error instanceof RequestAbortedError) return abortedError(operation, error.reason);
  if (isApiException(error)) return fromApiException(error, operation);
  if (isNetworkError(error)) {
    const reason = networkReason(error);
    return new CrmError({
      code: 'NETWORK', operation, cause: error,
      message: `${operation}: could not reach HubSpot (${reason}). Check the network and HUBSPOT_API_BASE_URL; the call is safe to retry.`,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CrmError({
    code: 'UNEXPECTED', operation, cause: error, retryable: false,
    message: `${operation}: unexpected failure (${reason}). This is likely a bug or an unexpected HubSpot response; report it with the operation name.`,
  });
}

/** The call was stopped by its caller (Ctrl-C, a shutdown, a deadline): not a HubSpot failure, and not retried. */
export function abortedError(operation: string, reason: unknown): CrmError {
  const why = new RequestAbortedError(reason).message;
  return new CrmError({
    code: 'ABORTED', operation, retryable: false, cause: reason,
    message: `${operation}: stopped before HubSpot answered (${why}); whether HubSpot applied a write in flight is unknown, so redo it.`,
  });
}

function fromApiException(error: ApiExceptionLike, operation: string): CrmError {
  const status = error.code;
  const body = (typeof error.body === 'object' && error.body !== null ? error.body : {}) as HubSpotErrorBody;
  const said = body.message ? `: ${body.message}` : '';
  const common = { operation, status, category: body.category, correlationId: body.correlationId, cause: error };
  if (status === 429) {
    const retryAfter = Number(error.headers['retry-after']);
    const remaining = error.headers['x-hubspot-ratelimit-remaining'];
    const daily = body.policyName === 'DAILY';
    return new CrmError({
      ...common, code: 'RATE_LIMITED', retryable: !daily, policyName: body.policyName,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
      rateLimitRemaining: remaining !== undefined && /^\d+$/.test(remaining) ? Number(remaining) : undefined,
      message: daily
        ? `${operation}: HubSpot's daily API limit is used up (429 DAILY). Wait until it resets at midnight in the account's time zone.`
        : `${operation}: rate limited by HubSpot (429 ${body.policyName ?? 'unknown policy'}). Wait and retry; share one rate limiter across all calls so batches stay under the limit.`,
    });
  }
  if (status === 401) {
    return new CrmError({ ...common, code: 'UNAUTHORIZED', message: `${operation}: HubSpot rejected the access token (401)${said}. Set PRIVATE_APP_ACCESS_TOKEN to the private app's current access token.` });
  }
  if (status === 403) {
    return new CrmError({ ...common, code: 'FORBIDDEN', message: `${operation}: the private app may not do this (403)${said}. Add the missing scope to the app and reinstall it.` });
  }
  if (status === 404) {
    return new CrmError({ ...common, code: 'NOT_FOUND', message: `${operation}: not found (404)${said}. Check the id and the object type.` });
  }
  if (status === 409) {
    return new CrmError({ ...common, code: 'CONFLICT', message: `${operation}: already exists (409)${said}. Read the existing definition instead of creating it again.` });
  }
  if (status >= 500) {
    return new CrmError({ ...common, code: 'SERVER', message: `${operation}: HubSpot failed (${status})${said}. This is on HubSpot's side; retrying later usually works.` });
  }
  if (status >= 400) {
    const propertyNames = [...new Set((body.errors ?? []).flatMap((detail) => detail.context?.propertyName ?? []))];
    const named = propertyNames.length > 0 ? ` (properties: ${propertyNames.join(', ')})` : '';
    return new CrmError({
      ...common, code: 'VALIDATION', propertyNames,
      message: `${operation}: HubSpot refused the request as invalid (${status})${named}${said}. Fix the request; retrying it unchanged will fail again.`,
    });
  }
  return new CrmError({ ...common, code: 'UNEXPECTED', retryable: false, message: `${operation}: unexpected HTTP status ${status}${said}.` });
}

function isApiException(error: unknown): error is ApiExceptionLike {
  // The SDK has one ApiException class per API module, so recognise the shape rather than the class.
  return error instanceof Error && typeof (error as Partial<ApiExceptionLike>).code === 'number'
    && 'body' in error && typeof (error as Partial<ApiExceptionLike>).headers === 'object';
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errorCode(error) ?? errorCode(error.cause);
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return error instanceof TypeError && /fetch failed|failed to fetch|network/i.test(error.message);
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = errorCode(error) ?? errorCode(cause);
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
