import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBacktestText } from '../backtest/formatBacktestText';
import { readPortalLeads } from '../backtest/readPortalLeads';
import { runBacktest } from '../backtest/runBacktest';
import type { CrmClient } from '../crm';
import { CrmError } from '../crm';
import { formatProblem, validateModel } from '../engine';
import type { Model } from '../engine';
import { diffModels, readVersionModel, versionHistory } from '../modelstore';
import type { PublishedPointer } from '../modelstore';
import { createVersionStore } from '../versions';
import type { VersionStore } from '../versions';
import { parseNow } from './backtest';
import { crmFromEnv } from './crmFromEnv';
import { UsageError, write } from './io';
import type { CliIo } from './io';
import { INTERACTIVE_RETRY } from './issues';

export const MODEL_VERSIONS_HELP = `bant model history [--json]
bant model pull [<n>] [--out <file>]
bant model push <file> [--note <text>] [--based-on <n>] [--as <who>] [--json]
bant model publish <n> --note <text> [--expect <n>|none] [--as <who>] [--json]
bant model rollback --note <text> [--as <who>]
bant model diff <a> <b> [--backtest [--now <date-time>] [--min-precision <p>]]

The model's versions live in the portal (the bant_model_version object bant setup creates); every
adapter scores with the published one. Versions are never edited: a change is a new version.
history   every version, newest first: draft, published or previously published, who and when
pull      the published model (or version n) as JSON, to stdout or --out <file>
push      validates a model file and stores it as the next version, a draft named <model id>@<n>;
          prints n. The same content is not stored twice.
publish   makes version n the published one, in one write (a note is required). --expect <n> refuses
          when someone published since you looked (none: nothing was published). Rolling back is
          publishing an older version.
rollback  publishes the version that was published before the current one
diff      what changed from a to b in words; each a version number, "published" or a model file.
          --backtest also scores the portal's closed deals with both (precision, recall, F1).
--as      who you are, recorded on the version (default $BANT_USER, else your login).
Environment: PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL. Exit status: 0 done, 1 refused or
nothing to do, 2 bad input or the portal could not be read.`;

export const MODEL_VERSION_ACTIONS = ['history', 'pull', 'push', 'publish', 'rollback', 'diff'] as const;

