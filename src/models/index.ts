/**
 * The models this project ships. `bant-model.json` is the active model: the card, the functions,
 * the receiver and the command line all score with it. Presets sit beside it in `presets/`.
 */
import { validateModel } from '../engine';
import type { Model, ModelValidation } from '../engine';
import activeJson from './bant-model.json';
import bantDefaultJson from './presets/bant-default.json';

/** Set in the command line's bundle to the active model as its build checked it (src/cli/build.ts). */
declare const BANT_ACTIVE_MODEL_CHECKED: ModelValidation | undefined;

/** The active model file, checked: `{ ok: false, problems }` when RevOps left it invalid. */
export const ACTIVE_MODEL: ModelValidation = typeof BANT_ACTIVE_MODEL_CHECKED === 'undefined' ? validateModel(activeJson) : BANT_ACTIVE_MODEL_CHECKED;

/** The default BANT model of SCORING.md §3, as shipped. */
export const BANT_DEFAULT: Model = bantDefaultJson as Model;
