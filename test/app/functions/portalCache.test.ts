import { describe, expect, it } from 'vitest';
import { createPortalCache } from '../../../src/app/functions/portalCache';

const AT = new Date('2026-12-01T10:00:00.000Z');
const later = (ms: number) => new Date(AT.getTime() + ms);

describe('a value kept per portal', () => {
  it('is kept for its portal only, until just before its time runs out', () => {
    const cache = createPortalCache<string>(1_000);
    cache.set(1, 'EUR', AT);
    expect(cache.get(1, later(999))).toBe('EUR');
    expect(cache.get(2, later(0))).toBeUndefined();
    expect(cache.get(1, later(1_000))).toBeUndefined();
  });

  it('is replaced by a newer value, whose time starts again', () => {
    const cache = createPortalCache<string>(1_000);
    cache.set(1, 'EUR', AT);
    cache.set(1, 'NOK', later(900));
    expect(cache.get(1, later(1_500))).toBe('NOK');
  });
});