/** `bant model history | pull | push | publish | rollback | diff`: the model's versions in the portal. */
export async function modelVersionsCommand(action: string, args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      note: { type: 'string' }, as: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false },
      expect: { type: 'string' }, 'based-on': { type: 'string' }, backtest: { type: 'boolean', default: false },
      now: { type: 'string' }, 'min-precision': { type: 'string', default: '0.5' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${MODEL_VERSIONS_HELP}\n`);
    return 0;
  }
  const { crm } = crmFromEnv(io.env, { retry: INTERACTIVE_RETRY });
  const store = createVersionStore(crm);
  const by = values.as?.trim() || io.env.BANT_USER?.trim() || `${userInfo().username} (command line)`;
  try {
    switch (action) {
      case 'history':
        expectArgs(positionals, 0, 'bant model history');
        return await history(store, values.json, io);
      case 'pull':
        if (positionals.length > 1) throw new UsageError('bant model pull takes at most one version number');
        return await pull(store, positionals[0], values.out, io);
      case 'push':
        expectArgs(positionals, 1, 'bant model push <file>');
        return await push(store, positionals[0] as string, { by, note: values.note ?? '', basedOn: values['based-on'] }, values.json, io);
      case 'publish':
        expectArgs(positionals, 1, 'bant model publish <n>');
        return await publish(store, versionNumber(positionals[0] as string), { by, note: values.note, expect: values.expect }, values.json, io);
      case 'rollback':
        expectArgs(positionals, 0, 'bant model rollback');
        return await rollback(store, { by, note: values.note }, io);
      default:
        expectArgs(positionals, 2, 'bant model diff <a> <b>');
        return await diff(store, crm, positionals as [string, string], { backtest: values.backtest, now: values.now, minPrecision: values['min-precision'] }, io);
    }
  } catch (error) {
    if (error instanceof CrmError) throw new UsageError(`could not read or write the model versions: ${error.message}`);
    throw error;
  }
}

function expectArgs(positionals: string[], count: number, usage: string): void {
  if (positionals.length !== count) throw new UsageError(`usage: ${usage}${count === 0 ? ` (no arguments; got ${positionals.join(' ')})` : ''}`);
}

function versionNumber(text: string): number {
  const number = Number(text.replace(/^v/i, ''));
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`"${text}" is not a version number; bant model history lists them (1, 2, 3, ...)`);
  return number;
}

async function history(store: VersionStore, json: boolean, io: CliIo): Promise<number> {
  const [versions, read] = await Promise.all([store.listVersions(), store.readPointer()]);
  const pointer = read.state === 'published' ? read.pointer : null;
  const rows = versionHistory(versions, pointer);
  if (json) {
    await write(io.stdout, `${JSON.stringify({ published: pointer ? { number: pointer.number, name: pointer.name, by: pointer.by, at: pointer.at, note: pointer.note } : null, versions: rows }, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    await write(io.stdout, `No model version is stored in this portal: every adapter scores with the bundled model.\nStore one with: bant model push src/models/bant-model.json --note "<why>"\n`);
    return 0;
  }
  const lines = rows.map((row) => {
    const published = row.lastPublished ? `, ${row.status === 'published' ? 'published' : 'last published'} by ${row.lastPublished.by} at ${row.lastPublished.at}: "${row.lastPublished.note}"` : '';
    return `  ${String(row.number).padStart(3)}  ${row.name.padEnd(24)} ${row.status.padEnd(20)} created by ${row.createdBy} at ${row.createdAt}${row.note ? `: "${row.note}"` : ''}${published}`;
  });
  await write(io.stdout, `${lines.join('\n')}\n${pointer ? `Published: ${pointer.name}.` : 'Nothing is published: every adapter scores with the bundled model.'}\n`);
  return 0;
}

async function pull(store: VersionStore, ref: string | undefined, out: string | undefined, io: CliIo): Promise<number> {
  let json: string;
  let name: string;
  if (ref === undefined) {
    const read = await store.readPointer();
    if (read.state === 'none') {
      await write(io.stderr, `bant model pull: ${read.reason}; the bundled model is src/models/bant-model.json\n`);
      return 1;
    }
    ({ json, name } = read.pointer);
    const checked = readVersionModel(json, read.pointer.checksum, name);
    if (!checked.ok) throw new UsageError(checked.message);
  } else {
    const version = await store.readVersion(versionNumber(ref));
    if (!version) throw new UsageError(`there is no version ${ref} in this portal; bant model history lists them`);
    ({ json, name } = version);
  }
  const text = `${JSON.stringify(JSON.parse(json), null, 2)}\n`;
  if (out) {
    await writeFile(out, text).catch((error: Error) => {
      throw new UsageError(`cannot write ${out}: ${error.message}`);
    });
    await write(io.stderr, `bant model pull: wrote ${name} to ${out}\n`);
  } else {
    await write(io.stdout, text);
  }
  return 0;
}

async function push(store: VersionStore, file: string, context: { by: string; note: string; basedOn: string | undefined }, json: boolean, io: CliIo): Promise<number> {
  const input = await readModelFile(file);
  const basedOn = context.basedOn === undefined ? null : versionNumber(context.basedOn);
  const result = await store.push(input, { by: context.by, note: context.note, basedOn });
  if (result.state === 'invalid') {
    throw new UsageError(`${file} was not pushed: ${result.problems.length === 1 && !result.problems[0]?.path ? result.problems[0]?.message : `it is invalid:\n${result.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`}`);
  }
  if (result.state === 'identical') {
    if (json) await write(io.stdout, `${JSON.stringify({ state: 'identical', number: result.version.number, name: result.version.name })}\n`);
    else await write(io.stdout, `${file} is identical to ${result.version.name} (version ${result.version.number}); nothing was pushed.\n`);
    return 0;
  }
  const { version } = result;
  if (json) {
    await write(io.stdout, `${JSON.stringify({ state: 'pushed', number: version.number, name: version.name, checksum: version.checksum })}\n`);
    return 0;
  }
  const read = await store.readPointer();
  const against = read.state === 'published' ? readVersionModel(read.pointer.json, read.pointer.checksum, read.pointer.name) : null;
  const changes = against?.ok ? diffModels(against.model, result.model) : [];
  const compared = read.state === 'published' ? `Against the published ${read.pointer.name}: ${changes.length === 0 ? 'no change in content' : `\n${changes.map((line) => `  ${line}`).join('\n')}`}` : 'Nothing is published yet.';
  await write(io.stdout, `version ${version.number}
Pushed ${version.name} as a draft (checksum ${version.checksum.slice(0, 12)}).
${compared}
Try it: bant model diff published ${version.number} --backtest
Publish it: bant model publish ${version.number} --note "<why>"
`);
  return 0;
}

async function publish(store: VersionStore, number: number, options: { by: string; note: string | undefined; expect: string | undefined }, json: boolean, io: CliIo): Promise<number> {
  if (!options.note?.trim()) throw new UsageError(`--note is required: say why you publish version ${number}; it is kept in the history`);
  const expected = options.expect === undefined ? undefined : options.expect === 'none' ? null : versionNumber(options.expect);
  const result = await store.publish(number, { by: options.by, note: options.note, at: new Date().toISOString(), ...(expected === undefined ? {} : { expected }) });
  if (result.state === 'refused') {
    if (result.code === 'not_found') throw new UsageError(result.message);
    await write(json ? io.stdout : io.stderr, json ? `${JSON.stringify({ state: 'refused', code: result.code, message: result.message })}\n` : `bant model publish: ${result.message}\n`);
    return 1;
  }
  const { plan } = result;
  if (json) {
    await write(io.stdout, `${JSON.stringify({ state: 'published', number: plan.pointer.number, name: plan.pointer.name, previous: plan.previous, rollback: plan.rollback })}\n`);
    return 0;
  }
  const verb = plan.rollback ? `Rolled back to ${plan.pointer.name}` : `Published ${plan.pointer.name}`;
  await write(io.stdout, `${verb}${plan.previous ? ` (was ${plan.previous.name})` : ''}.
The card and the settings page score with it at once. Stored scores catch up: a running bant receiver
rescores every contact in the background; without one, run bant rescore.
Roll back with: bant model publish ${plan.previous?.number ?? '<n>'} --note "<why>"
`);
  return 0;
}

async function rollback(store: VersionStore, options: { by: string; note: string | undefined }, io: CliIo): Promise<number> {
  const read = await store.readPointer();
  if (read.state === 'none') throw new UsageError(`nothing to roll back: ${read.reason}`);
  const previous = previousPublication(read.pointer);
  if (previous === null) throw new UsageError(`nothing to roll back to: ${read.pointer.name} is the only version ever published here`);
  return publish(store, previous, { ...options, expect: String(read.pointer.number) }, false, io);
}

/** The version published before the current one (the log's last entry that is not the current). */
function previousPublication(pointer: PublishedPointer): number | null {
  const earlier = pointer.publications.filter((p) => p.number !== pointer.number);
  return earlier[earlier.length - 1]?.number ?? null;
}

async function diff(store: VersionStore, crm: CrmClient, refs: [string, string], options: { backtest: boolean; now: string | undefined; minPrecision: string }, io: CliIo): Promise<number> {
  const a = await modelAt(store, refs[0]);
  const b = await modelAt(store, refs[1]);
  const changes = diffModels(a.model, b.model);
  await write(io.stdout, `${a.name} → ${b.name}: ${changes.length === 0 ? 'no change in content.' : `${changes.length} change${changes.length > 1 ? 's' : ''}`}\n${changes.map((line) => `  ${line}\n`).join('')}`);
  if (!options.backtest) return 0;
  const now = parseNow(options.now);
  const minPrecision = Number(options.minPrecision.replace(/%$/, '')) / (options.minPrecision.endsWith('%') ? 100 : 1);
  if (!Number.isFinite(minPrecision) || minPrecision < 0 || minPrecision > 1) throw new UsageError(`--min-precision "${options.minPrecision}" is not a fraction from 0 to 1 (0.6) or a percentage (60%)`);
  const input = await readPortalLeads(crm, [a.model, b.model], 'the portal');
  const report = runBacktest(input, [a.model, b.model], now, minPrecision);
  if (report.input.used === 0) throw new UsageError('no closed leads to backtest: no contact in the portal has a closed won or closed lost deal');
  await write(io.stdout, `\n${formatBacktestText(report)}`);
  return 0;
}

/** A version number, "published", or a model file. */
async function modelAt(store: VersionStore, ref: string): Promise<{ name: string; model: Model }> {
  if (ref === 'published') {
    const read = await store.readPointer();
    if (read.state === 'none') throw new UsageError(`"published": ${read.reason}`);
    const checked = readVersionModel(read.pointer.json, read.pointer.checksum, read.pointer.name);
    if (!checked.ok) throw new UsageError(checked.message);
    return { name: `${read.pointer.name} (published)`, model: checked.model };
  }
  if (/^v?\d+$/i.test(ref)) {
    const version = await store.readVersion(versionNumber(ref));
    if (!version) throw new UsageError(`there is no version ${ref} in this portal; bant model history lists them`);
    const checked = readVersionModel(version.json, version.checksum, version.name);
    if (!checked.ok) throw new UsageError(checked.message);
    return { name: version.name, model: checked.model };
  }
  const checked = validateModel(await readModelFile(ref));
  if (!checked.ok) throw new UsageError(`${ref} is invalid:\n${checked.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  // A file is not a version yet: the backtest names it by its file, not by the version it copied.
  return { name: ref, model: { ...checked.model, version: basename(ref) } };
}

async function readModelFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}
