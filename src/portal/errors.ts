import { randomUUID } from 'node:crypto';

/** HubSpot's error envelope, as its API answers every failed request. */
export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
  errorType?: string;
  policyName?: string;
  groupName?: string;
  links?: Record<string, string>;
}

/** A failure the portal answers with: an HTTP status and HubSpot's body. */
export interface PortalFailure {
  status: number;
  body: HubSpotErrorBody;
}

export type PortalResult<T> = { ok: true; value: T } | { ok: false; error: PortalFailure };

export function errorBody(category: string, message: string, extra: Partial<HubSpotErrorBody> = {}): HubSpotErrorBody {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function failure(status: number, category: string, message: string, extra: Partial<HubSpotErrorBody> = {}): PortalFailure {
  return { status, body: errorBody(category, message, extra) };
}

export const validationFailure = (message: string, extra: Partial<HubSpotErrorBody> = {}) =>
  failure(400, 'VALIDATION_ERROR', message, extra);

export const notFoundFailure = (message = 'resource not found') => failure(404, 'OBJECT_NOT_FOUND', message);

/** Thrown by the portal's direct (non-HTTP) helpers, carrying the answer HTTP callers would get. */
export class PortalError extends Error {
  readonly status: number;
  readonly body: HubSpotErrorBody;
  constructor(failure: PortalFailure) {
    super(failure.body.message);
    this.name = 'PortalError';
    this.status = failure.status;
    this.body = failure.body;
  }
}

export function unwrap<T>(result: PortalResult<T>): T {
  if (!result.ok) throw new PortalError(result.error);
  return result.value;
}
