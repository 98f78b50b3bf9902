/**
 * `npm run bench -- score`: `bant score` end to end, run from its bundle as a user runs it, against
 * the JSON round trip (parse a line, stringify it) measured in the same run; its start-up against a
 * bare `node -e 0`; its peak memory on a generated input of about 1 GB (`--size` in MB to change it).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../src/cli/build';
import { makeLeads } from './engine';
import { median } from './stats';

const BANT = join(import.meta.dirname, '../bin/bant.js');

export interface ScoreBench {
  records: number;
  /** Parse a line and stringify it, in one process, no scoring: the ceiling of any NDJSON tool. */
  jsonRoundTripPerSecond: number;
  /** `bant score --output properties < file > /dev/null`, start-up included. */
  propertiesPerSecond: number;
  propertiesOverCeiling: number;
  /** `bant score < file > /dev/null`: the explained result and its properties. */
  fullPerSecond: number;
  fullOverCeiling: number;
  /** The same ratios by CPU time (the child's user + system time, the ceiling's in this process): steadier when other work shares the cores. */
  byCpuTime: { ceilingPerCpuSecond: number; propertiesOverCeiling: number; fullOverCeiling: number };
  /** Median start-up to exit of `bant score` on an empty input, and of `node -e 0`. */
  startupMs: { bant: number; node: number; ratio: number };
  /** Peak resident memory of `bant score` over the large input, both outputs. */
  largeInput: { megabytes: number; records: number; propertiesPeakMB: number; fullPeakMB: number; propertiesPerSecond: number; fullPerSecond: number };
}

export async function benchScore(records = 200_000, runs = 3): Promise<ScoreBench> {
  await buildCli();
  const dir = await mkdtemp(join(tmpdir(), 'bant-bench-score-'));
  try {
    const leads = makeLeads(records);
    const lines = leads.map((lead) => JSON.stringify(lead));
    const file = join(dir, 'leads.ndjson');
    await writeFile(file, `${lines.join('\n')}\n`);
    // Loaded into each measured `bant`: at exit it writes its peak memory and CPU time where BANT_BENCH_USAGE says.
    // The peak is sampled, not the kernel's maxRSS: that one also counts the bench's own memory, copied into the
    // child when it is spawned (it read the same, high, figure for both outputs).
    const usageHook = join(dir, 'usage.mjs');
    await writeFile(usageHook, [
      "import { writeFileSync } from 'node:fs';",
      'let peak = process.memoryUsage.rss();',
      'setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10).unref();',
      "process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.BANT_BENCH_USAGE, JSON.stringify({ rss: Math.max(peak, process.memoryUsage.rss()), cpuMicros: u.userCPUTime + u.systemCPUTime })); });",
      '',
    ].join('\n'));
    const usageFile = join(dir, 'usage.json');
    const measured = async (args: string[]) => {
      const { ms } = await timed([BANT, ...args], { NODE_OPTIONS: `--import ${usageHook}`, BANT_BENCH_USAGE: usageFile });
      const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { rss: number; cpuMicros: number };
      return { ms, cpuSeconds: usage.cpuMicros / 1e6, rss: usage.rss };
    };

    const rates = { ceiling: [] as number[], properties: [] as number[], full: [] as number[] };
    const cpuRates = { ceiling: [] as number[], properties: [] as number[], full: [] as number[] };
    const startup = { bant: [] as number[], node: [] as number[] };
    for (let run = 0; run < runs; run += 1) {
      const ceiling = roundTrip(lines);
      rates.ceiling.push(ceiling.perSecond);
      cpuRates.ceiling.push(ceiling.perCpuSecond);
      const properties = await measured(['score', '--output', 'properties', file]);
      rates.properties.push(records / (properties.ms / 1000));
      cpuRates.properties.push(records / properties.cpuSeconds);
      const full = await measured(['score', file]);
      rates.full.push(records / (full.ms / 1000));
      cpuRates.full.push(records / full.cpuSeconds);
    }
    for (let run = 0; run < 15; run += 1) {
      startup.node.push((await timed(['-e', '0'])).ms);
      startup.bant.push((await run_(['score'])).ms);
    }
    const ceiling = median(rates.ceiling);

    const megabytes = Number(process.argv.find((arg) => arg.startsWith('--size='))?.slice('--size='.length) ?? 1024);
    const large = join(dir, 'large.ndjson');
    const largeRecords = await writeLarge(large, megabytes * 1024 * 1024, lines);
    const peak = async (args: string[]) => {
      const { ms, rss } = await measured([...args, large]);
      return { mb: Math.round(rss / 1024 / 1024), perSecond: Math.round(largeRecords / (ms / 1000)) };
    };
    const properties = await peak(['score', '--output', 'properties']);
    const full = await peak(['score']);
    return {
      records,
      jsonRoundTripPerSecond: Math.round(ceiling),
      propertiesPerSecond: Math.round(median(rates.properties)),
      propertiesOverCeiling: round(median(rates.properties) / ceiling),
      fullPerSecond: Math.round(median(rates.full)),
      fullOverCeiling: round(median(rates.full) / ceiling),
      byCpuTime: {
        ceilingPerCpuSecond: Math.round(median(cpuRates.ceiling)),
        propertiesOverCeiling: round(median(cpuRates.properties) / median(cpuRates.ceiling)),
        fullOverCeiling: round(median(cpuRates.full) / median(cpuRates.ceiling)),
      },
      startupMs: { bant: round(median(startup.bant)), node: round(median(startup.node)), ratio: round(median(startup.bant) / median(startup.node)) },
      largeInput: { megabytes: Math.round((await stat(large)).size / 1024 / 1024), records: largeRecords, propertiesPeakMB: properties.mb, fullPeakMB: full.mb, propertiesPerSecond: properties.perSecond, fullPerSecond: full.perSecond },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Records per second of parse + stringify over the same lines, in this process, by the clock and by CPU time. */
function roundTrip(lines: readonly string[]): { perSecond: number; perCpuSecond: number } {
  let bytes = 0; // uses every result, so no work can be optimised away
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (const line of lines) bytes += JSON.stringify(JSON.parse(line)).length;
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - start) / 1000;
  if (bytes === 0) throw new Error('nothing round-tripped');
  return { perSecond: lines.length / seconds, perCpuSecond: lines.length / ((used.user + used.system) / 1e6) };
}

/** Runs `bant` from its bundle with stdin closed (or the file given) and stdout to /dev/null; fails on a non-zero exit. */
function run_(args: string[]): Promise<{ ms: number }> {
  return timed([BANT, ...args]);
}

function timed(args: string[], env: Record<string, string> = {}): Promise<{ ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ms: performance.now() - start }) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/** Writes the lines over and over until the file reaches `bytes`; returns how many records it holds. */
async function writeLarge(file: string, bytes: number, lines: readonly string[]): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let count = 0;
  const block = `${lines.slice(0, 10_000).join('\n')}\n`;
  const perBlock = Math.min(lines.length, 10_000);
  while (written < bytes) {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += Buffer.byteLength(block);
    count += perBlock;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return count;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
