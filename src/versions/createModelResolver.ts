import { formatProblem } from '../engine';
import type { Model, ModelProblem, ModelValidation } from '../engine';
import { readVersionModel } from '../modelstore';
import { readPublishedPointer } from './createVersionStore';
import type { PointerCrm } from './createVersionStore';

/** The model a call scores with, and where it came from, in words a person can act on. */
export interface ResolvedModel {
  model: Model;
  source: 'portal' | 'bundled';
  /** The published version, when the model came from the portal. */
  version: { number: number; name: string; checksum: string; publishedBy: string; publishedAt: string } | null;
  /** e.g. "the published version bant-default@4" or "the bundled model bant-default@1: no model version is published ...". */
  description: string;
}

/** The model cannot be used: the published one was edited outside the app, or the bundled one is invalid. */
export class ModelUnavailableError extends Error {
  constructor(message: string, readonly source: 'portal' | 'bundled', readonly problems: ModelProblem[] = [{ path: '', code: 'model.unavailable', params: { reason: message }, message }]) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

/**
 * How long a long-lived process (bant receiver, the demo) scores with the published model it last
 * read before asking HubSpot again: a burst of deliveries costs one read per 5 s, and a publish is
 * followed within 5 s. Functions and commands read it at every call instead.
 */
export const RECEIVER_MODEL_TTL_MS = 5_000;

export interface ModelResolverOptions {
  /** The model shipped with the project (src/models/bant-model.json), used when the portal publishes none. */
  bundled: ModelValidation;
  /**
   * How long a resolved model is used without asking HubSpot again (default 0: every call reads the
   * pointer once). A long-lived process may set a few seconds to spare requests.
   */
  ttlMs?: number;
  /** Monotonic ms, for the TTL. */
  clock?: () => number;
}

/**
 * Resolves the model every adapter scores with: the version published in the portal, or the bundled
 * model when none is. Each resolution costs one HubSpot request (the pointer, which carries the
 * published model); the checked model is cached under the published version's number and checksum,
 * so an unchanged version is not parsed and validated again. A published model that fails its checks
 * throws (never a silent fall back that would write scores with the wrong model); CRM failures throw
 * the adapter's CrmError.
 * @example const { model, description } = await resolver.resolve(crm);
 */
export function createModelResolver(options: ModelResolverOptions) {
  const clock = options.clock ?? (() => performance.now());
  const ttlMs = options.ttlMs ?? 0;
  let cached: { key: string; resolved: ResolvedModel; at: number } | undefined;

  function bundled(reason: string): ResolvedModel {
    if (!options.bundled.ok) {
      const first = options.bundled.problems[0];
      throw new ModelUnavailableError(`${reason}, and the bundled model src/models/bant-model.json is invalid (${options.bundled.problems.length} problem(s), first: ${first ? formatProblem(first) : '?'})`, 'bundled', options.bundled.problems);
    }
    return { model: options.bundled.model, source: 'bundled', version: null, description: `the bundled model ${options.bundled.model.version}: ${reason}` };
  }

  async function resolve(crm: PointerCrm): Promise<ResolvedModel> {
    if (cached && ttlMs > 0 && clock() - cached.at < ttlMs) return cached.resolved;
    const read = await readPublishedPointer(crm);
    let key: string;
    let resolved: ResolvedModel;
    if (read.state === 'none') {
      key = 'bundled';
      resolved = cached?.key === key ? cached.resolved : bundled(read.reason);
    } else {
      const { pointer } = read;
      key = `${pointer.number}:${pointer.checksum}`;
      if (cached?.key === key) {
        resolved = cached.resolved;
      } else {
        const stored = readVersionModel(pointer.json, pointer.checksum, pointer.name);
        if (!stored.ok) throw new ModelUnavailableError(`the published model cannot be used: ${stored.message}`, 'portal');
        resolved = {
          model: stored.model, source: 'portal', description: `the published version ${pointer.name}`,
          version: { number: pointer.number, name: pointer.name, checksum: pointer.checksum, publishedBy: pointer.by, publishedAt: pointer.at },
        };
      }
    }
    cached = { key, resolved, at: clock() };
    return resolved;
  }

  return { resolve };
}

export type ModelResolver = ReturnType<typeof createModelResolver>;
