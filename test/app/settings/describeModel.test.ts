import { describe, expect, it } from 'vitest';
import type { Model, Rule } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { PRESETS } from '../../../src/models/catalog';
import { describeSource, gradeRows, pointsRows, routingLines } from '../../../src/app/settings/lib/describeModel';

const preset = (id: string): Model => {
  const found = PRESETS.find((p) => p.id === id);
  if (!found?.checked.ok) throw new Error(id);
  return found.checked.model;
};

describe('the model in words', () => {
  it('reads budget bands from the top, with the lower bound included', () => {
    expect(pointsRows(BANT_DEFAULT.criteria[0]!.rule)).toEqual([
      { answer: '100,000 or more', points: '30' },
      { answer: '50,000 to under 100,000', points: '15' },
      { answer: '0 to under 50,000', points: '0' },
    ]);
  });

  it('names options by their labels, in model order', () => {
    expect(pointsRows(BANT_DEFAULT.criteria[1]!.rule).map((r) => `${r.answer}: ${r.points}`)).toEqual(['C-level executive: 25', 'Director: 20', 'Manager: 15', 'Other: 0']);
  });

  it('spells out date windows in calendar months from today', () => {
    expect(pointsRows(BANT_DEFAULT.criteria[3]!.sources[1]!.rule as Rule)).toEqual([
      { answer: 'On or before today + 3 months (past dates included)', points: '20' },
      { answer: 'On or before today + 6 months (past dates included)', points: '10' },
      { answer: 'Later than today + 6 months', points: '5' },
    ]);
  });

  it('reads coverage as the share of the checklist ticked, and booleans as yes and no', () => {
    expect(pointsRows(preset('champ').criteria[0]!.rule)[0]).toEqual({ answer: '75 % of the checklist ticked or more', points: '35' });
    expect(pointsRows(preset('meddic').criteria[5]!.rule)).toEqual([{ answer: 'Yes', points: '15' }, { answer: 'No', points: '0' }]);
  });

  it('describes sources in precedence order, deals by the model\'s deal policy', () => {
    expect(BANT_DEFAULT.criteria[0]!.sources.map((s) => describeSource(s, 'newest_open'))).toEqual([
      "Contact property bant_budget (Budget (rep's answer)), answered by reps on the card",
      'Deal property amount (Deal amount) of the newest open deal',
    ]);
    expect(describeSource({ object: 'deal', property: 'amount' }, 'largest_open')).toBe('Deal property amount of the largest open deal');
  });

  it('gives each grade its score range, the top one up to the maximum', () => {
    expect(gradeRows(BANT_DEFAULT).map((g) => `${g.grade} ${g.scores}`)).toEqual(['A 70 to 100', 'B 50 to under 70', 'C 30 to under 50', 'D 0 to under 30']);
  });

  it('turns routing rules into sentences, in the order they are tried', () => {
    expect(routingLines(BANT_DEFAULT)).toEqual([
      'If qualified and an answer is stale: Re-check the old answers before sales.',
      'If qualified: Send to sales now.',
      'If grade A or B: Send to sales, not urgent.',
      'If grade C: Nurture with marketing.',
      'Otherwise: Gather the missing BANT information.',
    ]);
    expect(routingLines(preset('gpctba-ci'))[3]).toBe('If grade C and Goals or Plans not met: Nurture with content on goals and plans.');
  });
});
