import { CrmError } from '../crm';
import type { Model } from '../engine';
import { ACTIVE_MODEL } from '../models';
import { createModelResolver, ModelUnavailableError } from '../versions';
import type { ModelResolver, PointerCrm, ResolvedModel } from '../versions';
import { loadModel, UsageError } from './io';

/** The model a portal command works with, and a line saying which it is. */
export interface CommandModel {
  model: Model;
  /** "the published version bant-default@4", "the model file draft.json", or the bundled model and why. */
  description: string;
  /** Set when the model came from the portal (or the portal has none). */
  resolved?: ResolvedModel;
}

/**
 * `--model <file>` when given; otherwise the version published in the portal, or the bundled model
 * when the portal has none (and the description says so). A published model that cannot be used,
 * or a portal that cannot be read, is a message and exit status 2, never a silent fall back.
 */
export async function modelForCommand(file: string | undefined, crm: PointerCrm, resolver: ModelResolver = createModelResolver({ bundled: ACTIVE_MODEL })): Promise<CommandModel> {
  if (file) return { model: await loadModel(file), description: `the model file ${file}` };
  try {
    const resolved = await resolver.resolve(crm);
    return { model: resolved.model, description: resolved.description, resolved };
  } catch (error) {
    if (error instanceof ModelUnavailableError) throw new UsageError(error.message);
    if (error instanceof CrmError) throw new UsageError(`could not read the published model: ${error.message}`);
    throw error;
  }
}
