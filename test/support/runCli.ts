import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';

export interface CliRunOptions {
  /** Stops long-running commands. */
  signal?: AbortSignal;
  /** Sees stdout as it is printed, for commands that keep running. */
  onStdout?: (text: string) => void;
}

/** Runs the command line in-process with the given stdin, collecting what it prints. */
export async function runCli(argv: string[], stdin = '', env: NodeJS.ProcessEnv = {}, options: CliRunOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    options.onStdout?.(out);
  });
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  input.end(stdin);
  const code = await main(argv, { stdin: input, stdout, stderr, env, ...(options.signal ? { signal: options.signal } : {}) });
  return { code, stdout: out, stderr: err };
}
