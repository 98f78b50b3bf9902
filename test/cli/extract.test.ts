import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../src/models';
import { runCli } from '../support/runCli';

const line = (record: object) => `${JSON.stringify(record)}\n`;

describe('bant extract', () => {
  it('prints the suggestions of each record as one JSON line', async () => {
    const input = line({ id: 'c1', date: '2026-03-10', kind: 'call_note', contactTitle: 'VP Operations', text: 'budget ~120k approved' })
      + line({ id: 'c2', date: '2026-03-10', kind: 'email', text: 'Called, no answer.' });
    const { code, stdout, stderr } = await runCli(['extract'], input);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [first, second] = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; suggestions: Array<Record<string, unknown>> });
    expect(first!.id).toBe('c1');
    expect(first!.suggestions[0]).toEqual({
      criterion: 'budget', value: '120000', evidence: 'budget ~120k approved', confidence: 0.9, currency: 'USD',
      source: { id: 'c1', kind: 'call_note', date: '2026-03-10' }, property: 'bant_budget',
    });
    expect(first!.suggestions[1]).toMatchObject({ criterion: 'authority', value: 'director', evidence: 'VP Operations' });
    expect(first!.suggestions[1]).not.toHaveProperty('currency');
    expect(second).toEqual({ id: 'c2', suggestions: [] });
  });

  it('chooses timeline options relative to now when given, else to the record\'s date', async () => {
    const text = 'Decision by end of Q2.';
    const input = line({ id: 'a', date: '2026-03-10', kind: 'note', text }) + line({ id: 'b', date: '2026-03-10', kind: 'note', text, now: '2026-06-10T00:00:00Z' });
    const { stdout } = await runCli(['extract'], input);
    const timelines = stdout.trim().split('\n').map((l) => (JSON.parse(l) as { suggestions: Array<{ criterion: string; value: string }> }).suggestions.find((s) => s.criterion === 'timeline')?.value);
    expect(timelines).toEqual(['3_6_months', 'within_1_month']);
  });

  it('names bad records on stderr, exits 2 and still reads the others', async () => {
    const input = [
      line({ id: 'ok1', date: '2026-03-10', kind: 'note', text: 'Budget 50k approved.' }),
      '{not json\n',
      line({ id: 'bad-kind', date: '2026-03-10', kind: 'sms', text: 'x' }),
      line({ id: 'bad-date', date: '10.3.2026', kind: 'note', text: 'x' }),
      line({ id: 'no-text', date: '2026-03-10', kind: 'note' }),
      line({ id: 'extra', date: '2026-03-10', kind: 'note', text: 'x', body: 'y' }),
      line({ id: 'ok2', date: '2026-03-10', kind: 'note', text: 'Budget 70k approved.' }),
    ].join('');
    const { code, stdout, stderr } = await runCli(['extract'], input);
    expect(code).toBe(2);
    expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['ok1', 'ok2']);
    expect(stderr).toContain('bant extract: line 2: not JSON:');
    expect(stderr).toContain('line 3 (id "bad-kind"): kind: expected one of call_note, meeting_note, note, email, transcript, got "sms"');
    expect(stderr).toContain('line 4 (id "bad-date"): date: expected an ISO date such as "2026-03-10" (or a date-time), got "10.3.2026"');
    expect(stderr).toContain('line 5 (id "no-text"): text: is missing; give the activity\'s text');
    expect(stderr).toContain('line 6 (id "extra"): unknown field "body"');
    expect(stderr).toContain('5 of 7 record(s) not read');
  });

  it('reads a file and a model given with --model, and the currency for unmarked amounts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bant-extract-'));
    const model = { ...BANT_DEFAULT, suggestions: { facts: { budget: { fact: 'amount' } } } };
    await writeFile(join(dir, 'model.json'), JSON.stringify(model));
    await writeFile(join(dir, 'in.jsonl'), line({ id: 'x', date: '2026-03-10', kind: 'note', contactTitle: 'CEO', text: 'Budget 90k approved. This is exactly what we need.' }));
    const { code, stdout } = await runCli(['extract', join(dir, 'in.jsonl'), '--model', join(dir, 'model.json'), '--currency', 'EUR']);
    expect(code).toBe(0);
    const { suggestions } = JSON.parse(stdout) as { suggestions: Array<{ criterion: string; currency?: string }> };
    // This model maps only budget (authority and need are not said), and timeline has nothing to read.
    expect(suggestions.map((s) => [s.criterion, s.currency])).toEqual([['budget', 'EUR']]);
  });

  it('refuses a currency that is not a code', async () => {
    const { code, stderr } = await runCli(['extract', '--currency', 'dollars'], '');
    expect(code).toBe(2);
    expect(stderr).toBe('bant extract: --currency "dollars" is not a currency code; use three capital letters such as USD, EUR or NOK\n');
  });
});
