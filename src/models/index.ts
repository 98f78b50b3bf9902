/**
 * The models this project ships. `bant-model.json` is the active model: the card, the functions,
 * the receiver and the command line all score with it. Presets sit beside it in `presets/`.
 */
import { validateModel } from '../engine';
import type { Model, ModelValidation } from '../engine';
import activeJson from './bant-model.json';
import bantDefaultJson from './presets/bant-default.json';

/** The active model file, checked: `{ ok: false, problems }` when RevOps left it invalid. */
export const ACTIVE_MODEL: ModelValidation = validateModel(activeJson);

/** The default BANT model of SCORING.md §3, as shipped. */
export const BANT_DEFAULT: Model = bantDefaultJson as Model;
