import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent } from '../../src/backtest/formatBacktestText';
import { readBacktestCsv } from '../../src/backtest/readBacktestCsv';
import { CHART, renderBacktestHtml } from '../../src/backtest/renderBacktestHtml';
import { runBacktest } from '../../src/backtest/runBacktest';
import type { BacktestReport } from '../../src/backtest/types';
import { DEMO_CSV, DEMO_NOW } from '../../src/demo/backtestDemo';
import { BANT_DEFAULT } from '../../src/models';
import { strictModel } from './fixtures';

/** Debian's chromium (apt-get install chromium); never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PLOT_W = CHART.width - CHART.left - CHART.right;
const PLOT_H = CHART.height - CHART.top - CHART.bottom;

let browser: Browser;
let page: Page;
let report: BacktestReport;
const requested: string[] = [];

beforeAll(async () => {
  const models = [BANT_DEFAULT, strictModel(BANT_DEFAULT)];
  const read = await readBacktestCsv(await readFile(DEMO_CSV, 'utf8'), models, 'outcome', 'demo export');
  if (!read.ok) throw new Error(read.message);
  report = runBacktest(read.input, models, DEMO_NOW, 0.5);
  const dir = await mkdtemp(join(tmpdir(), 'bant-report-'));
  const file = join(dir, 'backtest.html');
  await writeFile(file, renderBacktestHtml(report));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  if (process.env.BANT_SCREENSHOT) await page.screenshot({ path: process.env.BANT_SCREENSHOT, fullPage: true });
});

afterAll(async () => {
  await browser?.close();
});

/** The box a chart element occupies, in the SVG's own units. */
async function boxes(selector: string) {
  return page.$$eval(selector, (elements) => elements.map((element) => {
    const box = (element as SVGGraphicsElement).getBBox();
    const data = { ...(element as HTMLElement).dataset };
    return { x: box.x, y: box.y, width: box.width, height: box.height, data };
  }));
}

describe('the backtest HTML report in Chromium', () => {
  it('loads nothing but the page itself', () => {
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatch(/^file:/);
  });

  it('renders every chart at a visible size', async () => {
    const sizes = await page.$$eval('svg[data-chart]', (svgs) => svgs.map((svg) => {
      const rect = svg.getBoundingClientRect();
      return { chart: (svg as SVGElement).dataset.chart, width: rect.width, height: rect.height };
    }));
    expect(sizes.map((s) => s.chart)).toEqual(['pr-curve', 'grade-win-rate', 'grade-win-rate', 'score-distribution', 'score-distribution']);
    for (const size of sizes) {
      expect(size.width).toBeGreaterThan(250);
      expect(size.height).toBeGreaterThan(140);
    }
  });

  it('plots one precision-recall point per threshold with a precision, where precision and recall say', async () => {
    for (const metrics of report.models) {
      const expected = metrics.thresholds.filter((row) => row.precision !== null);
      const points = await boxes(`g[data-series="${metrics.model.id}"] circle[data-pr-point]`);
      expect(points).toHaveLength(expected.length);
      points.forEach((point, i) => {
        const row = expected[i]!;
        expect(Number(point.data.threshold)).toBe(row.threshold);
        expect(point.x + point.width / 2).toBeCloseTo(CHART.left + (row.recall as number) * PLOT_W, 1);
        expect(point.y + point.height / 2).toBeCloseTo(CHART.top + (1 - (row.precision as number)) * PLOT_H, 1);
      });
    }
  });

  it('draws each grade bar as tall as its win rate, labelled with it', async () => {
    for (const metrics of report.models) {
      const bars = await boxes(`svg[data-chart="grade-win-rate"][data-model="${metrics.model.id}"] rect[data-bar="grade"]`);
      const labels = await page.$$eval(`svg[data-chart="grade-win-rate"][data-model="${metrics.model.id}"] text[data-label="win-rate"]`, (texts) => texts.map((t) => t.textContent));
      expect(bars.map((bar) => bar.data.grade)).toEqual(metrics.grades.map((g) => g.grade));
      bars.forEach((bar, i) => expect(bar.height).toBeCloseTo((metrics.grades[i]!.winRate ?? 0) * PLOT_H, 1));
      expect(labels).toEqual(metrics.grades.map((g) => percent(g.winRate)));
    }
  });

  it('draws the score distribution of won and lost leads bin by bin, in proportion', async () => {
    const metrics = report.models[0]!;
    const bars = await boxes(`svg[data-chart="score-distribution"][data-model="${metrics.model.id}"] rect[data-bar="distribution"]`);
    expect(bars).toHaveLength(metrics.distribution.length * 2);
    const counts = bars.map((bar) => Number(bar.data.count));
    expect(counts).toEqual(metrics.distribution.flatMap((bin) => [bin.won, bin.lost]));
    const perUnit = bars.filter((bar) => Number(bar.data.count) > 0).map((bar) => bar.height / Number(bar.data.count));
    for (const ratio of perUnit) expect(ratio).toBeCloseTo(perUnit[0]!, 3);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(metrics.leads);
  });

  it('shows the per-criterion table with every answer and its lift', async () => {
    const metrics = report.models[0]!;
    const rows = await page.$$eval(`section[data-model="${metrics.model.id}"] table[data-table="criteria"] tbody tr`, (trs) => trs.map((tr) => ({
      criterion: (tr as HTMLElement).dataset.criterion,
      lift: tr.querySelector('[data-lift]')?.textContent,
    })));
    const expected = metrics.criteria.flatMap((c) => c.answers.map((a) => ({ criterion: c.key, lift: a.lift === null ? '—' : a.lift.toFixed(2) })));
    expect(rows).toEqual(expected);
  });
});
