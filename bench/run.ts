/**
 * `npm run bench [name...]`: the project's benchmarks, never run by `npm test`. Prints one JSON
 * object per benchmark with medians of repeated runs, measured in the same process and moment.
 */
import { cpus } from 'node:os';
import { benchCard } from './card';
import { benchCommittee } from './committee';
import { benchEngine } from './engine';
import { benchExtract } from './extract';
import { benchRescore } from './rescore';
import { benchScore } from './score';
import { benchSoak } from './soak';

/** `--rescore-contacts=N`: a smaller portal for the rescore benchmark while developing (default 40,000). */
const option = (name: string): number | undefined => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  const value = Number(arg.slice(name.length + 3));
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: --${name} must be a positive whole number; got "${arg.slice(name.length + 3)}"`);
    process.exit(2);
  }
  return value;
};
const rescoreContacts = option('rescore-contacts');
const rescoreRuns = option('rescore-runs');

const BENCHES: Record<string, () => Promise<unknown>> = {
  engine: () => benchEngine(),
  score: () => benchScore(),
  card: () => benchCard(),
  committee: () => benchCommittee(),
  soak: () => benchSoak(),
  rescore: () => benchRescore(rescoreContacts, rescoreRuns),
  extract: () => benchExtract(),
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
console.log(JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version } }));
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  console.log(JSON.stringify({ bench: name, ...(await BENCHES[name]!() as object) }));
}
