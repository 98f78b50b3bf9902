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

const BENCHES: Record<string, () => Promise<unknown>> = {
  engine: () => benchEngine(),
  score: () => benchScore(),
  card: () => benchCard(),
  committee: () => benchCommittee(),
  soak: () => benchSoak(),
  rescore: () => benchRescore(),
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
