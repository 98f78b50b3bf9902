import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { DEMO_CONTACTS, DEMO_CSV, DEMO_NOW, DEMO_SEED, generateBacktestDemoCsv, writeDemoBacktest } from '../../src/demo/backtestDemo';
import { BANT_DEFAULT } from '../../src/models';
import { DEFAULT_PORTAL_TOKEN, seedDemoPortal, startPortal } from '../../src/portal';
import type { RunningPortal } from '../../src/portal';
import { FIVE_LEADS_CSV, NOW, OVERRIDDEN_LEADS_CSV, strictModel } from '../backtest/fixtures';
import { defineBantProperties } from '../support/bantPortal';
import { runCli } from '../support/runCli';
import { budgetVariant, seedPublishedModel } from '../versions/support';

let dir: string;
let leadsFile: string;
let strictFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bant-backtest-'));
  leadsFile = join(dir, 'leads.csv');
  strictFile = join(dir, 'strict.json');
  await writeFile(leadsFile, FIVE_LEADS_CSV);
  await writeFile(strictFile, JSON.stringify(strictModel(BANT_DEFAULT)));
});

const ROW_FIELDS = ['threshold', 'tp', 'fp', 'tn', 'fn', 'precision', 'recall', 'f1', 'flagged'];

describe('bant backtest on a CSV export', () => {
  it('prints the verdict, best F1, the precision target, every threshold, grades and answers', async () => {
    const { code, stdout, stderr } = await runCli(['backtest', leadsFile, '--now', NOW, '--min-precision', '70%']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`Backtest of ${leadsFile}: 5 rows, 5 leads scored as of 2026-11-23T10:00:00.000Z`);
    expect(lines[1]).toBe('Outcomes: 3 won, 2 lost, win rate 60.0%');
    expect(stdout).toMatch(/Verdict\s+qualified\s+66\.7%\s+66\.7%\s+66\.7%\s+60\.0%\s+2\s+1\s+1\s+1\n/);
    expect(stdout).toMatch(/Best F1\s+score ≥ 11\s+75\.0%\s+100\.0%\s+85\.7%\s+80\.0%\s+3\s+1\s+1\s+0\n/);
    expect(stdout).toMatch(/Precision ≥ 70\.0%\s+score ≥ 11\s/);
    expect(stdout).toMatch(/\n {2}100\s+1\s+0\s+2\s+2\s+100\.0%\s+33\.3%\s+50\.0%\s+20\.0%\n/);
    expect(stdout).toMatch(/\n {2}A\s+3\s+2\s+66\.7%\n {2}B\s+0\s+0\s+—\n {2}C\s+1\s+1\s+100\.0%\n {2}D\s+1\s+0\s+0\.0%\n/);
    expect(stdout).toMatch(/Manager\s+2\s+2\s+100\.0%\s+1\.67\n/);
  });

  it('prints one JSON object with every threshold row and the verdict in the documented fields', async () => {
    const { code, stdout } = await runCli(['backtest', leadsFile, '--now', NOW, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['input', 'warnings', 'badRows', 'models']);
    const [metrics] = report.models;
    expect(Object.keys(metrics)).toEqual(['model', 'leads', 'won', 'lost', 'winRate', 'verdict', 'thresholds', 'bestF1', 'minPrecision', 'grades', 'criteria', 'distribution', 'overrides']);
    expect(metrics.thresholds).toHaveLength(101);
    for (const row of [metrics.verdict, ...metrics.thresholds]) expect(Object.keys(row)).toEqual(ROW_FIELDS);
    expect(metrics.verdict).toEqual({ threshold: 70, tp: 2, fp: 1, tn: 1, fn: 1, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, flagged: 0.6 });
    expect(metrics.thresholds[96]).toEqual({ threshold: 96, tp: 1, fp: 0, tn: 2, fn: 2, precision: 1, recall: 1 / 3, f1: 0.5, flagged: 0.2 });
    expect(metrics.minPrecision).toEqual({ target: 0.5, row: metrics.thresholds[0] });
    expect(metrics.model).toMatchObject({ id: 'bant-default', version: 'bant-default@1', max: 100, minScore: 70 });
  });

  it('compares a second model side by side with --compare', async () => {
    const { code, stdout } = await runCli(['backtest', leadsFile, '--now', NOW, '--compare', strictFile, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.models.map((m: { model: { id: string } }) => m.model.id)).toEqual(['bant-default', 'strict']);
    expect(report.models[1].verdict).toMatchObject({ threshold: 80, tp: 2, fp: 0, tn: 2, fn: 1 });
    const text = await runCli(['backtest', leadsFile, '--now', NOW, '--compare', strictFile]);
    expect(text.stdout).toMatch(/Verdict\s+bant-default@1\s+qualified\s+66\.7%.*\n\s+strict@1\s+qualified\s+100\.0%\s+66\.7%\s+80\.0%\s+40\.0%/);
    expect(text.stdout).toContain('Win rate by grade (Strict):');
  });

  it('lists skipped rows with their row number and reason, and exits 1', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, `${FIVE_LEADS_CSV}6,,manager,perfect,,\n7,lots,manager,perfect,,won\n`);
    const { code, stdout, stderr } = await runCli(['backtest', file, '--now', NOW]);
    expect(code).toBe(1);
    expect(stdout).toContain('5 leads scored as of 2026-11-23T10:00:00.000Z, 2 skipped (listed at the end)');
    expect(stdout).toContain('Skipped rows (2):\n  row 7 (id 6): outcome is empty; fill in won or lost (or 1/0, true/false, yes/no)\n  row 8 (id 7): budget: "lots" is not a number');
    expect(stderr).toBe('bant backtest: 2 of 7 row(s) skipped (listed at the end); fix them in the export and run again\n');
    const json = JSON.parse((await runCli(['backtest', file, '--now', NOW, '--json'])).stdout);
    expect(json.badRows.map((b: { row: number }) => b.row)).toEqual([7, 8]);
    expect(json.input).toMatchObject({ rows: 7, used: 5, skipped: 2 });
  });

  it('reads the export from stdin with "-" and a custom outcome column', async () => {
    const csv = FIVE_LEADS_CSV.replace(',outcome', ',Became customer').replace(/,won$/gm, ',yes').replace(/,lost$/gm, ',no');
    const { code, stdout } = await runCli(['backtest', '-', '--outcome-column', 'Became customer', '--now', NOW, '--json'], csv);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).models[0].verdict).toMatchObject({ tp: 2, fp: 1, tn: 1, fn: 1 });
  });

  it('writes a self-contained HTML report with the charts', async () => {
    const html = join(dir, 'out', 'report.html');
    const { code, stderr } = await runCli(['backtest', leadsFile, '--now', NOW, '--html', html]);
    expect(code).toBe(0);
    expect(stderr).toBe(`bant backtest: wrote the HTML report to ${html}\n`);
    const page = await readFile(html, 'utf8');
    for (const chart of ['pr-curve', 'grade-win-rate', 'score-distribution']) expect(page).toContain(`data-chart="${chart}"`);
    expect(page).toContain('data-table="criteria"');
    expect(page.match(/data-pr-point /g)).toHaveLength(101);
  });
});

