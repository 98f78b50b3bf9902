import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivedPropertyNames, englishText, formatProblem, scoreLead, totalMax } from '../../src/engine';
import type { Model } from '../../src/engine';
import { PRESETS } from '../../src/models/catalog';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const PRESET_DIR = join(import.meta.dirname, '../../src/models/presets');

function preset(id: string): Model {
  const found = PRESETS.find((p) => p.id === id);
  if (!found?.checked.ok) throw new Error(`preset ${id} is missing or invalid`);
  return found.checked.model;
}

describe('the presets', () => {
  it('lists every file in src/models/presets, and nothing else', async () => {
    const files = (await readdir(PRESET_DIR)).filter((name) => name.endsWith('.json')).sort();
    expect(PRESETS.map((p) => p.file.replace('presets/', '')).sort()).toEqual(files);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s validates without a single problem', (_id, p) => {
    expect(p.checked.ok ? [] : p.checked.problems.map(formatProblem)).toEqual([]);
  });

  it.each(PRESETS.map((p) => [p.id]))('%s has its file name as id, a version, a description and 100 points in all', (id) => {
    const model = preset(id);
    expect(model.id).toBe(id);
    expect(model.version).toMatch(new RegExp(`^${id}@\\d+$`));
    expect(englishText(model.description ?? '').length).toBeGreaterThan(80);
    expect(totalMax(model)).toBe(100);
  });

  it.each(PRESETS.map((p) => [p.id]))('%s keeps every answer property prefixed bant_ and apart from the derived ones', (id) => {
    const model = preset(id);
    const derived = new Set(derivedPropertyNames(model));
    const managed = model.criteria.flatMap((c) => c.sources.filter((s) => s.managed).map((s) => s.property));
    expect(managed.length).toBeGreaterThanOrEqual(model.criteria.length);
    for (const name of managed) {
      expect(name).toMatch(/^bant_[a-z0-9_]+$/);
      expect(derived.has(name)).toBe(false);
    }
  });

  it('gives one property the same options in every preset that uses it, so switching presets keeps the answers', () => {
    const seen = new Map<string, { id: string; values: string }>();
    for (const p of PRESETS) {
      const model = preset(p.id);
      for (const criterion of model.criteria) {
        for (const source of criterion.sources.filter((s) => s.managed)) {
          const rule = source.rule ?? criterion.rule;
          const values = rule.type === 'options' || rule.type === 'multi' || rule.type === 'coverage'
            ? rule.options.map((o) => o.value).join(';')
            : rule.type === 'likert' ? rule.levels.map((o) => o.value).join(';') : rule.type;
          const before = seen.get(source.property);
          if (before) expect(`${source.property} in ${p.id}: ${values}`).toBe(`${source.property} in ${p.id}: ${before.values}`);
          else seen.set(source.property, { id: p.id, values });
        }
      }
    }
  });
});

describe('scoring a sample lead with each preset', () => {
  const strong: Record<string, Record<string, string>> = {
    'bant-default': { bant_budget: '150000', bant_authority: 'c_level', bant_need: 'perfect', bant_timeline: 'within_1_month' },
    anum: { bant_authority: 'c_level', bant_need: 'perfect', bant_urgency: 'critical', bant_budget: '150000' },
    champ: { bant_challenges: 'manual_work;slow_response;poor_visibility', bant_authority: 'director', bant_budget: '120000', bant_priority: 'very_important' },
    meddic: {
      bant_metrics: 'quantified', bant_economic_buyer: 'engaged', bant_decision_criteria: 'technical;commercial;security_legal;success_criteria',
      bant_decision_process: 'documented', bant_pain: 'critical', bant_champion: 'true',
    },
    'gpctba-ci': {
      bant_goals: 'clear_fit', bant_plans: 'funded_plan', bant_challenges: 'manual_work;slow_response;poor_visibility;scattered_data',
      bant_timeline: '1_3_months', bant_budget: '100000', bant_authority: 'c_level', bant_consequences: 'severe',
    },
  };

  it.each(PRESETS.map((p) => [p.id]))('%s qualifies a lead with strong answers everywhere and sends it to sales now', (id) => {
    const model = preset(id);
    const result = scoreLead(model, { contact: strong[id] ?? {} }, NOW);
    expect(result.criteria.filter((c) => c.status !== 'met').map((c) => `${c.key}: ${c.reason}`)).toEqual([]);
    expect(result).toMatchObject({ qualified: true, grade: 'A', nextAction: 'sales_now', completeness: 100 });
    expect(result.score).toBeGreaterThanOrEqual(model.qualification.minScore);
  });

  it.each(PRESETS.map((p) => [p.id]))('%s gives a lead with no answers 0 points, grade D and the research action', (id) => {
    const result = scoreLead(preset(id), { contact: {} }, NOW);
    expect(result).toMatchObject({ score: 0, qualified: false, grade: 'D', nextAction: 'research', completeness: 0 });
  });

  it('ANUM sends a lead that fails only on authority to find the decision maker', () => {
    const result = scoreLead(preset('anum'), { contact: { bant_authority: 'other', bant_need: 'partial', bant_urgency: 'somewhat_urgent', bant_budget: '60000' } }, NOW);
    expect(result).toMatchObject({ score: 35, grade: 'C', failedCriteria: ['authority'], nextAction: 'find_decision_maker' });
  });

  it('ANUM reads urgency from the newest open deal when the rep has not answered', () => {
    const deals = [{ id: '7', properties: { closedate: '2027-01-15', createdate: '2026-10-01' } }];
    const result = scoreLead(preset('anum'), { contact: {}, deals }, NOW);
    expect(result.criteria.find((c) => c.key === 'urgency')).toMatchObject({ points: 25, status: 'met', source: { object: 'deal', dealId: '7' } });
  });

  it('CHAMP scores challenges by the share of the checklist ticked: 1 of 4 is 25 % and earns 15', () => {
    const result = scoreLead(preset('champ'), { contact: { bant_challenges: 'manual_work' } }, NOW);
    expect(result.criteria.find((c) => c.key === 'challenges')).toMatchObject({ points: 15, status: 'met', display: '1 of 4 (25 %)' });
  });

  it('MEDDIC does not qualify a deal without a champion, however strong the rest', () => {
    const contact = { ...strong.meddic, bant_champion: 'false' };
    const result = scoreLead(preset('meddic'), { contact }, NOW);
    expect(result).toMatchObject({ score: 85, qualified: false, failedCriteria: ['champion'], nextAction: 'sales_later' });
  });

  it('MEDDIC routes a promising deal without the economic buyer to a meeting with them', () => {
    const contact = { ...strong.meddic, bant_economic_buyer: 'identified' };
    const result = scoreLead(preset('meddic'), { contact }, NOW);
    expect(result).toMatchObject({ score: 90, qualified: false, failedCriteria: ['economic_buyer'], nextAction: 'meet_economic_buyer' });
  });

  it('GPCTBA/C&I nurtures a grade C lead without goals with content on goals and plans', () => {
    const contact = { bant_goals: 'none', bant_budget: '200000', bant_authority: 'c_level', bant_timeline: 'within_1_month' };
    const result = scoreLead(preset('gpctba-ci'), { contact }, NOW);
    expect(result).toMatchObject({ score: 45, grade: 'C', nextAction: 'nurture_goals' });
  });
});
