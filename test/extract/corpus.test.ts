import { describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../src/models';
import { CRITERIA, isHeldOut, loadCorpus, scoreCorpus, suggest } from './corpus/corpus';

const corpus = loadCorpus();

describe('the labelled corpus', () => {
  it('has at least 200 texts of every kind, a quarter held back', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((r) => r.kind))).toEqual(new Set(['call_note', 'meeting_note', 'note', 'email', 'transcript']));
    expect(new Set(corpus.map((r) => r.id)).size).toBe(corpus.length);
    const held = corpus.filter((r) => isHeldOut(r.id)).length / corpus.length;
    expect(held).toBeGreaterThan(0.2);
    expect(held).toBeLessThan(0.3);
  });

  it.each([['the texts the rules were written against', false], ['the held-back test set', true]] as const)(
    'meets precision 0.90 and recall 0.75 for every criterion on %s',
    (_set, heldOut) => {
      const { scores } = scoreCorpus(BANT_DEFAULT, corpus.filter((r) => isHeldOut(r.id) === heldOut));
      for (const criterion of CRITERIA) {
        expect({ criterion, precision: scores[criterion]!.precision >= 0.9 }).toEqual({ criterion, precision: true });
        expect({ criterion, recall: scores[criterion]!.recall >= 0.75 }).toEqual({ criterion, recall: true });
      }
    },
  );

  it('quotes every piece of evidence exactly from its text', () => {
    for (const record of corpus) {
      for (const s of suggest(BANT_DEFAULT, record)) {
        expect(s.source.kind === 'job_title' ? record.contactTitle : record.text).toContain(s.evidence);
      }
    }
  });
});
