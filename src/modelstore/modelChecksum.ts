import { createHash } from 'node:crypto';

/**
 * The identity of a model's content: sha256 (hex) of its JSON with keys sorted at every level and
 * its `version` name left out, so the same content pushed twice, or reordered, has one checksum.
 * @example modelChecksum({ ...model, version: 'x@2' }) === modelChecksum({ ...model, version: 'x@7' }) // true
 */
export function modelChecksum(model: object): string {
  const { version: _version, ...content } = model as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
