import { CrmError } from '../../crm';
import type { CrmErrorCode } from '../../crm';
import type { CardError } from '../cards/lib/cardApi';

/** A CRM failure in a rep's words: what happened, what to do, and whether trying again can help. */
export function crmFailureToCardError(failure: { code: CrmErrorCode | string; message: string; retryable: boolean; status?: number | undefined }, doing: string): CardError {
  const status = failure.status ? ` (${failure.status})` : '';
  switch (failure.code) {
    case 'NOT_FOUND':
      return { code: 'not_found', retryable: false, message: `HubSpot could not find this contact while ${doing}${status}; it may have been deleted or merged. Reload the record page.` };
    case 'FORBIDDEN':
      return {
        code: 'forbidden', retryable: false,
        message: `HubSpot refused ${doing}${status || ' (403)'}: you or the app lack permission to edit contacts. Ask your HubSpot admin for edit access to contacts; the app needs the crm.objects.contacts.write scope.`,
      };
    case 'UNAUTHORIZED':
      return { code: 'unauthorized', retryable: false, message: `HubSpot rejected the app's access token while ${doing}${status || ' (401)'}. Ask your HubSpot admin to reinstall the BANT app.` };
    case 'CONFIGURATION':
      return { code: 'configuration', retryable: false, message: `The BANT function is not configured: ${failure.message} Ask your HubSpot admin to check the app's setup.` };
    case 'RATE_LIMITED':
      return failure.retryable
        ? { code: 'rate_limited', retryable: true, message: `HubSpot is limiting how fast the app may call it${status || ' (429)'} while ${doing}. Wait a few seconds.` }
        : { code: 'rate_limited', retryable: false, message: `The app has used up HubSpot's daily API limit${status || ' (429)'}; ${doing} works again after midnight in the account's time zone.` };
    case 'SERVER':
    case 'NETWORK':
    case 'TIMEOUT':
    case 'ABORTED': // in a function only the invocation's deadline aborts: HubSpot was too slow this time
      return { code: 'crm_unavailable', retryable: true, message: `HubSpot did not answer while ${doing}${status}. This is usually temporary.` };
    case 'VALIDATION':
      return { code: 'invalid_answers', retryable: false, message: `HubSpot refused the values while ${doing}${status}: ${failure.message}` };
    default:
      return { code: 'internal', retryable: failure.retryable, message: `Something unexpected happened while ${doing}: ${failure.message}` };
  }
}

/** Any thrown value as a CardError: never a stack trace, always a message and a retry hint. */
export function toCardError(error: unknown, doing: string): CardError {
  if (error instanceof CrmError) return crmFailureToCardError(error, doing);
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal', retryable: false,
    message: `The BANT function failed while ${doing} (${reason}). Ask your HubSpot admin to check the logs of the app function bant_card_api.`,
  };
}
