import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreLead, toDerivedProperties } from '../src/engine';
import type { LeadRecord } from '../src/engine';
import { BANT_DEFAULT } from '../src/models';
import { createRandom } from '../src/portal/random';
import { median } from './stats';

const NOW = new Date('2026-11-23T10:00:00.000Z');

/** Deterministic, varied leads: some answers missing, some invalid, 0–3 deals. */
export function makeLeads(count: number, seed = 7): Array<LeadRecord & { now: string }> {
  const random = createRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    now: NOW.toISOString(),
    contact: {
      bant_budget: pick(['', '', '25000', '60000', '100000', '250000', 'abc']),
      bant_authority: pick(['', 'c_level', 'director', 'manager', 'other']),
      bant_need: pick(['', 'perfect', 'partial', 'low']),
      bant_timeline: pick(['', '', 'within_1_month', '1_3_months', '3_6_months', 'over_6_months']),
    },
    deals: Array.from({ length: Math.floor(random() * 4) }, (_, d) => ({
      id: String(i * 4 + d + 1),
      properties: {
        amount: String(Math.floor(random() * 250_000)),
        closedate: new Date(NOW.getTime() + (random() - 0.2) * 400 * 86_400_000).toISOString(),
        createdate: new Date(NOW.getTime() - random() * 400 * 86_400_000).toISOString(),
        hs_is_closed: random() < 0.3 ? 'true' : 'false',
        dealname: `Deal ${i}-${d}`,
      },
    })),
  }));
}

export interface EngineBench {
  records: number;
  engineLeadsPerSecond: number;
  cliLeadsPerSecond: number;
  cliOverEngine: number;
}

/** Leads per second through `scoreLead` + `toDerivedProperties`, and through `bant score` on NDJSON end to end. */
export async function benchEngine(records = 100_000, runs = 5): Promise<EngineBench> {
  const leads = makeLeads(records);
  const engineRuns: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    for (const lead of leads) toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, lead, NOW), NOW);
    engineRuns.push(records / ((performance.now() - start) / 1000));
  }

  const dir = await mkdtemp(join(tmpdir(), 'bant-bench-'));
  const file = join(dir, 'leads.ndjson');
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    for (const lead of leads) out.write(`${JSON.stringify(lead)}\n`);
    out.end(resolve);
    out.on('error', reject);
  });
  const cliRuns: number[] = [];
  for (let run = 0; run < Math.max(3, Math.ceil(runs / 2)); run += 1) {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, '../bin/bant.js'), 'score', file], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bant score exited ${code}`))));
    });
    cliRuns.push(records / ((performance.now() - start) / 1000));
  }
  await rm(dir, { recursive: true, force: true });
  const engine = median(engineRuns);
  const cli = median(cliRuns);
  return { records, engineLeadsPerSecond: Math.round(engine), cliLeadsPerSecond: Math.round(cli), cliOverEngine: Math.round((cli / engine) * 1000) / 1000 };
}
