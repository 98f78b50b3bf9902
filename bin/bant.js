#!/usr/bin/env node
// The `bant` command line: TypeScript sources run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const stop = new AbortController();
// The reason names the signal, so a command stopped by SIGTERM exits 143 and by Ctrl-C 130.
process.once('SIGINT', () => stop.abort('SIGINT'));
process.once('SIGTERM', () => stop.abort('SIGTERM'));
process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal });
