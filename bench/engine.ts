import { PerformanceObserver } from 'node:perf_hooks';
import { addMonths, compileModel, scoreLead, toDerivedProperties } from '../src/engine';
import type { LeadRecord } from '../src/engine';
import { BANT_DEFAULT } from '../src/models';
import { createRandom } from '../src/portal/random';
import { baselineProperties } from './engineBaseline';
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
  /** `compileModel(model)`: `score` + `derived`, explanations off. */
  engineLeadsPerSecond: number;
  /** The default model written out by hand (bench/engineBaseline.ts), same leads, same properties. */
  baselineLeadsPerSecond: number;
  /** How many times longer the engine takes than the baseline (≤ 2 is the bound). */
  engineOverBaseline: number;
  /** The same per second of this process's CPU time: steadier than the clock when other work shares the cores. */
  engineLeadsPerCpuSecond: number;
  baselineLeadsPerCpuSecond: number;
  /** `scoreLead` + `toDerivedProperties`: explanations on, as the card and `bant score` print them. */
  explainedLeadsPerSecond: number;
  /** Bytes allocated per lead, measured between garbage collections. */
  bytesPerLead: { engine: number; baseline: number; explained: number };
}

/** Engine against the hand-written baseline and the explained path (interleaved runs, medians); `bant score` end to end is bench/score.ts. */
export async function benchEngine(records = 200_000, runs = 7): Promise<EngineBench> {
  const leads = makeLeads(records);
  const compiled = compileModel(BANT_DEFAULT);
  const limits = { threeMonths: addMonths(NOW, 3).getTime(), sixMonths: addMonths(NOW, 6).getTime() };
  const nowIso = NOW.toISOString();
  const engine = (lead: LeadRecord) => compiled.derived(compiled.score(lead, NOW), NOW);
  const baseline = (lead: LeadRecord) => baselineProperties(lead, nowIso, limits);
  const explained = (lead: LeadRecord) => toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, lead, NOW), NOW);
  for (const lead of leads) {
    const expected = JSON.stringify(explained(lead));
    if (JSON.stringify(engine(lead)) !== expected || JSON.stringify(baseline(lead)) !== expected) throw new Error(`engine, baseline and explained path disagree on ${JSON.stringify(lead)}`);
  }
  const explainedLeads = leads.slice(0, records / 10);
  const rates = { engine: [] as number[], baseline: [] as number[], explained: [] as number[] };
  const cpuRates = { engine: [] as number[], baseline: [] as number[] };
  for (let run = 0; run < runs; run += 1) {
    const base = leadsPerSecond(leads, baseline);
    const fast = leadsPerSecond(leads, engine);
    rates.baseline.push(base.wall);
    rates.engine.push(fast.wall);
    cpuRates.baseline.push(base.cpu);
    cpuRates.engine.push(fast.cpu);
    rates.explained.push(leadsPerSecond(explainedLeads, explained).wall);
  }
  const bytesPerLead = {
    engine: await bytesAllocated(leads, engine),
    baseline: await bytesAllocated(leads, baseline),
    explained: await bytesAllocated(leads, explained),
  };
  const engineRate = median(rates.engine);
  const baselineRate = median(rates.baseline);

  return {
    records,
    engineLeadsPerSecond: Math.round(engineRate),
    baselineLeadsPerSecond: Math.round(baselineRate),
    engineOverBaseline: round(baselineRate / engineRate),
    engineLeadsPerCpuSecond: Math.round(median(cpuRates.engine)),
    baselineLeadsPerCpuSecond: Math.round(median(cpuRates.baseline)),
    explainedLeadsPerSecond: Math.round(median(rates.explained)),
    bytesPerLead,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function leadsPerSecond(leads: readonly LeadRecord[], score: (lead: LeadRecord) => Record<string, string>): { wall: number; cpu: number } {
  let written = 0; // uses every result, so no work can be optimised away
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (const lead of leads) written += score(lead).bant_score!.length;
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - start) / 1000;
  if (written === 0) throw new Error('nothing scored');
  return { wall: leads.length / seconds, cpu: leads.length / ((used.user + used.system) / 1e6) };
}

/**
 * Heap growth per lead over a batch small enough to fit between two scavenges, repeated until
 * some batches saw no garbage collection at all; the smallest such reading.
 */
async function bytesAllocated(leads: readonly LeadRecord[], score: (lead: LeadRecord) => unknown): Promise<number> {
  let collections = 0;
  const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
  observer.observe({ entryTypes: ['gc'] });
  const readings: number[] = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  for (let batch = 4000; readings.length < 3 && batch >= 125; batch /= 2) {
    for (let attempt = 0; attempt < 10 && readings.length < 3; attempt += 1) {
      await settle();
      const seen = collections;
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < batch; i += 1) score(leads[i]!);
      const after = process.memoryUsage().heapUsed;
      await settle();
      if (collections === seen) readings.push((after - before) / batch);
    }
  }
  observer.disconnect();
  return Math.round(Math.min(...readings));
}
