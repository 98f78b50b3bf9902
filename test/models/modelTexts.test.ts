import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine';
import type { LocalizedText, Model } from '../../src/engine';
import { LOCALES, resolveText } from '../../src/i18n';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../../src/models';
import { PRESETS } from '../../src/models/catalog';

/** Every human text of a model with its path in the file. */
function textsOf(model: Model): Array<{ path: string; text: LocalizedText }> {
  const texts: Array<{ path: string; text: LocalizedText }> = [{ path: 'name', text: model.name }];
  if (model.description) texts.push({ path: 'description', text: model.description });
  model.criteria.forEach((criterion, i) => {
    const at = `criteria[${i}]`;
    texts.push({ path: `${at}.label`, text: criterion.label });
    if (criterion.description) texts.push({ path: `${at}.description`, text: criterion.description });
    (criterion.questions ?? []).forEach((text, q) => texts.push({ path: `${at}.questions[${q}]`, text }));
    const rules = [{ path: `${at}.rule`, rule: criterion.rule }];
    criterion.sources.forEach((source, j) => {
      if (source.label) texts.push({ path: `${at}.sources[${j}].label`, text: source.label });
      if (source.rule) rules.push({ path: `${at}.sources[${j}].rule`, rule: source.rule });
    });
    for (const { path, rule } of rules) {
      const options = rule.type === 'options' || rule.type === 'multi' || rule.type === 'coverage' ? rule.options : rule.type === 'likert' ? rule.levels : [];
      options.forEach((option, o) => texts.push({ path: `${path}.options[${o}].label`, text: option.label }));
    }
  });
  model.grades.forEach((grade, g) => grade.label && texts.push({ path: `grades[${g}].label`, text: grade.label }));
  model.actions.forEach((action, a) => texts.push({ path: `actions[${a}].label`, text: action.label }));
  return texts;
}

/** The paths of texts that lack one of the app's languages. */
function missingLanguages(model: Model): string[] {
  return textsOf(model).flatMap(({ path, text }) =>
    LOCALES.filter((locale) => typeof text === 'string' || !text[locale]?.trim()).map((locale) => `${path} lacks "${locale}"`));
}

/** Words (4 letters or more) a grade label shares with an action label, or routing words: a routing promise. */
function routingPromises(model: Model): string[] {
  const ROUTING_WORDS = ['hot', 'warm', 'cold', 'sales', 'nurture', 'send', 'myyntiin', 'salg', 'المبيعات'];
  const words = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4 || ROUTING_WORDS.includes(w)));
  const found: string[] = [];
  for (const locale of LOCALES) {
    const actionWords = new Set([...model.actions.flatMap((a) => [...words(resolveText(a.label, locale))]), ...ROUTING_WORDS]);
    for (const grade of model.grades) {
      if (!grade.label) continue;
      const label = resolveText(grade.label, locale);
      const shared = [...words(label)].filter((w) => actionWords.has(w));
      if (shared.length > 0) found.push(`grade ${grade.grade} (${locale}) "${label}" promises routing: ${shared.join(', ')}`);
    }
  }
  return found;
}

const SHIPPED = [
  ['bant-model.json (active)', ACTIVE_MODEL.ok ? ACTIVE_MODEL.model : null] as const,
  ...PRESETS.map((p) => [`presets/${p.id}.json`, p.checked.ok ? p.checked.model : null] as const),
];

describe('texts in every language', () => {
  it.each(SHIPPED)('%s writes every text in English, Finnish, Norwegian and Arabic', (_file, model) => {
    expect(model).not.toBeNull();
    expect(missingLanguages(model!)).toEqual([]);
  });

  it('fails for the default model when a text lacks a language', () => {
    const model = structuredClone(BANT_DEFAULT);
    model.criteria[2]!.questions![1] = { en: 'Which of our capabilities fit?', fi: 'Mitkä sopivat?', nb: 'Hva passer?' };
    expect(missingLanguages(model)).toEqual(['criteria[2].questions[1] lacks "ar"']);
  });

  it('reads a plain string as a text for every language, and validates maps', () => {
    const model = structuredClone(BANT_DEFAULT) as unknown as Record<string, unknown>;
    model.name = 'Our BANT';
    expect(validateModel(model).ok).toBe(true);
    model.name = {};
    expect(validateModel(model)).toMatchObject({ ok: false, problems: [{ path: 'name', message: '{}: needs at least one language, e.g. {"en": "Budget"}' }] });
    model.name = { english: 'Our BANT' };
    expect(validateModel(model)).toMatchObject({
      ok: false, problems: [{ path: 'name', message: '{"english":"Our BANT"} is not a text, or a map of language codes to texts such as {"en": "Budget", "fi": "Budjetti"}' }],
    });
  });
});

describe('grade labels', () => {
  it.each(SHIPPED)('%s: no grade label promises a routing action', (_file, model) => {
    expect(routingPromises(model!)).toEqual([]);
  });

  it('catches the labels the default model used to ship', () => {
    const model = structuredClone(BANT_DEFAULT);
    model.grades = [
      { grade: 'A', min: 70, label: 'Hot: to sales now' },
      { grade: 'B', min: 50, label: 'Warm: to sales, not urgent' },
      { grade: 'C', min: 30, label: 'Nurture' },
      { grade: 'D', min: 0, label: 'Gather the missing BANT' },
    ];
    expect(routingPromises(model).filter((line) => line.includes('(en)'))).toEqual([
      'grade A (en) "Hot: to sales now" promises routing: hot, sales',
      'grade B (en) "Warm: to sales, not urgent" promises routing: warm, sales, urgent',
      'grade C (en) "Nurture" promises routing: nurture',
      'grade D (en) "Gather the missing BANT" promises routing: gather, missing, bant',
    ]);
  });
});
