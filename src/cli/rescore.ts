import { parseArgs } from 'node:util';
import type { Model } from '../engine';
import { DEFAULT_CHECKPOINT, describeSelection, readCheckpoint, removeCheckpoint, sameRun, writeCheckpoint } from '../rescore/checkpoint';
import { formatProgressBar, formatProgressLine, group } from '../rescore/formatProgress';
import { rescoreContacts } from '../rescore/rescoreContacts';
import type { RescoreResult } from '../rescore/rescoreContacts';
import type { RescoreProgress, RescoreSelection, RescoreState } from '../rescore/types';
import { parseNow } from './backtest';
import { crmFromEnv } from './crmFromEnv';
import { loadModel, UsageError, write } from './io';
import type { CliIo } from './io';

export const RESCORE_HELP = `bant rescore [--since <date> | --ids <id,id,...>] [options]

Recomputes the derived BANT properties of every contact (or those modified since a date, or the
given ids) from current CRM state, and writes only the contacts whose values changed. Run it after
installing, after a model change, and nightly: timeline windows move with time.

Options:
  --since <date>         only contacts modified on or after this date (lastmodifieddate), e.g. 2026-11-01
  --ids <id,id,...>      only these contact ids
  --dry-run              report what would change (grades before → after); write nothing
  --checkpoint <file>    where to keep the place, so an interrupted run continues where it stopped
                         (default ${DEFAULT_CHECKPOINT}; removed when the run completes)
  --restart              ignore an existing checkpoint and start over
  --model <file>         score with this model (default: the active model)
  --now <date-time>      score as of this instant (default: now)
  --concurrency <n>      groups of up to 200 contacts scored at once, 1 to 8 (default 4)

Talks to HUBSPOT_API_BASE_URL (default https://api.hubapi.com) with PRIVATE_APP_ACCESS_TOKEN; stays
inside HubSpot's 190 requests per 10 s and 5 searches per second; retries 429 and 5xx.
Exit status: 0 every contact up to date, 1 some contacts failed or the run stopped (the failed ids
are listed; run again to continue), 2 could not start (bad option, missing variable, token refused).`;

/** \`bant rescore\`: pages through contacts, scores them, writes what changed, keeps a checkpoint. */
export async function rescoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      since: { type: 'string' },
      ids: { type: 'string' },
      'dry-run': { type: 'boolean' },
      checkpoint: { type: 'string', default: DEFAULT_CHECKPOINT },
      restart: { type: 'boolean' },
      model: { type: 'string' },
      now: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${RESCORE_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`bant rescore takes no file, got ${positionals.join(' ')}; choose contacts with --since or --ids`);
  const selection = parseSelection(values.since, values.ids);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) throw new UsageError(`--concurrency "${values.concurrency}" must be a whole number from 1 to 8`);
  const now = parseNow(values.now);
  const model = await loadModel(values.model);
  const dryRun = values['dry-run'] === true;
  const { crm } = crmFromEnv(io.env);

  const file = values.checkpoint;
  let resume: RescoreState | undefined;
  if (!dryRun && !values.restart) {
    const read = await readCheckpoint(file);
    if (!read.ok) throw new UsageError(read.message);
    if (read.state && !sameRun(read.state, selection, model.version)) {
      throw new UsageError(`the checkpoint ${file} belongs to another run (${describeSelection(read.state.selection)}, model ${read.state.modelVersion}); run that again to finish it, or pass --restart to start this one over`);
    }
    if (read.state) {
      resume = read.state;
      await write(io.stderr, `bant rescore: continuing from ${file}: ${group(read.state.done)} contacts already done\n`);
    }
  }

  const progress = progressReporter(io);
  let result: RescoreResult;
  try {
    result = await rescoreContacts({
      crm, model, now, selection, dryRun, concurrency,
      ...(resume ? { resume } : {}),
      ...(dryRun ? {} : { onCheckpoint: (state: RescoreState) => writeCheckpoint(file, state) }),
      onProgress: progress.update,
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } catch (error) {
    progress.end();
    throw new UsageError(`cannot keep the checkpoint ${file}: ${(error as Error).message}`, 1);
  }
  progress.end();

  const { state } = result;
  const stats = crm.stats();
  const couldNotStart = !result.complete && result.doneThisRun === 0 && ['UNAUTHORIZED', 'FORBIDDEN', 'CONFIGURATION', 'NETWORK'].includes(result.stopped?.code ?? '');
  if (couldNotStart) throw new UsageError(`could not start: ${result.stopped?.message ?? ''}`);
  if (result.complete && !dryRun) await removeCheckpoint(file);

  await write(io.stdout, summary(model, state, result, { dryRun, now, file, requests: stats.totalCalls, retries: stats.retries }));
  const missingIsFailure = selection.kind === 'ids' && state.missing.length > 0;
  return result.complete && state.failed.length === 0 && !missingIsFailure ? 0 : 1;
}

function parseSelection(since: string | undefined, ids: string | undefined): RescoreSelection {
  if (since !== undefined && ids !== undefined) throw new UsageError('choose contacts with --since or --ids, not both');
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
    if (list.length === 0) throw new UsageError('--ids needs at least one contact id, e.g. --ids 101,102');
    if (bad.length > 0) throw new UsageError(`--ids: ${bad.map((id) => `"${id}"`).join(', ')} ${bad.length > 1 ? 'are not contact ids' : 'is not a contact id'}; ids are numbers such as 101`);
    return { kind: 'ids', ids: [...new Set(list)] };
  }
  return { kind: 'all' };
}

