/** Which message tells the rep what a failed load or save means, by the function's error code. Pure. */
import type { CardMessageKey } from '../messages';
import type { CardErrorCode } from './cardApi';

const KEYS: Record<CardErrorCode, CardMessageKey> = {
  invalid_parameters: 'states.errorMismatch',
  invalid_answers: 'states.errorAnswers',
  not_allowed: 'trust.overrideNotAllowed',
  model_invalid: 'states.unavailable',
  not_found: 'states.errorNotFound',
  forbidden: 'states.readOnlyForbidden',
  unauthorized: 'states.errorUnauthorized',
  configuration: 'states.errorConfiguration',
  rate_limited: 'states.errorRateLimited',
  crm_unavailable: 'states.errorUnavailable',
  unreachable: 'states.errorUnreachable',
  internal: 'states.errorInternal',
};

/**
 * @example errorMessage('rate_limited') // 'states.errorRateLimited'
 */
export function errorMessage(code: CardErrorCode): CardMessageKey {
  return KEYS[code] ?? 'states.errorInternal';
}
