import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../engine';
import { readModelText } from '../engine/parseModelText';
import type { Model } from '../engine';
import { UsageError, write } from './io';
import type { CliIo } from './io';
import { MODEL_VERSION_ACTIONS, MODEL_VERSIONS_HELP, modelVersionsCommand } from './modelVersions';
import { PROJECT_ROOT } from './sync';
import { resolveText } from '../i18n';

export const MODEL_HELP = `${MODEL_VERSIONS_HELP}

The bundled model (used while the portal publishes none) and the presets:
bant model list [--root <dir>]
bant model use <preset> [--force] [--root <dir>]
list  the presets in src/models/presets, with when to use each; * marks the active one
use   copies src/models/presets/<preset>.json over the bundled model src/models/bant-model.json.
      Refuses when the bundled model has edits that no preset holds, unless --force.
Afterwards: bant setup (new properties), npm run build (webhooks, card, functions), bant check,
then hs project upload --profile <name>; or push the preset to the portal and publish it.`;

interface PresetFile {
  id: string;
  text: string;
  model: Model;
}

/** `bant model list | use <preset>` (the project's model file), or the model's versions in the portal. */
export async function modelCommand(args: string[], io: CliIo): Promise<number> {
  const versionAction = MODEL_VERSION_ACTIONS.find((action) => action === args[0]);
  if (versionAction) return modelVersionsCommand(versionAction, args.slice(1), io);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { root: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  const [action, name, ...rest] = positionals;
  if (values.help || !action) {
    await write(values.help ? io.stdout : io.stderr, `${MODEL_HELP}\n`);
    return values.help ? 0 : 2;
  }
  const root = values.root ?? PROJECT_ROOT;
  const activeFile = join(root, 'src/models/bant-model.json');
  const presets = await readPresets(join(root, 'src/models/presets'));
  const activeText = await readFile(activeFile, 'utf8').catch(() => null);
  const active = presets.find((p) => p.text === activeText);

  if (action === 'list') {
    if (rest.length > 0 || name) throw new UsageError('bant model list takes no arguments');
    const width = Math.max(...presets.map((p) => p.id.length));
    const lines = presets.map((p) => `${p === active ? '*' : ' '} ${p.id.padEnd(width)}  ${resolveText(p.model.name, 'en')} (${p.model.version})\n    ${p.model.description ? resolveText(p.model.description, 'en') : ''}\n`);
    const note = active ? `The active model is the preset ${active.id}.` : 'The active model src/models/bant-model.json is not one of the presets as shipped (edited, or your own).';
    await write(io.stdout, `${lines.join('')}${note}\nSwitch with: bant model use <preset>\n`);
    return 0;
  }
  if (action !== 'use') throw new UsageError(`"${action}" is not a model action; use list, use, ${MODEL_VERSION_ACTIONS.join(', ')} (bant model --help)`);
  if (!name || rest.length > 0) throw new UsageError('bant model use takes one preset, e.g. bant model use anum; see bant model list');
  const preset = presets.find((p) => p.id === name);
  if (!preset) throw new UsageError(`"${name}" is not a preset; expected one of ${presets.map((p) => p.id).join(', ')}`);
  if (preset === active) {
    await write(io.stdout, `The active model already is the preset ${preset.id} (${preset.model.version}); nothing changed.\n`);
    return 0;
  }
  if (activeText !== null && !active && !values.force) {
    throw new UsageError('src/models/bant-model.json has edits that no preset holds; commit or copy it first, then run again with --force to replace it', 1);
  }
  await writeFile(activeFile, preset.text);
  await write(io.stdout, `The active model is now ${resolveText(preset.model.name, 'en')} (${preset.model.version}), copied from src/models/presets/${preset.id}.json.
Next:
  bant setup                      create the properties the new model needs
  npm run build                   regenerate webhooks and the card's property list, bundle the functions
  bant check                      check every mapping against the portal
  hs project upload --profile <name>
`);
  return 0;
}

async function readPresets(dir: string): Promise<PresetFile[]> {
  const names = (await readdir(dir).catch(() => [])).filter((file) => file.endsWith('.json')).sort();
  const presets: PresetFile[] = [];
  for (const file of names) {
    const text = await readFile(join(dir, file), 'utf8');
    const checked = readModelText(text);
    if (!checked.ok) throw new UsageError(`preset ${file} is invalid:\n${checked.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    presets.push({ id: file.replace(/\.json$/, ''), text, model: checked.model });
  }
  // The default first, the others by name.
  return presets.sort((a, b) => (a.id === 'bant-default' ? -1 : b.id === 'bant-default' ? 1 : a.id.localeCompare(b.id)));
}
