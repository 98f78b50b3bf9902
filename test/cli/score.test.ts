import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../src/models';
import { runCli } from '../support/runCli';

const SEED = { now: '2026-11-23T10:00:00Z', contact: { bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' } };
const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line));

describe('bant score', () => {
  it("scores the seed's example from stdin with the derived properties", async () => {
    const { code, stdout, stderr } = await runCli(['score'], JSON.stringify(SEED));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [result] = lines(stdout);
    expect(result).toMatchObject({ score: 80, qualified: true, grade: 'A', nextAction: 'sales_now', completeness: 100 });
    expect(result.properties).toMatchObject({ bant_score: '80', bant_qualified: 'true', bant_scored_at: '2026-11-23T10:00:00.000Z', bant_failed_criteria: '' });
  });

  it('reads a JSON array and prints one line per record, in order', async () => {
    const records = [SEED, { now: SEED.now, contact: {} }, { now: SEED.now, contact: { bant_need: 'low' } }];
    const { code, stdout } = await runCli(['score'], JSON.stringify(records));
    expect(code).toBe(0);
    expect(lines(stdout).map((r) => r.score)).toEqual([80, 0, 5]);
  });

  it('reads NDJSON from a file argument, with deals', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bant-score-'));
    const file = join(dir, 'leads.ndjson');
    const withDeal = { now: SEED.now, contact: {}, deals: [{ id: '7', properties: { amount: '120000', dealname: 'Acme renewal' } }] };
    await writeFile(file, `${JSON.stringify(SEED)}\n\n${JSON.stringify(withDeal)}\n`);
    const { code, stdout } = await runCli(['score', file]);
    expect(code).toBe(0);
    const results = lines(stdout);
    expect(results).toHaveLength(2);
    expect(results[1].criteria[0]).toMatchObject({ points: 30, source: { object: 'deal', dealId: '7', dealName: 'Acme renewal' } });
  });

  it('names the bad record, exits 2, and still scores the good ones', async () => {
    const input = `${JSON.stringify(SEED)}\n{"contact": {"bant_budget": 100}}\nnot json\n"text"\n`;
    const { code, stdout, stderr } = await runCli(['score'], input);
    expect(code).toBe(2);
    expect(lines(stdout).map((r) => r.score)).toEqual([80]);
    expect(stderr.split('\n')).toEqual([
      'bant score: record 2: contact.bant_budget: expected a string as HubSpot stores it (or null), got 100',
      expect.stringMatching(/^bant score: record 3: not JSON: /),
      'bant score: record 4: expected an object like {"contact": {...}}, got "text"',
      'bant score: 3 of 4 record(s) not scored; fix them and run again',
      '',
    ]);
  });

  it('refuses a record without a contact', async () => {
    const { code, stdout, stderr } = await runCli(['score'], '{"now": "2026-11-23T10:00:00Z"}');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bant score: record 1: contact: is missing; a record needs "contact": {<property>: "<raw value>"}');
  });

  it('refuses a record whose now is not a date-time', async () => {
    const { code, stderr } = await runCli(['score'], '{"now": "yesterday", "contact": {}}');
    expect(code).toBe(2);
    expect(stderr).toContain('bant score: record 1: now: expected an ISO date-time such as "2026-11-23T10:00:00Z"');
  });

  it('scores with another model given by --model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bant-model-'));
    const model = structuredClone(BANT_DEFAULT);
    model.version = 'strict@2';
    model.qualification.minScore = 90;
    await writeFile(join(dir, 'strict.json'), JSON.stringify(model));
    const { code, stdout } = await runCli(['score', '--model', join(dir, 'strict.json')], JSON.stringify(SEED));
    expect(code).toBe(0);
    expect(lines(stdout)[0]).toMatchObject({ score: 80, qualified: false, modelVersion: 'strict@2', nextAction: 'sales_later' });
  });

  it('refuses an invalid model with every problem and scores nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bant-model-'));
    const model = structuredClone(BANT_DEFAULT) as unknown as { grades: Array<{ min: number }> };
    model.grades[3]!.min = 20;
    await writeFile(join(dir, 'bad.json'), JSON.stringify(model));
    const { code, stdout, stderr } = await runCli(['score', '--model', join(dir, 'bad.json')], JSON.stringify(SEED));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`bant score: model ${join(dir, 'bad.json')} is invalid:\n  grades: no grade covers scores from 0 to 20; give the lowest grade "min": 0\n`);
  });

  it('prints a readable breakdown with --format table', async () => {
    const { code, stdout } = await runCli(['score', '--format', 'table'], JSON.stringify({ ...SEED, contact: { ...SEED.contact, bant_timeline: 'someday' } }));
    expect(code).toBe(0);
    expect(stdout).toContain('Record 1: 70/100, grade A, not qualified (timeline)');
    expect(stdout).toContain('Next: Send to sales, not urgent. Completeness 75%.');
    expect(stdout).toMatch(/Timeline\s+0\/20\s+invalid\s+someday\s+"someday" is not an option/);
  });

  it('refuses an unknown format and a missing file with a clear message', async () => {
    expect(await runCli(['score', '--format', 'xml'], '{}')).toMatchObject({ code: 2, stderr: 'bant score: --format "xml" is not a format; use json or table\n' });
    expect(await runCli(['score', '/nonexistent/leads.json'])).toMatchObject({ code: 2, stderr: 'bant score: cannot read /nonexistent/leads.json: no such file\n' });
  });
});

describe('the bant executable', () => {
  const bant = (stdin: string) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile('npx', ['bant', 'score'], { cwd: join(import.meta.dirname, '../..') });
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('exit', (code) => resolve({ code, stdout }));
      child.stdin?.end(stdin);
    });

  it('runs from the repository with npx: 0 when scored, 2 on bad input', async () => {
    const [good, bad] = await Promise.all([bant(JSON.stringify(SEED)), bant('[oops')]);
    expect(good.code).toBe(0);
    expect(lines(good.stdout)[0].score).toBe(80);
    expect(bad).toEqual({ code: 2, stdout: '' });
  });
});
