import { describe, expect, it } from 'vitest';
import { readBacktestCsv } from '../../src/backtest/readBacktestCsv';
import { renderBacktestHtml } from '../../src/backtest/renderBacktestHtml';
import { runBacktest } from '../../src/backtest/runBacktest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { FIVE_LEADS_CSV, NOW, strictModel } from './fixtures';

async function report(models: Model[] = [BANT_DEFAULT], csv = FIVE_LEADS_CSV) {
  const read = await readBacktestCsv(csv, models, 'outcome', 'leads <2026>.csv');
  if (!read.ok) throw new Error(read.message);
  return runBacktest(read.input, models, new Date(NOW), 0.5);
}

const attributes = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);

const FIVE_LEADS_REPORT = await report();

describe('renderBacktestHtml', () => {
  const html = renderBacktestHtml(FIVE_LEADS_REPORT);

  it('draws one precision-recall point per threshold with a defined precision, plus the verdict', () => {
    expect(attributes(html, /data-pr-point data-threshold="(\d+)"/g)).toHaveLength(101);
    expect(html).toMatch(/data-verdict="bant-default" data-precision="0\.6666666666666666" data-recall="0\.6666666666666666"/);
  });

  it('draws one bar per grade at the height of its win rate, labelled with it', () => {
    expect(attributes(html, /data-bar="grade" data-grade="([A-D])"/g)).toEqual(['A', 'B', 'C', 'D']);
    expect(attributes(html, /data-bar="grade" data-grade="[A-D]" data-win-rate="([\d.]*)"/g)).toEqual(['0.6666666666666666', '', '1', '0']);
    expect(attributes(html, /data-label="win-rate"[^>]*>([^<]+)</g)).toEqual(['66.7%', '—', '100.0%', '0.0%']);
  });

  it('draws won and lost bars for every score bin: won 30, 80, 100; lost 10, 70', () => {
    expect(attributes(html, /data-bar="distribution" data-bin="\d" data-outcome="won" data-count="(\d+)"/g)).toEqual(['0', '0', '0', '1', '0', '0', '0', '0', '1', '1']);
    expect(attributes(html, /data-bar="distribution" data-bin="\d" data-outcome="lost" data-count="(\d+)"/g)).toEqual(['0', '1', '0', '0', '0', '0', '0', '1', '0', '0']);
  });

  it('escapes text from the export and the model', () => {
    expect(html).toContain('<title>BANT backtest: leads &lt;2026&gt;.csv</title>');
    expect(html).not.toContain('leads <2026>');
  });

  it('needs nothing from the network: no script, no external stylesheet, font or image', () => {
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=|https?:\/\//i);
  });

  it('draws a series per model with --compare', async () => {
    const compared = renderBacktestHtml(await report([BANT_DEFAULT, strictModel(BANT_DEFAULT)]));
    expect(attributes(compared, /<g data-series="([^"]+)"/g)).toEqual(['bant-default', 'strict']);
    expect(attributes(compared, /data-chart="grade-win-rate" data-model="([^"]+)"/g)).toEqual(['bant-default', 'strict']);
  });
});
