/**
 * A value kept per portal for a while, so that a warm function does not ask HubSpot again: the
 * account's details, the names of its users.
 */
export interface PortalCache<T> {
  get(portalId: number, now: Date): T | undefined;
  set(portalId: number, value: T, now: Date): void;
}

/**
 * Values kept per portal for `ttlMs`; older ones read as missing.
 * @example const cache = createPortalCache<string>(1000); cache.set(1, 'EUR', now); cache.get(1, now) // 'EUR'
 */
export function createPortalCache<T>(ttlMs: number): PortalCache<T> {
  const entries = new Map<number, { value: T; at: number }>();
  return {
    get(portalId, now) {
      const entry = entries.get(portalId);
      return entry && now.getTime() - entry.at < ttlMs ? entry.value : undefined;
    },
    set(portalId, value, now) {
      entries.set(portalId, { value, at: now.getTime() });
    },
  };
}
