/**
 * The labelled corpus of texts we wrote (test/extract/corpus/*.jsonl): call notes, meeting notes,
 * transcripts, emails, notes and adversarial texts full of distractors, each with the answers a
 * careful rep would give for the default model (now = the text's date). A quarter of the records,
 * chosen by a hash of their id, is held back as a test set the rules were never tuned on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSuggestions } from '../../../src/extract';
import type { ActivityKind, Suggestion } from '../../../src/extract';
import type { Model } from '../../../src/engine';

export interface CorpusRecord {
  id: string;
  kind: ActivityKind;
  date: string;
  contactTitle: string;
  text: string;
  expect: Partial<Record<'budget' | 'authority' | 'need' | 'timeline' | 'currency', string>>;
  file: string;
}

export const CRITERIA = ['budget', 'authority', 'need', 'timeline'] as const;
const HERE = dirname(fileURLToPath(import.meta.url));

export function loadCorpus(): CorpusRecord[] {
  return readdirSync(HERE).filter((f) => f.endsWith('.jsonl')).sort().flatMap((file) =>
    readFileSync(join(HERE, file), 'utf8').split('\n').filter((l) => l.trim()).map((line) => ({ ...(JSON.parse(line) as Omit<CorpusRecord, 'file'>), file })));
}

/** The held-back quarter: FNV-1a of the id, modulo 4. */
export function isHeldOut(id: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % 4 === 0;
}

export function suggest(model: Model, record: CorpusRecord): Suggestion[] {
  return extractSuggestions({
    model,
    texts: [{ id: record.id, kind: record.kind, date: record.date, text: record.text }],
    contactTitle: record.contactTitle,
    now: new Date(record.date),
  });
}

export interface CriterionScore { tp: number; fp: number; fn: number; precision: number; recall: number }
export interface Miss { id: string; criterion: string; expected: string | null; got: string | null; evidence?: string }

/** Precision and recall per criterion: a suggestion is right when its value (and, for amounts, its currency) is the label's. */
export function scoreCorpus(model: Model, records: CorpusRecord[]): { scores: Record<string, CriterionScore>; misses: Miss[] } {
  const counts = Object.fromEntries(CRITERIA.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<string, { tp: number; fp: number; fn: number }>;
  const misses: Miss[] = [];
  for (const record of records) {
    const suggestions = suggest(model, record);
    for (const criterion of CRITERIA) {
      const expected = record.expect[criterion] ?? null;
      const got = suggestions.find((s) => s.criterion === criterion);
      const value = got ? `${got.value}${criterion === 'budget' ? ` ${got.currency}` : ''}` : null;
      const want = expected === null ? null : `${expected}${criterion === 'budget' ? ` ${record.expect.currency ?? 'USD'}` : ''}`;
      const c = counts[criterion]!;
      if (value !== null && value === want) c.tp += 1;
      else {
        if (value !== null) c.fp += 1;
        if (want !== null) c.fn += 1;
        if (value !== null || want !== null) misses.push({ id: record.id, criterion, expected: want, got: value, ...(got ? { evidence: got.evidence } : {}) });
      }
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
  const scores = Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, { ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) }]));
  return { scores, misses };
}
