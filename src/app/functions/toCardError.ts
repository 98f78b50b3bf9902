import { CrmError } from '../../crm';
import type { CrmErrorCode } from '../../crm';
import type { CardError } from '../cards/lib/cardApi';
import type { FunctionTranslate } from './messages';

/**
 * A CRM failure in a rep's words: what happened, what to do, and whether trying again can help.
 * `doing` is already worded ("saving the answers").
 */
export function crmFailureToCardError(failure: { code: CrmErrorCode | string; message: string; retryable: boolean; status?: number | undefined }, doing: string, t: FunctionTranslate): CardError {
  // HubSpot's status code in brackets, or the one the error code implies when the failure has none.
  const status = (implied?: string) => {
    const code = failure.status ?? implied;
    return code ? ` (${code})` : '';
  };
  switch (failure.code) {
    case 'NOT_FOUND':
      return { code: 'not_found', retryable: false, message: t('cardApi.crmNotFound', { doing, status: status() }) };
    case 'FORBIDDEN':
      return { code: 'forbidden', retryable: false, message: t('cardApi.crmForbidden', { doing, status: status('403') }) };
    case 'UNAUTHORIZED':
      return { code: 'unauthorized', retryable: false, message: t('cardApi.crmUnauthorized', { doing, status: status('401') }) };
    case 'CONFIGURATION':
      return { code: 'configuration', retryable: false, message: t('cardApi.crmConfiguration', { reason: failure.message }) };
    case 'RATE_LIMITED':
      return failure.retryable
        ? { code: 'rate_limited', retryable: true, message: t('cardApi.crmRateLimited', { doing, status: status('429') }) }
        : { code: 'rate_limited', retryable: false, message: t('cardApi.crmDailyLimit', { doing, status: status('429') }) };
    case 'SERVER':
    case 'NETWORK':
    case 'TIMEOUT':
    case 'ABORTED': // in a function only the invocation's deadline aborts: HubSpot was too slow this time
      return { code: 'crm_unavailable', retryable: true, message: t('cardApi.crmUnavailable', { doing, status: status() }) };
    case 'VALIDATION':
      return { code: 'invalid_answers', retryable: false, message: t('cardApi.crmRefusedValues', { doing, status: status(), reason: failure.message }) };
    default:
      return { code: 'internal', retryable: failure.retryable, message: t('cardApi.crmOther', { doing, reason: failure.message }) };
  }
}

/** Any thrown value as a CardError: never a stack trace, always a message and a retry hint. */
export function toCardError(error: unknown, doing: string, t: FunctionTranslate): CardError {
  if (error instanceof CrmError) return crmFailureToCardError(error, doing, t);
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'internal', retryable: false, message: t('cardApi.failed', { doing, reason }) };
}
