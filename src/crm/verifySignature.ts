import { timingSafeEqual } from 'node:crypto';
import { Signature } from '@hubspot/api-client';

/** HubSpot rejects requests older than this; so do we. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Characters HubSpot decodes in the URI before signing (v3). */
const DECODED: Record<string, string> = { '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';' };

/**
 * Verifies `X-HubSpot-Signature-v3`: base64 HMAC-SHA256 of method + URI + raw body + timestamp
 * with the app's client secret, computed by HubSpot's own SDK, and a timestamp no older than 5 minutes.
 */
export function verifySignature(request: { method: string; url: string; rawBody: string; signature: string | undefined; timestamp: string | undefined }, clientSecret: string, now: number): SignatureCheck {
  if (!request.signature) return { ok: false, reason: 'missing X-HubSpot-Signature-v3 header' };
  if (!request.timestamp || !/^\d+$/.test(request.timestamp)) return { ok: false, reason: 'missing or malformed X-HubSpot-Request-Timestamp header' };
  const timestamp = Number(request.timestamp);
  if (now - timestamp > MAX_SIGNATURE_AGE_MS) return { ok: false, reason: `stale request: signed ${Math.round((now - timestamp) / 1000)} s ago, more than 5 minutes` };
  if (timestamp - now > MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'request timestamp is more than 5 minutes in the future' };
  const url = request.url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (code) => DECODED[code.toUpperCase()] ?? code);
  const expected = Signature.getSignature(request.method.toUpperCase(), 'v3', { clientSecret, requestBody: request.rawBody, url, timestamp, signature: '' });
  const given = Buffer.from(request.signature);
  const wanted = Buffer.from(expected);
  // Constant-time comparison: a byte-by-byte early exit would let an attacker learn the signature by timing.
  const same = given.length === wanted.length && timingSafeEqual(given, wanted);
  return same ? { ok: true } : { ok: false, reason: 'signature does not match; check HUBSPOT_CLIENT_SECRET and the public URL HubSpot calls' };
}

/** Signs a request as HubSpot would: for tests, the demo and anyone replaying events by hand. */
export function signRequest(method: string, url: string, rawBody: string, clientSecret: string, timestamp: number): string {
  return Signature.getSignature(method.toUpperCase(), 'v3', { clientSecret, requestBody: rawBody, url, timestamp, signature: '' });
}
