#!/usr/bin/env node
// The `bant` command line, run from the bundle in dist/cli that `npm ci` and `npm run build` make.
import module from 'node:module';

// Node 22 keeps the bundle's compiled code on disk, so later starts skip compiling it (a third of start-up).
module.enableCompileCache?.();
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  process.stderr.write('bant: the command line is not built; run "npm run build:cli" (npm ci and npm run build do it)\n');
  process.exit(1);
}
const stop = new AbortController();
// The reason names the signal, so a command stopped by SIGTERM exits 143 and by Ctrl-C 130.
process.once('SIGINT', () => stop.abort('SIGINT'));
process.once('SIGTERM', () => stop.abort('SIGTERM'));
process.exitCode = await cli.main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal });
