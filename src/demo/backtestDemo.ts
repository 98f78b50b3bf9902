import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBacktestCsv } from '../backtest/readBacktestCsv';
import { readPortalLeads } from '../backtest/readPortalLeads';
import { renderBacktestHtml } from '../backtest/renderBacktestHtml';
import { runBacktest } from '../backtest/runBacktest';
import type { BacktestReport } from '../backtest/types';
import { createCrmClient } from '../crm';
import { propertiesRead, selectDeal } from '../engine';
import type { Model } from '../engine';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../models';
import { DEFAULT_PORTAL_TOKEN, seedDemoPortal, startPortal } from '../portal';

/** The demo account's "today": its deals open and close around this instant. */
export const DEMO_NOW = new Date('2026-11-23T09:00:00.000Z');
/** Demo contacts seeded; about a third of them end up with a closed deal: the seed's 100–200 leads. */
export const DEMO_CONTACTS = 400;
export const DEMO_SEED = 1;
/** Beside this file in the sources; from the bundle in dist/cli (npm start), in the sources it was built from. */
export const DEMO_CSV = [join(import.meta.dirname, 'backtest-demo.csv'), join(import.meta.dirname, '../../src/demo/backtest-demo.csv')].find((file) => existsSync(file))
  ?? join(import.meta.dirname, 'backtest-demo.csv');

const ANSWER_COLUMNS = ['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline'];

/**
 * The demo backtest's input, as a HubSpot export would hold it: the local portal's demo account
 * (`seedDemoPortal`) read through the CRM adapter exactly as `bant backtest --from-portal` reads
 * it, one row per contact with a closed deal, the BANT answers, the open deal that feeds the
 * model (if any) as `deal.amount` / `deal.closedate`, and the outcome.
 */
export async function generateBacktestDemoCsv(model: Model = BANT_DEFAULT): Promise<string> {
  const running = await startPortal({ rateLimit: false });
  try {
    seedDemoPortal(running.portal, { contacts: DEMO_CONTACTS, seed: DEMO_SEED, now: DEMO_NOW });
    const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url });
    const input = await readPortalLeads(crm, [model], running.url, { extraContactProperties: ['firstname', 'lastname', 'company'] });
    const dealColumns = propertiesRead(model).deal.filter((name) => ['amount', 'closedate'].includes(name));
    const header = ['Record ID', 'First Name', 'Last Name', 'Company Name', ...ANSWER_COLUMNS, ...dealColumns.map((name) => `deal.${name}`), 'outcome'];
    const lines = input.leads.map((lead) => {
      const deal = selectDeal(lead.lead.deals ?? [], model.dealSelection.policy);
      const contact = lead.lead.contact;
      return [
        lead.id ?? '', contact.firstname ?? '', contact.lastname ?? '', contact.company ?? '',
        ...ANSWER_COLUMNS.map((name) => contact[name] ?? ''),
        ...dealColumns.map((name) => deal?.properties[name] ?? ''),
        lead.won ? 'won' : 'lost',
      ];
    });
    return [header, ...lines].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
  } finally {
    await running.close();
  }
}

/**
 * Backtests the active model on the shipped demo export and writes `backtest-report.html` into
 * `outDir`: what `npm start` shows. Returns the file and the report.
 * @example const { file } = await writeDemoBacktest('.bant/demo'); // .bant/demo/backtest-report.html
 */
export async function writeDemoBacktest(outDir: string, model: Model = ACTIVE_MODEL.ok ? ACTIVE_MODEL.model : BANT_DEFAULT): Promise<{ file: string; report: BacktestReport }> {
  const read = await readBacktestCsv(await readFile(DEMO_CSV, 'utf8'), [model], 'outcome', 'demo export (src/demo/backtest-demo.csv)');
  if (!read.ok) throw new Error(`the demo export is unreadable: ${read.message}`);
  const report = runBacktest(read.input, [model], DEMO_NOW, 0.5);
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'backtest-report.html');
  await writeFile(file, renderBacktestHtml(report));
  return { file, report };
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
