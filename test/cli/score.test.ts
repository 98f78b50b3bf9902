import { execFile, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { scoreLead, toDerivedProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { createRandom } from '../../src/portal/random';
import { runCli } from '../support/runCli';
import BANT_PACKAGE from '../../package.json' with { type: 'json' };

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
      'bant score: record 2 (line 2): contact.bant_budget: expected a string as HubSpot stores it (or null), got 100',
      expect.stringMatching(/^bant score: record 3 \(line 3\): not JSON: /),
      'bant score: record 4 (line 4): expected an object like {"contact": {...}}, got "text"',
      'bant score: 3 of 4 record(s) not scored; fix them and run again',
      '',
    ]);
  });

  it('refuses a record without a contact', async () => {
    const { code, stdout, stderr } = await runCli(['score'], '{"now": "2026-11-23T10:00:00Z"}');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bant score: record 1 (line 1): contact: is missing; a record needs "contact": {<property>: "<raw value>"}');
  });

  it('refuses a record whose now is not a date-time', async () => {
    const { code, stderr } = await runCli(['score'], '{"now": "yesterday", "contact": {}}');
    expect(code).toBe(2);
    expect(stderr).toContain('bant score: record 1 (line 1): now: expected an ISO date-time such as "2026-11-23T10:00:00Z"');
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

  it('shows an amount floating point cannot hold as entered, in the table and the JSON', async () => {
    const record = { ...SEED, contact: { ...SEED.contact, bant_budget: '12345678901234567890.05' } };
    const table = await runCli(['score', '--format', 'table'], JSON.stringify(record));
    expect(table.stdout).toMatch(/Budget\s+30\/30\s+met\s+12,345,678,901,234,567,890\.05\s+12,345,678,901,234,567,890\.05 is in the band 100,000 or more/);
    const [result] = lines((await runCli(['score'], JSON.stringify(record))).stdout);
    expect(result.criteria[0]).toMatchObject({ value: '12345678901234567890.05', display: '12,345,678,901,234,567,890.05' });
  });

  it('refuses an unknown format and a missing file with a clear message', async () => {
    expect(await runCli(['score', '--format', 'xml'], '{}')).toMatchObject({ code: 2, stderr: 'bant score: --format "xml" is not a format; use json or table\n' });
    expect(await runCli(['score', '/nonexistent/leads.json'])).toMatchObject({ code: 2, stderr: 'bant score: cannot read /nonexistent/leads.json: no such file\n' });
  });
});

/** Varied leads of the default model: answers missing, invalid or given, 0–2 deals. */
function leads(count: number, seed = 3) {
  const random = createRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    now: SEED.now,
    contact: {
      bant_budget: pick(['', '60000', '100000', 'abc', '12345678901234567890']),
      bant_authority: pick(['', 'c_level', 'manager', 'intern']),
      bant_need: pick(['', 'perfect', 'low']),
      bant_timeline: pick(['', '1_3_months', 'over_6_months']),
    },
    deals: Array.from({ length: Math.floor(random() * 3) }, (_, d) => ({
      id: String(i * 3 + d + 1),
      properties: { amount: String(Math.floor(random() * 200_000)), closedate: pick(['2027-01-15', '2026-12-01T00:00:00Z', '']), createdate: `2026-0${1 + d}-01`, hs_is_closed: pick(['false', 'true']) },
    })),
  }));
}

/** Runs `bant score` in-process with stdin open: returns the input to write to, what was printed so far, and the exit status. */
function scoreWithOpenInput(argv: string[], signal: AbortSignal) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const printed = { stdout: '', stderr: '' };
  const firstLine = new Promise<void>((resolve) => stdout.on('data', (chunk: Buffer) => {
    printed.stdout += chunk.toString();
    if (printed.stdout.includes('\n')) resolve();
  }));
  stderr.on('data', (chunk: Buffer) => (printed.stderr += chunk.toString()));
  const code = main(['score', ...argv], { stdin, stdout, stderr, env: {}, signal });
  return { stdin, printed, firstLine, code };
}

