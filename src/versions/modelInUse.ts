import type { Model, ModelProblem, ModelValidation } from '../engine';
import { ModelUnavailableError } from './createModelResolver';
import type { ModelResolver, ResolvedModel } from './createModelResolver';
import type { PointerCrm } from './createVersionStore';

/** What an adapter scores with: a fixed model (a `--model` file, a test), or the portal's published one through a resolver. */
export type ModelSource = ModelValidation | ModelResolver;

/** The model of a call, or why there is none: problems, never a throw, so each adapter answers in its own terms. */
export type ModelInUse =
  | { ok: true; model: Model; resolved: ResolvedModel | null }
  | { ok: false; problems: ModelProblem[]; source: 'portal' | 'bundled' };

/**
 * The model a call scores with: a fixed one at no cost, else the published one (one request).
 * A model that cannot be used comes back as its problems; a CRM failure throws the adapter's CrmError.
 * @example const inUse = await modelInUse(deps.model, crm); if (!inUse.ok) return modelInvalid(inUse.problems);
 */
export async function modelInUse(source: ModelSource, crm: PointerCrm): Promise<ModelInUse> {
  if ('ok' in source) return source.ok ? { ok: true, model: source.model, resolved: null } : { ok: false, problems: source.problems, source: 'bundled' };
  try {
    const resolved = await source.resolve(crm);
    return { ok: true, model: resolved.model, resolved };
  } catch (error) {
    if (error instanceof ModelUnavailableError) return { ok: false, problems: error.problems, source: error.source };
    throw error;
  }
}
