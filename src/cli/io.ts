import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { formatProblem } from '../engine';
import { readModelText } from '../engine/parseModelText';
import type { Model } from '../engine';
import { ACTIVE_MODEL } from '../models';
import { UsageError } from './usageError';

export { UsageError };

/** What a command may touch: its streams and environment, injected so tests can run it in-process. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Ends long-running commands (receiver, demo); the binary wires it to SIGINT and SIGTERM. */
  signal?: AbortSignal;
}

export async function readText(file: string | undefined, stdin: Readable): Promise<string> {
  if (file && file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The model named by `--model`, or the project's active model; invalid models are refused with every problem. */
export async function loadModel(file: string | undefined): Promise<Model> {
  if (!file) {
    if (ACTIVE_MODEL.ok) return ACTIVE_MODEL.model;
    throw new UsageError(`the active model src/models/bant-model.json is invalid:\n${ACTIVE_MODEL.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
  const checked = readModelText(await readText(file, process.stdin));
  if (!checked.ok && checked.notJson !== undefined) throw new UsageError(`model ${file} is not JSON: ${checked.notJson}`);
  if (!checked.ok) throw new UsageError(`model ${file} is invalid:\n${checked.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  return checked.model;
}

/** Writes and waits when the stream asks to, so 100,000 lines do not pile up in memory. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

/**
 * The exit status of a command stopped by its signal: 143 when the binary says it was SIGTERM,
 * else 130 (Ctrl-C, SIGINT), as shells report a process killed by either.
 */
export function interruptedStatus(signal: AbortSignal | undefined): number {
  const reason: unknown = signal?.reason;
  const name = typeof reason === 'string' ? reason : String((reason as { signal?: unknown } | undefined)?.signal ?? (reason as Error | undefined)?.message ?? '');
  return name.includes('SIGTERM') ? 143 : 130;
}

/** Resolves when the signal aborts (never, without one). */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
