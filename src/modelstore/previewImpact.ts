import { scoreLead } from '../engine';
import type { LeadRecord, Model } from '../engine';

/** One contact's result under the published model and under the draft. */
export interface ImpactExample {
  id: string;
  name: string | null;
  before: { score: number; grade: string; qualified: boolean };
  after: { score: number; grade: string; qualified: boolean };
}

/** What a draft would change on a sample of contacts, compared with the published model. */
export interface ImpactPreview {
  /** Contacts scored with both. */
  sample: number;
  gradeChanged: number;
  scoreChanged: number;
  gainedQualified: number;
  lostQualified: number;
  /** Contacts whose verdict or grade would change (verdict changes first), at most `maxExamples`. */
  examples: ImpactExample[];
}

/**
 * Scores each sampled contact with the published model and with the draft, as of `now`, and
 * counts what would change: grades, scores, and who would gain or lose "qualified".
 * @example previewImpact(published, draft, [{ id: '101', name: 'Ann Lee', lead }], now).gainedQualified // 1
 */
export function previewImpact(
  published: Model,
  draft: Model,
  contacts: ReadonlyArray<{ id: string; name: string | null; lead: LeadRecord }>,
  now: Date,
  maxExamples = 5,
): ImpactPreview {
  const preview: ImpactPreview = { sample: contacts.length, gradeChanged: 0, scoreChanged: 0, gainedQualified: 0, lostQualified: 0, examples: [] };
  const changed: Array<ImpactExample & { verdictMoved: boolean }> = [];
  for (const { id, name, lead } of contacts) {
    const a = scoreLead(published, lead, now);
    const b = scoreLead(draft, lead, now);
    const before = { score: a.score, grade: a.grade, qualified: a.qualified };
    const after = { score: b.score, grade: b.grade, qualified: b.qualified };
    if (before.score !== after.score) preview.scoreChanged += 1;
    if (before.grade !== after.grade) preview.gradeChanged += 1;
    if (!before.qualified && after.qualified) preview.gainedQualified += 1;
    if (before.qualified && !after.qualified) preview.lostQualified += 1;
    const verdictMoved = before.qualified !== after.qualified;
    if (verdictMoved || before.grade !== after.grade) changed.push({ id, name, before, after, verdictMoved });
  }
  preview.examples = changed
    .sort((x, y) => Number(y.verdictMoved) - Number(x.verdictMoved))
    .slice(0, maxExamples)
    .map(({ verdictMoved: _moved, ...example }) => example);
  return preview;
}
