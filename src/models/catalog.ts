/**
 * The presets this project ships, one model per qualification framework. `bant model use <id>`
 * copies `presets/<id>.json` over the active model `bant-model.json`.
 */
import { validateModel } from '../engine';
import type { ModelValidation } from '../engine';
import anumJson from './presets/anum.json';
import bantDefaultJson from './presets/bant-default.json';
import champJson from './presets/champ.json';
import gpctbaCiJson from './presets/gpctba-ci.json';
import meddicJson from './presets/meddic.json';

export interface Preset {
  /** The file name without `.json`, which is also the model's `id`. */
  id: string;
  file: string;
  /** The preset as shipped, checked: a preset that does not validate is a bug of this project. */
  checked: ModelValidation;
}

export const PRESETS: readonly Preset[] = [
  ['bant-default', bantDefaultJson],
  ['anum', anumJson],
  ['champ', champJson],
  ['meddic', meddicJson],
  ['gpctba-ci', gpctbaCiJson],
].map(([id, json]) => ({ id: id as string, file: `presets/${id as string}.json`, checked: validateModel(json) }));