describe('bant backtest: verdicts set by hand', () => {
  it('reports overridden leads apart, in text, JSON and HTML: were reps right more often than the model?', async () => {
    const file = join(dir, 'overridden.csv');
    await writeFile(file, OVERRIDDEN_LEADS_CSV);
    const text = await runCli(['backtest', file, '--now', NOW]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Verdicts set by hand: 4 leads (3 won), reported apart; the figures above are the model's own verdict on every lead.");
    expect(text.stdout).toMatch(/set to Qualified by hand\s+2\s+2\s+100\.0%\n\s+set to Not qualified by hand\s+2\s+1\s+50\.0%\n\s+the model said Qualified\s+3\s+2\s+66\.7%\n\s+the model said Not qualified\s+1\s+1\s+100\.0%\n/);
    expect(text.stdout).toContain('Right (qualified and won, or not qualified and lost): by hand 3 of 4 (75.0%), the model 2 of 4 (50.0%); they disagreed on 3.');
    // The model's own verdict is judged on every lead, as without overrides.
    expect(text.stdout).toMatch(/Verdict\s+qualified\s+66\.7%\s+66\.7%\s+66\.7%\s+60\.0%\s+2\s+1\s+1\s+1\n/);

    const json = JSON.parse((await runCli(['backtest', file, '--now', NOW, '--json'])).stdout);
    expect(json.models[0].overrides).toMatchObject({ leads: 4, handRight: 3, modelRight: 2, disagreements: 3 });

    const html = join(dir, 'overridden.html');
    expect((await runCli(['backtest', file, '--now', NOW, '--html', html])).code).toBe(0);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('data-overrides="4"');
    expect(page).toMatch(/<tr data-verdict-row="hand-qualified"><th>Set to Qualified by hand<\/th><td class="num">2<\/td><td class="num">2<\/td><td class="num" data-win-rate="1">100\.0%<\/td><\/tr>/);
    expect(page).toContain('data-hand-right="3"');
    expect(page).toContain('data-model-right="2"');
  });

  it('says so when no lead was overridden', async () => {
    const { stdout } = await runCli(['backtest', leadsFile, '--now', NOW]);
    expect(stdout).toContain('Verdicts set by hand: none among these leads.');
  });

  it('reads the overrides stored in the portal with --from-portal', async () => {
    const running = await startPortal();
    defineBantProperties(running.portal, BANT_DEFAULT);
    try {
      const lead = (properties: Record<string, string>, stage: 'closedwon' | 'closedlost') => {
        const contact = running.portal.createContact({ bant_budget: '120000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '1_3_months', ...properties }).id;
        const deal = running.portal.createDeal({ dealname: `Deal ${contact}`, amount: '1000', dealstage: stage }).id;
        running.portal.associate('contacts', contact, 'deals', deal);
      };
      lead({ bant_override: 'not_qualified', bant_override_reason: 'No budget after all', bant_override_by: '4511' }, 'closedlost');
      lead({ bant_need: 'low', bant_override: 'qualified', bant_override_reason: 'Need confirmed by the CFO', bant_override_by: '4511' }, 'closedwon');
      lead({}, 'closedwon');
      const { code, stdout } = await runCli(['backtest', '--from-portal', '--now', NOW, '--json'], '', { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: running.url });
      expect(code).toBe(0);
      expect(JSON.parse(stdout).models[0].overrides).toMatchObject({
        leads: 2, won: 1, handRight: 2, modelRight: 0,
        byHand: { qualified: { count: 1, won: 1 }, notQualified: { count: 1, won: 0 } },
      });
    } finally {
      await running.close();
    }
  });
});

describe('bant backtest: delimiters, small samples, unwritable reports, Ctrl-C', () => {
  it('detects a semicolon-separated export and says so on stderr', async () => {
    const file = join(dir, 'semicolons.csv');
    await writeFile(file, FIVE_LEADS_CSV.replace(/,/g, ';'));
    const { code, stdout, stderr } = await runCli(['backtest', file, '--now', NOW, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe(`bant backtest: reading ${file} with ";" between fields: its header has 5 semicolons and 0 commas; pass --delimiter "," if that is wrong\n`);
    expect(JSON.parse(stdout).models[0].verdict).toMatchObject({ tp: 2, fp: 1, tn: 1, fn: 1 });
  });

  it('reads the delimiter given with --delimiter ("\\t" for tabs)', async () => {
    const { code, stdout, stderr } = await runCli(['backtest', '-', '--delimiter', '\\t', '--now', NOW, '--json'], FIVE_LEADS_CSV.replace(/,/g, '\t'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout).input).toMatchObject({ rows: 5, used: 5 });
  });

  it('refuses a delimiter that is not one character', async () => {
    const { code, stderr } = await runCli(['backtest', '-', '--delimiter', ';;'], FIVE_LEADS_CSV);
    expect(code).toBe(2);
    expect(stderr).toBe('bant backtest: --delimiter ";;" is not a field separator; give one character such as "," or ";" (or "\\t" for tabs)\n');
  });

  it('warns when fewer than 30 won or 30 lost leads were scored, in text, JSON and HTML', async () => {
    const warning = 'only 3 won and 2 lost leads were scored: with fewer than 30 of either, a few leads more or less move these rates a lot, so treat them as a hint; add closed leads (a longer period) before trusting them';
    const html = join(dir, 'small.html');
    const text = await runCli(['backtest', leadsFile, '--now', NOW, '--html', html]);
    expect(text.stdout.split('\n')[2]).toBe(`Warning: ${warning}`);
    expect(await readFile(html, 'utf8')).toContain(`<p class="warning" data-warning>Warning: ${warning}</p>`);
    expect(JSON.parse((await runCli(['backtest', leadsFile, '--now', NOW, '--json'])).stdout).warnings).toEqual([warning]);
    expect(JSON.parse((await runCli(['backtest', DEMO_CSV, '--now', NOW, '--json'])).stdout).warnings).toEqual([]);
  });

  const refusesAtOnce = async (path: string, why: string) => {
    const { code, stdout, stderr } = await runCli(['backtest', leadsFile, '--now', NOW, '--html', path]);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `bant backtest: cannot write the HTML report to ${path}: ${why}; choose another --html path\n` });
  };

  it('refuses an --html path through a file at once, before reading anything', async () => {
    await refusesAtOnce(join(leadsFile, 'out', 'report.html'), 'a part of the path is a file, not a folder');
  });

  it.skipIf(!existsSync('/proc/self'))('refuses an --html folder under /proc at once (Node\'s recursive mkdir never returns there)', async () => {
    await refusesAtOnce('/proc/bant-nope/report.html', 'the folder /proc/bant-nope cannot be created (ENOENT)');
  });

  it('leaves no empty report behind when the backtest cannot run, and keeps an old one', async () => {
    const fresh = join(dir, 'never.html');
    expect((await runCli(['backtest', '-', '--html', fresh], 'bant_need,outcome\nperfect,\n')).code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
    const old = join(dir, 'old.html');
    await writeFile(old, '<p>last week</p>');
    expect((await runCli(['backtest', '-', '--html', old], 'bant_need,outcome\nperfect,\n')).code).toBe(2);
    expect(await readFile(old, 'utf8')).toBe('<p>last week</p>');
  });

  it('stops on Ctrl-C while reading an export that never ends, exit 130', async () => {
    const stdin = new PassThrough();
    stdin.write('Record ID,bant_need,outcome\n1,perfect,won\n');
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    stdout.resume();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const code = await main(['backtest', '-', '--now', NOW], { stdin, stdout, stderr, env: {}, signal: stop.signal });
    expect(code).toBe(130);
    expect(err).toBe('bant backtest: stopped while reading stdin; nothing was written\n');
  });
});

describe('bant backtest refuses bad input with exit status 2', () => {
  it.each([
    [['backtest'], 'bant backtest: give the CSV export to test (or "-" for stdin), or --from-portal\n'],
    [['backtest', '/nope/missing.csv'], 'bant backtest: cannot read /nope/missing.csv: no such file\n'],
    [['backtest', 'a.csv', '--from-portal'], 'bant backtest: give a CSV file or --from-portal, not both (got a.csv)\n'],
    [['backtest', '-', '--min-precision', '1.5'], 'bant backtest: --min-precision "1.5" is not a precision; give a fraction from 0 to 1 (0.6) or a percentage (60%)\n'],
    [['backtest', '-', '--now', 'yesterday'], 'bant backtest: --now "yesterday" is not a date-time; use ISO 8601 such as 2026-11-23T10:00:00Z\n'],
    [['backtest', '--from-portal'], "bant backtest: PRIVATE_APP_ACCESS_TOKEN is missing: set it to the private app's access token (HubSpot → Development → Private apps → Auth).\n"],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv, 'bant_need,outcome\nperfect,won\n');
    expect(stdout).toBe('');
    expect(stderr).toBe(message);
    expect(code).toBe(2);
  });

  it('refuses a file where no row can be scored, showing the first reasons', async () => {
    const { code, stderr } = await runCli(['backtest', '-'], 'bant_need,outcome\nperfect,\n');
    expect(code).toBe(2);
    expect(stderr).toBe('bant backtest: no row of stdin can be scored (1 skipped)\n  row 2: outcome is empty; fill in won or lost (or 1/0, true/false, yes/no)\n');
  });
});

describe('bant backtest --from-portal and the demo export', () => {
  let running: RunningPortal;
  beforeAll(async () => {
    running = await startPortal();
    seedDemoPortal(running.portal, { contacts: DEMO_CONTACTS, seed: DEMO_SEED, now: DEMO_NOW });
  });
  afterAll(() => running.close());
  const env = () => ({ PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: running.url });

  it('backtests the contacts with closed deals, won when any deal is closed won', async () => {
    const { code, stdout } = await runCli(['backtest', '--from-portal', '--now', DEMO_NOW.toISOString(), '--json'], '', env());
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const expected = { won: 0, lost: 0 };
    for (const id of running.portal.store.objects.contacts.keys()) {
      const deals = running.portal.associatedIds('contacts', id, 'deals').map((deal) => running.portal.getRecord('deals', deal)?.properties);
      const closed = deals.filter((deal) => deal?.hs_is_closed === 'true');
      if (closed.length === 0) continue;
      if (closed.some((deal) => deal?.dealstage === 'closedwon')) expected.won++;
      else expected.lost++;
    }
    expect(report.input).toMatchObject({ source: 'portal', name: running.url, rows: expected.won + expected.lost, skipped: 0 });
    expect([report.models[0].won, report.models[0].lost]).toEqual([expected.won, expected.lost]);
  });

  it('ships a demo export that the generator reproduces and that backtests like the portal itself', async () => {
    expect(await generateBacktestDemoCsv()).toBe(await readFile(DEMO_CSV, 'utf8'));
    const fromPortal = JSON.parse((await runCli(['backtest', '--from-portal', '--now', DEMO_NOW.toISOString(), '--json'], '', env())).stdout);
    const fromCsv = JSON.parse((await runCli(['backtest', DEMO_CSV, '--now', DEMO_NOW.toISOString(), '--json'])).stdout);
    expect(fromCsv.models[0].thresholds).toEqual(fromPortal.models[0].thresholds);
    expect(fromCsv.models[0].grades).toEqual(fromPortal.models[0].grades);
    expect(fromCsv.input.used).toBeGreaterThanOrEqual(100);
    expect(fromCsv.input.used).toBeLessThanOrEqual(200);
  });

  it('tests the version published in the portal, and says when it tests the bundled model instead', async () => {
    const bundled = await runCli(['backtest', '--from-portal', '--now', DEMO_NOW.toISOString(), '--json'], '', env());
    expect(bundled.stderr).toMatch(/^bant backtest: testing the bundled model bant-default@1: this portal has no bant_model_version object yet/);
    seedPublishedModel(running.portal, budgetVariant(25), 2);
    const published = await runCli(['backtest', '--from-portal', '--now', DEMO_NOW.toISOString(), '--json'], '', env());
    expect(published.stderr).toBe('');
    expect(JSON.parse(published.stdout).models.map((m: { model: { version: string } }) => m.model.version)).toEqual(['bant-default@2']);
  });

  it.each([
    ['leads', [], /\/crm\/v3\/objects\/contacts$/, 'SIGINT', 130],
    ['deals', ['--object', 'deals'], /\/crm\/v3\/objects\/deals$/, 'SIGTERM', 143],
  ])('stops reading %s from a portal that does not answer on %s, aborting the request in flight', async (_, extra, path, signal, status) => {
    running.portal.requests.clear();
    running.portal.failNext({ path, hang: true });
    const stop = new AbortController();
    const finished = runCli(['backtest', '--from-portal', ...extra, '--now', DEMO_NOW.toISOString()], '', { ...env(), HUBSPOT_TIMEOUT_MS: '60000' }, { signal: stop.signal });
    while (!running.portal.requests.some((r) => r.status === 0)) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort(signal);
    const result = await finished;
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: status, stdout: '' });
    expect(result.stderr).toMatch(/(^|\n)bant backtest: stopped while reading the portal; nothing was written\n$/);
  });

  it('writes the demo HTML report for npm start', async () => {
    const out = join(dir, 'demo');
    const { file, report } = await writeDemoBacktest(out);
    expect(file).toBe(join(out, 'backtest-report.html'));
    expect(await readFile(file, 'utf8')).toContain('data-chart="pr-curve"');
    expect(report.input.used).toBe(report.input.rows);
  });
});
