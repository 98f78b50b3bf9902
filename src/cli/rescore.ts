import { parseArgs } from 'node:util';
import type { Model } from '../engine';
import { CrmError } from '../crm';
import { modelChecksum } from '../modelstore';
import type { BackgroundRescore, RescorePart } from '../modelstore';
import { createVersionStore } from '../versions';
import { defaultCheckpoint, partCheckpoint, readCheckpoint, removeCheckpoint, writeCheckpoint } from '../rescore/checkpoint';
import { formatProgressBar, formatProgressLine, group } from '../rescore/formatProgress';
import { rescoreCommittees } from '../rescore/rescoreCommittees';
import { DEFAULT_CONCURRENCY, rescoreContacts } from '../rescore/rescoreContacts';
import type { RescoreResult } from '../rescore/rescoreContacts';
import { groupFailures } from '../rescore/groupFailures';
import { describeOutputProblems, outputProblems } from '../rescore/outputProblems';
import type { RescoreIdentity, RescoreObject, RescoreProgress, RescoreSelection, RescoreState } from '../rescore/types';
import { specsFor } from '../setup/propertySpecs';
import { parseNow } from './backtest';
import { crmFromEnv } from './crmFromEnv';
import { interruptedStatus, UsageError, write } from './io';
import type { CliIo } from './io';
import { modelForCommand } from './modelSource';
import type { CommandModel } from './modelSource';

export const RESCORE_HELP = `bant rescore [--object contacts|deals|companies] [--since <date> | --ids <id,id,...>] [options]

Recomputes the derived BANT properties of every contact (or those modified since a date, or the
given ids) from current CRM state, and writes only the contacts whose values changed. Run it after
installing, after a model change, and nightly: timeline windows move with time. When the model
rolls up buying committees ("committee" in the model), a run over every contact then rolls up
every deal's and company's committee the same way (bant_committee_size and the same properties).
With --object, only that object: contacts, or the committees of deals or companies.
When the model turns on auto-fill ("suggestions.autofill"), contacts with an empty answer have their
calls, meetings, notes and emails read in batches, and answers a suggestion fills above the model's
threshold are written with the score, stamped as the app's.

Options:
  --object <kind>        only contacts, deals or companies (default: every contact, then the
                         committees the model rolls up)
  --since <date>         only records modified on or after this date (contacts: lastmodifieddate;
                         deals and companies: hs_lastmodifieddate), e.g. 2026-11-01
  --ids <id,id,...>      only these record ids
  --dry-run              report what would change (grades before → after); write nothing
  --checkpoint <file>    where to keep the place, so an interrupted run continues where it stopped
                         (default ${defaultCheckpoint('contacts')}, or .bant/rescore-<object>-checkpoint.json
                         for deals and companies; removed when the run completes). It is resumed
                         only by a run for the same portal, object, model, records and --now;
                         otherwise the run says why and starts over
  --restart              ignore an existing checkpoint and start over
  --model <file>         score with this model (default: the version published in the portal, or
                         the bundled model while none is published)
  --now <date-time>      score as of this instant (default: now)
  --concurrency <n>      windows of up to 1,000 records scored at once, 1 to 8 (default ${DEFAULT_CONCURRENCY})

Talks to HUBSPOT_API_BASE_URL (default https://api.hubapi.com) with PRIVATE_APP_ACCESS_TOKEN; first
checks (one call) that the portal has every property it writes; stays inside HubSpot's 190
requests per 10 s and 5 searches per second; retries 429 and 5xx. Ctrl-C stops within moments,
keeping the checkpoint before anything HubSpot did not confirm.
Exit status: 0 every record up to date, 1 some records failed or the run stopped (the failed ids
are listed; run again to continue), 2 could not start (bad option, missing variable, token refused,
properties missing: run bant setup; a model that does not roll up the object), 130/143 stopped by
Ctrl-C or SIGTERM.`;

/** How the command names one record and several of an object. */
const NOUNS: Record<RescoreObject, { one: string; many: string; crm: 'contact' | 'deal' | 'company' }> = {
  contacts: { one: 'contact', many: 'contacts', crm: 'contact' },
  deals: { one: 'deal', many: 'deals', crm: 'deal' },
  companies: { one: 'company', many: 'companies', crm: 'company' },
};

