/**
 * Regenerates src/demo/backtest-demo.csv from the local portal's demo account:
 *   npx tsx src/demo/generateBacktestDemo.ts
 * Deterministic: the same seed gives the same file.
 */
import { writeFile } from 'node:fs/promises';
import { DEMO_CSV, generateBacktestDemoCsv } from './backtestDemo';

const csv = await generateBacktestDemoCsv();
await writeFile(DEMO_CSV, csv);
console.log(`wrote ${csv.trim().split('\n').length - 1} leads to ${DEMO_CSV}`);