/** A bar redrawn in place on a terminal; a plain line every few seconds otherwise. */
function progressReporter(io: CliIo): { update: (progress: RescoreProgress) => void; end: () => void } {
  const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
  let last: RescoreProgress | undefined;
  let shownAt = -Infinity;
  let shown = '';
  let shownDone = -1;
  const show = (progress: RescoreProgress) => {
    // A line per count reached: the rate alone moving is no news (and would repeat the last line).
    if (progress.done === shownDone) return;
    shownDone = progress.done;
    shown = tty ? formatProgressBar(progress) : formatProgressLine(progress);
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

function summary(model: Model, state: RescoreState, result: RescoreResult, options: { dryRun: boolean; now: Date; file: string; requests: number; retries: number }): string {
  const out: string[] = [];
  const handled = state.written + state.unchanged;
  const as = `with ${model.version} as of ${options.now.toISOString()}`;
  const counts = options.dryRun
    ? `${group(state.written)} would change, ${group(state.unchanged)} unchanged`
    : `${group(state.written)} written, ${group(state.unchanged)} unchanged`;
  const extra = [
    state.failed.length > 0 ? `${group(state.failed.length)} failed` : '',
    state.missing.length > 0 ? `${group(state.missing.length)} not found` : '',
  ].filter(Boolean).join(', ');
  out.push(`${options.dryRun ? 'Dry run, nothing written: ' : ''}${result.complete ? 'rescored' : 'rescored so far'} ${group(handled)} contact${handled === 1 ? '' : 's'} ${as}: ${counts}${extra ? `, ${extra}` : ''}.`);

  const transitions = Object.entries(state.grades);
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
    out.push('', `Failed (${state.failed.length}), after retries:`);
    for (const failure of state.failed) out.push(`  ${failure.id}: ${failure.message}`);
    out.push(`Retry them with: bant rescore --ids ${state.failed.map((f) => f.id).join(',')}`);
  }
  if (state.missing.length > 0) out.push('', `Not found (deleted, or not a contact id): ${state.missing.join(',')}`);
  if (result.stopped) {
    out.push('', `Stopped after ${group(state.done)} contacts: ${result.stopped.message}`);
    if (!options.dryRun) out.push(`Run the same command again to continue from the checkpoint ${options.file}.`);
  }
  out.push('', `${group(options.requests)} requests to HubSpot (${group(options.retries)} retried) in ${(result.elapsedMs / 1000).toFixed(1)} s.`);
  return `${out.join('\n')}\n`;
}

function rank(order: string[], grade: string): number {
  const index = order.indexOf(grade);
  return index >= 0 ? index : grade === '(none)' ? Number.MAX_SAFE_INTEGER : order.length;
}