/** \`bant rescore\`: checks the portal, pages through contacts, scores them, writes what changed, keeps a checkpoint. */
export async function rescoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      object: { type: 'string' },
      since: { type: 'string' },
      ids: { type: 'string' },
      'dry-run': { type: 'boolean' },
      checkpoint: { type: 'string' },
      restart: { type: 'boolean' },
      model: { type: 'string' },
      now: { type: 'string' },
      concurrency: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${RESCORE_HELP}\n`);
    return 0;
  }
  const explicit = values.object !== undefined;
  const object = parseObject(values.object ?? 'contacts');
  const noun = NOUNS[object];
  if (positionals.length > 0) throw new UsageError(`bant rescore takes no file, got ${positionals.join(' ')}; choose ${noun.many} with --since or --ids`);
  const selection = parseSelection(values.since, values.ids, noun);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) throw new UsageError(`--concurrency "${values.concurrency}" must be a whole number from 1 to 8`);
  const now = parseNow(values.now);
  const dryRun = values['dry-run'] === true;
  const { crm, baseUrl } = crmFromEnv(io.env, io.signal ? { signal: io.signal } : {});
  const run = { selection, concurrency, now, dryRun, crm, baseUrl, restart: values.restart === true, nowGiven: values.now !== undefined };

  const contactsFile = values.checkpoint ?? defaultCheckpoint(object);
  const first = await rescoreObject(object, { ...run, file: contactsFile, modelFile: values.model }, io);
  if (first.kind === 'exit') return first.code;
  let code = first.code;
  const parts: RescorePart[] = [];
  // Every contact, with no --object: the buying committees the model rolls up follow, each with its own checkpoint.
  const follow = !explicit && object === 'contacts' && selection.kind === 'all' && first.result.complete;
  if (follow) {
    for (const next of (['deals', 'companies'] as const).filter((o) => first.model.committee?.[o] === true)) {
      if (io.signal?.aborted) break;
      await write(io.stdout, '\n');
      const file = values.checkpoint ? partCheckpoint(values.checkpoint, next) : defaultCheckpoint(next);
      const done = await rescoreObject(next, { ...run, file, chosen: first.chosen }, io);
      if (done.kind === 'exit') {
        code = Math.max(code, done.code);
        parts.push({ object: next, state: 'stopped', done: 0, total: null, written: 0, errors: 0 });
        break;
      }
      code = Math.max(code, done.code);
      const { state } = done.result;
      parts.push({ object: next, state: done.result.complete ? 'done' : 'stopped', done: state.done, total: done.result.complete ? state.done : null, written: state.written, errors: state.failed.length });
    }
  }
  // Every contact (and committee) now carries the published version: say so where the settings page and the receiver look (one write).
  // With --object contacts and a model that rolls up committees, those are not done: nothing is recorded, and bant receiver does it all.
  const published = first.chosen.resolved?.version ?? null;
  const committeesLeft = explicit && (['deals', 'companies'] as const).some((o) => first.model.committee?.[o] === true);
  if (first.result.complete && !dryRun && object === 'contacts' && selection.kind === 'all' && published && !committeesLeft) {
    const { state } = first.result;
    const stopped = parts.find((p) => p.state !== 'done');
    const record: BackgroundRescore = {
      name: published.name, checksum: published.checksum, state: stopped ? 'stopped' : 'done', done: state.done, total: state.done,
      written: state.written, errors: state.failed.length, startedAt: state.startedAt, updatedAt: new Date().toISOString(),
      ...(stopped ? { message: `bant rescore stopped in the ${stopped.object}` } : {}),
      ...(parts.length > 0 ? { parts } : {}),
    };
    await createVersionStore(crm).writeRescoreProgress(record).catch((error: unknown) =>
      write(io.stderr, `bant rescore: note: could not record in the portal that every contact carries ${published.name} (${(error as Error).message}); bant receiver may rescore them again\n`));
  }
  return code;
}

interface ObjectRun {
  selection: RescoreSelection;
  concurrency: number;
  now: Date;
  dryRun: boolean;
  crm: ReturnType<typeof crmFromEnv>['crm'];
  baseUrl: string;
  restart: boolean;
  nowGiven: boolean;
  file: string;
  /** --model, read for the first object; later objects reuse `chosen`, so every part scores with the same model. */
  modelFile?: string | undefined;
  chosen?: CommandModel;
}

type ObjectOutcome =
  | { kind: 'exit'; code: number }
  | { kind: 'done'; code: number; result: RescoreResult; model: Model; chosen: CommandModel };

/** One object's rescore: the model, the preflight, the checkpoint, the run and its summary on stdout. */
async function rescoreObject(object: RescoreObject, options: ObjectRun, io: CliIo): Promise<ObjectOutcome> {
  const { selection, concurrency, now, dryRun, crm, baseUrl } = options;
  const noun = NOUNS[object];
  const stoppedEarly = async (): Promise<ObjectOutcome> => {
    await write(io.stderr, `bant rescore: stopped before any ${noun.one} was read; nothing was written\n`);
    return { kind: 'exit', code: interruptedStatus(io.signal) };
  };

  // The published model (one call), which portal this is (for the checkpoint), and whether it can store what the run writes: three calls.
  let chosen: CommandModel;
  let model: Model;
  let portalId: string;
  let problems;
  try {
    chosen = options.chosen ?? await modelForCommand(options.modelFile, crm);
    model = chosen.model;
    if (object !== 'contacts' && model.committee?.[object] !== true) {
      throw new UsageError(`--object ${object}: the model ${model.version} does not roll up ${noun.many}' buying committees ("committee": { "${object}": false }), so there is nothing to write on ${noun.many}; turn it on in the model, run bant setup, then bant rescore --object ${object}`);
    }
    if (!options.chosen && chosen.resolved?.source === 'bundled') await write(io.stderr, `bant rescore: scoring with ${chosen.description}\n`);
    portalId = (await crm.getAccountInfo()).portalId;
    problems = outputProblems(model, await crm.getProperties(object), noun.crm);
  } catch (error) {
    if (io.signal?.aborted) return stoppedEarly();
    if (error instanceof CrmError) throw new UsageError(`could not start: ${error.message}`);
    throw error;
  }
  const writes = specsFor(model, noun.crm).filter((spec) => spec.path === 'derived').length;
  if (problems.length > 0) {
    if (!dryRun) throw new UsageError(describeOutputProblems(problems, writes, noun.crm));
    await write(io.stderr, `bant rescore: note: ${describeOutputProblems(problems, writes, noun.crm)}\n`);
  }

  const identity: RescoreIdentity = {
    ...(object === 'contacts' ? {} : { object }),
    portalId, baseUrl, modelVersion: model.version, modelChecksum: modelChecksum(model), selection, now: options.nowGiven ? now.toISOString() : null,
  };
  const file = options.file;
  let resume: RescoreState | undefined;
  if (!dryRun && !options.restart) {
    const read = await readCheckpoint(file, identity);
    if (read.kind === 'stale') await write(io.stderr, `bant rescore: not continuing the checkpoint ${file}: ${read.reason}; starting over\n`);
    if (read.kind === 'resume') {
      resume = read.state;
      await write(io.stderr, `bant rescore: continuing from ${file}: ${group(read.state.done)} ${noun.many} already done\n`);
    }
  }

  const progress = progressReporter(io, noun.many);
  const before = crm.stats();
  let result: RescoreResult;
  try {
    const run = {
      model, now, identity, dryRun, concurrency,
      ...(resume ? { resume } : {}),
      ...(dryRun ? {} : { onCheckpoint: (state: RescoreState) => writeCheckpoint(file, state) }),
      onProgress: progress.update,
      ...(io.signal ? { signal: io.signal } : {}),
    };
    result = object === 'contacts' ? await rescoreContacts({ ...run, crm }) : await rescoreCommittees({ ...run, crm, object: noun.crm === 'deal' ? 'deal' : 'company' });
  } catch (error) {
    progress.end();
    throw new UsageError(`cannot keep the checkpoint ${file}: ${(error as Error).message}`, 1);
  }
  progress.end();

  const { state } = result;
  const couldNotStart = !result.complete && result.thisRun.done === 0 && ['UNAUTHORIZED', 'FORBIDDEN', 'CONFIGURATION', 'NETWORK'].includes(result.stopped?.code ?? '');
  if (couldNotStart) throw new UsageError(`could not start: ${result.stopped?.message ?? ''}`);
  if (result.complete && !dryRun) await removeCheckpoint(file);
  const stats = crm.stats();

  await write(io.stdout, summary(model, result, { object, dryRun, now, file, resumed: resume?.done ?? 0, requests: stats.totalCalls - (options.chosen ? before.totalCalls : 0), retries: stats.retries - (options.chosen ? before.retries : 0) }));
  if (io.signal?.aborted) return { kind: 'exit', code: interruptedStatus(io.signal) };
  const missingIsFailure = selection.kind === 'ids' && state.missing.length > 0;
  return { kind: 'done', code: result.complete && state.failed.length === 0 && !missingIsFailure ? 0 : 1, result, model, chosen };
}

