import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../engine';
import { readModelText } from '../engine/parseModelText';
import type { Model } from '../engine';
import { generatedFiles } from '../sync/hubspotConfig';
import { UsageError, write } from './io';
import type { CliIo } from './io';

export const SYNC_HELP = `bant sync [--check] [--root <dir>]

Regenerates the HubSpot config that follows from the active model (src/models/bant-model.json):
  src/app/webhooks/webhooks-hsmeta.json                       webhook subscriptions
  src/app/workflow-actions/recalculate-bant-score-hsmeta.json  the "Recalculate BANT score" action
  src/app/cards/generated/model-properties.json               the properties the card reads
"npm run build" runs it. Then upload with "hs project upload --profile <name>".
  --check       change nothing; exit 1 when a committed file is out of date with the model
  --root <dir>  the project folder (default: this project)`;

/** The project folder: two levels above src/cli. */
export const PROJECT_ROOT = join(import.meta.dirname, '../..');

/** `bant sync`: writes the generated HubSpot config, or with --check only says whether it is up to date. */
export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { check: { type: 'boolean', default: false }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await write(io.stdout, `${SYNC_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`bant sync takes no arguments, got ${positionals.join(' ')}`);
  const root = values.root ?? PROJECT_ROOT;
  const model = await readActiveModel(root);

  const stale: string[] = [];
  for (const file of generatedFiles(model)) {
    const target = join(root, file.path);
    const current = await readFile(target, 'utf8').catch(() => null);
    if (current === file.content) continue;
    stale.push(file.path);
    if (values.check) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }

  if (values.check) {
    if (stale.length === 0) {
      await write(io.stdout, `bant sync --check: the HubSpot config is up to date with model ${model.version}\n`);
      return 0;
    }
    await write(io.stderr, `bant sync --check: ${stale.length} file(s) out of date with model ${model.version} (src/models/bant-model.json):\n${stale.map((p) => `  ${p}\n`).join('')}Run "npm run build" (or "bant sync") and commit the result.\n`);
    return 1;
  }
  const done = stale.length === 0
    ? `bant sync: nothing to change, the HubSpot config already matches model ${model.version}\n`
    : `${stale.map((p) => `updated ${p}\n`).join('')}bant sync: ${stale.length} file(s) updated for model ${model.version}; commit them, then run "hs project upload --profile <name>"\n`;
  await write(io.stdout, done);
  return 0;
}

/** The active model file of a project folder, validated; every problem is named, exit status 2. */
export async function readActiveModel(root: string): Promise<Model> {
  const file = join(root, 'src/models/bant-model.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read the active model ${file}: ${reason}`);
  }
  const checked = readModelText(text);
  if (!checked.ok && checked.notJson !== undefined) throw new UsageError(`cannot read the active model ${file}: ${checked.notJson}`);
  if (!checked.ok) throw new UsageError(`the active model ${file} is invalid:\n${checked.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  return checked.model;
}