describe('bant score streams', () => {
  it('prints only the properties with --output properties, the same values as the full result', async () => {
    const input = leads(300).map((lead) => JSON.stringify(lead)).join('\n');
    const full = await runCli(['score'], input);
    const properties = await runCli(['score', '--output', 'properties'], input);
    expect(properties).toMatchObject({ code: 0, stderr: '' });
    const printed = lines(properties.stdout);
    expect(printed).toHaveLength(300);
    for (const line of printed) expect(Object.keys(line)).toEqual(['properties']);
    expect(printed.map((line) => line.properties)).toEqual(lines(full.stdout).map((result) => result.properties));
    expect(new Set(printed.map((line) => line.properties.bant_score)).size).toBeGreaterThan(5);
  });

  it('prints byte for byte what the engine gives each record, each at its own "now", whichever way the record was checked', async () => {
    const nows = ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z', '2027-02-01T08:30:00.250+02:00', '2026-06-30T23:59:59Z'];
    const records = leads(400, 9).map((lead, i) => ({
      ...lead,
      now: nows[i % nows.length]!,
      // A numeric deal id is left to the schema, which turns it into text; the rest take the quick check.
      deals: lead.deals.map((deal, d) => (i % 5 === 0 && d === 0 ? { ...deal, id: Number(deal.id) } : deal)),
      contact: { ...lead.contact, ...(i % 3 === 0 ? { bant_budget_answered_at: '2026-01-02T00:00:00Z', bant_timeline_answered_at: '2026-11-20T00:00:00Z' } : {}) },
    }));
    const input = records.map((record) => JSON.stringify(record)).join('\n');
    const expected = records.map(({ now, ...record }) => {
      const at = new Date(now);
      const lead = { ...record, deals: record.deals.map((deal) => ({ ...deal, id: String(deal.id) })) };
      const result = scoreLead(BANT_DEFAULT, lead, at);
      const properties = toDerivedProperties(BANT_DEFAULT, result, at);
      return { full: JSON.stringify({ ...result, properties }), properties: JSON.stringify({ properties }) };
    });
    const full = await runCli(['score'], input);
    const properties = await runCli(['score', '--output', 'properties'], input);
    expect(full).toEqual({ code: 0, stderr: '', stdout: `${expected.map((e) => e.full).join('\n')}\n` });
    expect(properties).toEqual({ code: 0, stderr: '', stdout: `${expected.map((e) => e.properties).join('\n')}\n` });
  });

  it('refuses an unknown output, and properties as a table', async () => {
    expect(await runCli(['score', '--output', 'csv'], '{}')).toMatchObject({ code: 2, stderr: 'bant score: --output "csv" is not an output; use full or properties\n' });
    expect(await runCli(['score', '--output', 'properties', '--format', 'table'], '{}')).toMatchObject({ code: 2, stderr: 'bant score: --output properties prints JSON for HubSpot; leave out --format table\n' });
  });

  it('prints each result as its line arrives, and stops on Ctrl-C while waiting for more (130)', async () => {
    const stop = new AbortController();
    const run = scoreWithOpenInput(['--output', 'properties'], stop.signal);
    run.stdin.write(`${JSON.stringify(SEED)}\n`);
    await run.firstLine;
    expect(lines(run.printed.stdout)).toEqual([{ properties: expect.objectContaining({ bant_score: '80' }) }]);
    stop.abort('SIGINT');
    expect(await run.code).toBe(130);
    expect(run.printed.stderr).toBe('bant score: stopped after 1 record(s); every line printed is a whole result\n');
  });

  it('stops on SIGTERM with 143', async () => {
    const stop = new AbortController();
    const run = scoreWithOpenInput([], stop.signal);
    run.stdin.write(`${JSON.stringify(SEED)}\n{"contact": {}}\n`);
    await run.firstLine;
    stop.abort('SIGTERM');
    expect(await run.code).toBe(143);
  });

  it('waits for a slow reader instead of piling results up, then prints every one in order', async () => {
    const total = 6000;
    let pulled = 0;
    async function* input() {
      for (let i = 0; i < total; i += 100) {
        pulled += 100;
        yield Buffer.from(leads(100, i).map((lead) => `${JSON.stringify({ ...lead, contact: { ...lead.contact, record: String(i) } })}\n`).join(''));
      }
    }
    const held: Array<() => void> = [];
    let received = '';
    let firstWrite: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (firstWrite = resolve));
    const stdout = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        received += chunk.toString();
        held.push(done);
        firstWrite();
      },
    });
    const code = main(['score'], { stdin: Readable.from(input()), stdout, stderr: new PassThrough(), env: {} });
    await written;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // One output buffer is out and not taken: reading stopped within what the input stream buffers ahead.
    expect(pulled).toBeLessThan(total);
    let finished = false;
    void code.then(() => (finished = true));
    while (!finished) {
      held.splice(0).forEach((done) => done());
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await code).toBe(0);
    expect(lines(received)).toHaveLength(total);
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

  it('prints its version', async () => {
    const version = await new Promise<string>((resolve) => execFile('npx', ['bant', '--version'], { cwd: join(import.meta.dirname, '../..') }, (_, stdout) => resolve(stdout)));
    expect(version).toBe(`bant ${BANT_PACKAGE.version}\n`);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('stops on %s while reading stdin, with the results so far and status %i', async (signal, status) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/bant.js'), 'score', '--output', 'properties'], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const firstLine = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve();
    }));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.write(`${JSON.stringify(SEED)}\n`);
    await firstLine;
    child.kill(signal);
    expect(await exited).toBe(status);
    expect(lines(stdout)).toHaveLength(1);
    expect(stderr).toContain('bant score: stopped after 1 record(s)');
  });

  it('runs from the repository with npx: 0 when scored, 2 on bad input', async () => {
    const [good, bad] = await Promise.all([bant(JSON.stringify(SEED)), bant('[oops')]);
    expect(good.code).toBe(0);
    expect(lines(good.stdout)[0].score).toBe(80);
    expect(bad).toEqual({ code: 2, stdout: '' });
  });
});