function parseObject(text: string | undefined): RescoreObject {
  if (text === 'contacts' || text === 'deals' || text === 'companies') return text;
  throw new UsageError(`--object "${text ?? ''}" is not something bant rescore writes on; use contacts, deals or companies`);
}

function parseSelection(since: string | undefined, ids: string | undefined, noun: { one: string; many: string }): RescoreSelection {
  if (since !== undefined && ids !== undefined) throw new UsageError(`choose ${noun.many} with --since or --ids, not both`);
  if (since !== undefined) {
    const date = new Date(since);
    if (!/^\d{4}-\d{2}-\d{2}/.test(since.trim()) || Number.isNaN(date.getTime())) {
      throw new UsageError(`--since "${since}" is not a date; use ISO 8601 such as 2026-11-01 or 2026-11-01T00:00:00Z`);
    }
    return { kind: 'since', since: date.toISOString() };
  }
  if (ids !== undefined) {
    const list = ids.split(',').map((id) => id.trim()).filter((id) => id !== '');
    const bad = list.filter((id) => !/^\d+$/.test(id));
    if (list.length === 0) throw new UsageError(`--ids needs at least one ${noun.one} id, e.g. --ids 101,102`);
    if (bad.length > 0) throw new UsageError(`--ids: ${bad.map((id) => `"${id}"`).join(', ')} ${bad.length > 1 ? `are not ${noun.one} ids` : `is not a ${noun.one} id`}; ids are numbers such as 101`);
    return { kind: 'ids', ids: [...new Set(list)] };
  }
  return { kind: 'all' };
}

/** A bar redrawn in place on a terminal; a plain line every few seconds otherwise. */
function progressReporter(io: CliIo, noun: string): { update: (progress: RescoreProgress) => void; end: () => void } {
  const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
  let last: RescoreProgress | undefined;
  let shownAt = -Infinity;
  let shown = '';
  let shownDone = -1;
  const show = (progress: RescoreProgress) => {
    // A line per count reached: the rate alone moving is no news (and would repeat the last line).
    if (progress.done === shownDone) return;
    shownDone = progress.done;
    shown = tty ? formatProgressBar(progress, 24, noun) : formatProgressLine(progress, noun);
    io.stderr.write(tty ? `\r\x1b[2K${shown}` : `${shown}\n`);
  };
  return {
    update(progress) {
      last = progress;
      if (progress.done === 0) return;
      if (progress.elapsedMs - shownAt < (tty ? 100 : 5_000)) return;
      shownAt = progress.elapsedMs;
      show(progress);
    },
    end() {
      if (last && last.done > 0) show(last);
      if (tty && shown) io.stderr.write('\n');
    },
  };
}

function summary(model: Model, result: RescoreResult, options: { object: RescoreObject; dryRun: boolean; now: Date; file: string; resumed: number; requests: number; retries: number }): string {
  const { state, thisRun } = result;
  const noun = NOUNS[options.object];
  const count = (n: number) => `${group(n)} ${n === 1 ? noun.one : noun.many}`;
  const rescoreArgs = options.object === 'contacts' ? 'bant rescore' : `bant rescore --object ${options.object}`;
  const out: string[] = [];
  const handled = thisRun.written + thisRun.unchanged;
  const as = `with ${model.version} as of ${options.now.toISOString()}`;
  const counts = options.dryRun
    ? `${group(thisRun.written)} would change, ${group(thisRun.unchanged)} unchanged`
    : `${group(thisRun.written)} written, ${group(thisRun.unchanged)} unchanged`;
  const extra = [
    thisRun.autofilled > 0 ? `${group(thisRun.autofilled)} ${thisRun.autofilled === 1 ? 'answer' : 'answers'} ${options.dryRun ? 'would be filled' : 'filled'} from conversations` : '',
    thisRun.failed > 0 ? `${group(thisRun.failed)} failed` : '',
    thisRun.missing > 0 ? `${group(thisRun.missing)} not found` : '',
  ].filter(Boolean).join(', ');
  out.push(`${options.dryRun ? 'Dry run, nothing written: ' : ''}${result.complete ? 'rescored' : 'rescored so far'} ${count(handled)} ${as}: ${counts}${extra ? `, ${extra}` : ''}.`);
  if (options.resumed > 0) out.push(`An earlier run of this checkpoint had done ${count(options.resumed)}; they are not counted above.`);

  const transitions = Object.entries(thisRun.grades);
  if (transitions.length > 0) {
    const before = new Map<string, number>();
    const after = new Map<string, number>();
    for (const [key, count] of transitions) {
      const [from = '', to = ''] = key.split('→');
      before.set(from, (before.get(from) ?? 0) + count);
      after.set(to, (after.get(to) ?? 0) + count);
    }
    const order = [...model.grades].sort((a, b) => b.min - a.min).map((g) => g.grade);
    const grades = [...new Set([...order, ...before.keys(), ...after.keys()])].sort((a, b) => rank(order, a) - rank(order, b));
    out.push('', `Grades before → after${options.dryRun ? ' (if written)' : ''}:`, '  grade   before   after');
    for (const grade of grades) out.push(`  ${grade.padEnd(6)} ${String(before.get(grade) ?? 0).padStart(7)} ${String(after.get(grade) ?? 0).padStart(7)}`);
    const moves = transitions.filter(([key]) => key.split('→')[0] !== key.split('→')[1]).sort(([, a], [, b]) => b - a);
    if (moves.length > 0) {
      out.push('', 'Changed grade:');
      for (const [key, count] of moves) out.push(`  ${key.replace('→', ' → ').padEnd(16)} ${String(count).padStart(7)}`);
    }
  }
  if (state.failed.length > 0) {
    out.push('', `Failed (${group(state.failed.length)}), after retries:`);
    for (const failure of groupFailures(state.failed)) {
      const who = failure.ids.length === 1 ? `${noun.one} ${failure.ids[0]}` : `${count(failure.ids.length)} (${idList(failure.ids, 10)})`;
      out.push(`  ${who}: ${failure.message}`);
      const command = failure.ids.length <= MAX_IDS_IN_COMMAND ? `${rescoreArgs} --ids ${failure.ids.join(',')}` : `${rescoreArgs} (it writes only what is still out of date)`;
      out.push(failure.retryable
        ? `    Running again can help: ${command}`
        : `    Not worth retrying as it is: HubSpot will refuse it the same way until the cause above is fixed; then ${command}`);
    }
  }
  if (state.missing.length > 0) out.push('', `Not found (deleted, or not a ${noun.one} id): ${idList(state.missing, 50)}`);
  if (result.stopped) {
    out.push('', `Stopped after ${count(state.done)}: ${result.stopped.message}.`);
    if (!options.dryRun) out.push(`Run the same command again to continue from the checkpoint ${options.file}${result.stopped.code === 'INTERRUPTED' ? ` (${noun.many} whose writes were in flight are redone)` : ''}.`);
  }
  out.push('', `${group(options.requests)} requests to HubSpot (${group(options.retries)} retried) in ${(result.elapsedMs / 1000).toFixed(1)} s.`);
  return `${out.join('\n')}\n`;
}

/** Above this many ids, a ready-made --ids command is longer than it is useful. */
const MAX_IDS_IN_COMMAND = 100;

function idList(ids: readonly string[], max: number): string {
  return ids.length > max ? `${ids.slice(0, max).join(', ')}, … ${group(ids.length - max)} more` : ids.join(', ');
}

function rank(order: string[], grade: string): number {
  const index = order.indexOf(grade);
  return index >= 0 ? index : grade === '(none)' ? Number.MAX_SAFE_INTEGER : order.length;
}
