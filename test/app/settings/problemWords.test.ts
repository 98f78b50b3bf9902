import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelWarnings, suggestionProblems, validateModel } from '../../../src/engine';
import { parseModelText } from '../../../src/engine/parseModelText';
import type { Model, ModelProblem } from '../../../src/engine';
import { LOCALES } from '../../../src/i18n';
import { BANT_DEFAULT } from '../../../src/models';
import { prepareNumbered } from '../../../src/modelstore/prepareDraft';
import { ModelUnavailableError } from '../../../src/versions';
import { SETTINGS_CATALOGS } from '../../../src/app/settings/messages';
import { settingsLanguage } from '../../../src/app/settings/hooks/useSettingsLanguage';
import { problemWords } from '../../../src/app/settings/lib/problemWords';
import { runCli } from '../../support/runCli';

/** A copy of the default model with one change: what an admin might type. */
type Draft = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function broken(change: (model: Draft) => void): unknown {
  const model = structuredClone(BANT_DEFAULT) as unknown as Draft;
  change(model);
  return model;
}
const problemsOf = (input: unknown): ModelProblem[] => {
  const checked = validateModel(input);
  return checked.ok ? [] : checked.problems;
};
const warningsOf = (input: unknown): ModelProblem[] => {
  const checked = validateModel(input);
  if (!checked.ok) throw new Error(`expected a valid model: ${checked.problems.map((p) => p.message).join('; ')}`);
  return [...modelWarnings(checked.model), ...suggestionProblems(checked.model)];
};
const criteria = (model: Draft) => model.criteria as Draft[];

/** Broken models, each with the codes `bant check --offline` finds in it. */
const TABLE: Array<[string, () => ModelProblem[], string[]]> = [
  ['a missing field', () => problemsOf(broken((m) => delete m.id)), ['type.missing']],
  ['a word where a number belongs', () => problemsOf(broken((m) => { criteria(m)[0]!.max = 'thirty'; })), ['type.wrong']],
  ['a value outside a list', () => problemsOf(broken((m) => { m.overrides.who = 'managers'; })), ['value.notAllowed']],
  ['an unknown kind of rule', () => problemsOf(broken((m) => { criteria(m)[0]!.rule = { type: 'stairs', bands: [] }; })), ['kind.unknown']],
  ['a property name with spaces', () => problemsOf(broken((m) => { criteria(m)[0]!.sources[0].property = 'Bad Name'; })), ['form.wrong']],
  ['a name that is a number', () => problemsOf(broken((m) => { m.name = 42; })), ['form.wrong']],
  ['a text in no language', () => problemsOf(broken((m) => { m.name = {}; })), ['form.unmet']],
  ['one unknown field', () => problemsOf(broken((m) => { criteria(m)[0]!.colour = 'red'; })), ['field.unknown']],
  ['two unknown fields', () => problemsOf(broken((m) => { criteria(m)[0]!.colour = 'red'; criteria(m)[0]!.size = 2; })), ['field.unknown']],
  ['a criterion without sources', () => problemsOf(broken((m) => { criteria(m)[0]!.sources = []; })), ['items.tooFew']],
  ['a Likert scale of one level', () => problemsOf(broken((m) => { criteria(m)[1]!.rule = { type: 'likert', levels: [{ value: 'a', label: 'A', points: 1 }] }; })), ['items.tooFew']],
  ['an empty framework', () => problemsOf(broken((m) => { m.framework = ''; })), ['text.empty']],
  ['a negative minimum', () => problemsOf(broken((m) => { criteria(m)[0]!.minimum = -1; })), ['number.tooSmall']],
  ['a confidence above 1', () => problemsOf(broken((m) => { m.suggestions.autofill.minConfidence = 2; })), ['number.tooBig']],
  ['too many criteria', () => problemsOf(broken((m) => { m.criteria = Array.from({ length: 32 }, (_, i) => ({ ...criteria(m)[1], key: `c${i}`, max: 1, minimum: 0, rollup: undefined, rule: { type: 'boolean', whenTrue: 1, whenFalse: 0 } })); })), ['criteria.tooMany']],
  ['a criterion key twice', () => problemsOf(broken((m) => { criteria(m)[1]!.key = 'budget'; })), ['key.twice']],
  ['a minimum above the max', () => problemsOf(broken((m) => { criteria(m)[0]!.minimum = 40; })), ['minimum.aboveMax']],
  ['a source twice', () => problemsOf(broken((m) => { criteria(m)[0]!.sources.push({ ...criteria(m)[0]!.sources[0] }); })), ['source.twice']],
  ['a source the app writes', () => problemsOf(broken((m) => { criteria(m)[0]!.sources[0].property = 'bant_score'; })), ['source.written']],
  ['a managed deal property', () => problemsOf(broken((m) => { criteria(m)[0]!.sources[1].managed = true; })), ['source.managedNotContact']],
  ['a minimum score above the total', () => problemsOf(broken((m) => { m.qualification.minScore = 120; })), ['minScore.aboveTotal']],
  ['a grade name twice', () => problemsOf(broken((m) => { m.grades[1].grade = 'A'; })), ['grade.twice']],
  ['two grades from the same score', () => problemsOf(broken((m) => { m.grades[1].min = 70; })), ['grade.sameMin']],
  ['a grade above the total', () => problemsOf(broken((m) => { m.grades[0].min = 120; })), ['grade.aboveTotal']],
  ['grades out of order', () => problemsOf(broken((m) => { m.grades[1].min = 80; })), ['grade.order']],
  ['no grade from 0', () => problemsOf(broken((m) => { m.grades[3].min = 10; })), ['grades.noZero']],
  ['an action key twice', () => problemsOf(broken((m) => { m.actions[1].key = 'requalify'; })), ['action.twice']],
  ['a route to an unknown action', () => problemsOf(broken((m) => { m.routing[4].action = 'call'; })), ['action.unknown']],
  ['a route for an unknown grade', () => problemsOf(broken((m) => { m.routing[2].when.grades = ['Z']; })), ['grade.unknown']],
  ['a stale route where nothing can be stale', () => problemsOf(broken((m) => { for (const c of criteria(m)) delete c.maxAgeDays; })), ['stale.neverHolds']],
  ['a not-stale route where nothing can be stale', () => problemsOf(broken((m) => { for (const c of criteria(m)) delete c.maxAgeDays; m.routing[0].when.stale = false; })), ['stale.alwaysHolds']],
  ['a route for an unknown criterion', () => problemsOf(broken((m) => { m.routing[2].when.failing = ['budgte']; })), ['criterion.unknown']],
  ['a role criterion the model lacks', () => problemsOf(broken((m) => { m.committee.roleCriterion = 'budgte'; })), ['criterion.unknown']],
  ['a route without a condition before others', () => problemsOf(broken((m) => { delete m.routing[1].when; })), ['routing.unreachable']],
  ['a last route with a condition', () => problemsOf(broken((m) => { m.routing[4].when = { qualified: false }; })), ['routing.lastHasCondition']],
  ['a committee minimum above the max', () => problemsOf(broken((m) => { criteria(m)[1]!.rollup.minimum = 40; })), ['rollup.aboveMax']],
  ['a deal source the committee roll-up writes', () => problemsOf(broken((m) => { m.committee.deals = true; criteria(m)[0]!.sources[1].property = 'bant_score'; })), ['source.writtenByRollup']],
  ['one lead stage for both verdicts', () => problemsOf(broken((m) => { m.leads.unqualifiedStage = m.leads.qualifiedStage; })), ['leads.sameStage']],
  ['points above the max', () => problemsOf(broken((m) => { criteria(m)[0]!.rule.bands[0].points = 40; })), ['points.aboveMax']],
  ['coverage from 10 to 100 %', () => problemsOf(broken((m) => { criteria(m)[0]!.rule = { type: 'coverage', options: [{ value: 'a', label: 'A' }], bands: [{ from: 10, to: 100, points: 30 }] }; })), ['coverage.lowStart', 'coverage.closedTop']],
  ['Likert points that fall', () => problemsOf(broken((m) => { criteria(m)[1]!.rule = { type: 'likert', levels: [{ value: 'a', label: 'A', points: 25 }, { value: 'b', label: 'B', points: 10 }] }; })), ['likert.decreasing']],
  ['date windows out of order', () => problemsOf(broken((m) => { criteria(m)[3]!.rule = { type: 'date_window', windows: [{ withinMonths: 3, points: 20 }, { withinMonths: 1, points: 10 }], later: 0 }; })), ['window.order']],
  ['an option value twice', () => problemsOf(broken((m) => { criteria(m)[1]!.rule.options[1].value = criteria(m)[1]!.rule.options[0].value; })), ['option.twice']],
  ['a band that ends where it starts', () => problemsOf(broken((m) => { criteria(m)[0]!.rule.bands[1].to = 50_000; })), ['band.empty']],
  ['an open band below the top', () => problemsOf(broken((m) => { delete criteria(m)[0]!.rule.bands[1].to; })), ['band.openNotTop']],
  ['overlapping bands', () => problemsOf(broken((m) => { criteria(m)[0]!.rule.bands[1].to = 120_000; })), ['band.overlap']],
  ['a gap between bands', () => problemsOf(broken((m) => { criteria(m)[0]!.rule.bands[1].to = 90_000; })), ['band.gap']],
  ['a max its rule cannot reach', () => warningsOf(broken((m) => { criteria(m)[1]!.rule.options[0].points = 20; criteria(m)[1]!.rollup.minimum = 15; })), ['max.unreachable']],
  ['a max none of its rules can reach', () => warningsOf(broken((m) => { criteria(m)[3]!.max = 30; m.qualification.minScore = 60; })), ['max.unreachableAnyRule']],
  ['a source its criterion\'s rule keeps below the max', () => warningsOf(broken((m) => { criteria(m)[3]!.rule.options[0].points = 15; criteria(m)[3]!.rule.options[1].points = 15; })), ['source.belowMax']],
  ['a source whose own rule stays below the max', () => warningsOf(broken((m) => { const rule = criteria(m)[3]!.sources[1].rule; for (const w of rule.windows ?? []) w.points = Math.min(w.points, 10); rule.later = 0; })), ['source.ownRuleBelowMax']],
  ['facts for an unknown criterion', () => warningsOf(broken((m) => { m.suggestions.facts.budgte = { fact: 'amount' }; })), ['criterion.unknown']],
  ['facts for a criterion without a contact source', () => warningsOf(broken((m) => { criteria(m)[0]!.sources.shift(); })), ['facts.noContactSource']],
  ['an amount for a choice', () => warningsOf(broken((m) => { m.suggestions.facts.need = { fact: 'amount' }; })), ['facts.amountNotNumeric']],
  ['a fact mapped to a missing option', () => warningsOf(broken((m) => { m.suggestions.facts.need.options.strong = 'burning'; })), ['facts.notAnOption']],
  ['a role for an amount', () => warningsOf(broken((m) => { m.suggestions.facts.budget = { fact: 'role', options: { c_level: 'ceo' } }; })), ['facts.roleNotOptions']],
  ['a need for an amount', () => warningsOf(broken((m) => { m.suggestions.facts.budget = { fact: 'need', options: { strong: 'yes' } }; })), ['facts.needNotOptions']],
  ['a timeline for an amount', () => warningsOf(broken((m) => { m.suggestions.facts.budget = { fact: 'timeline' }; })), ['facts.timelineNotDate']],
  ['timeline options out of order', () => warningsOf(broken((m) => { m.suggestions.facts.timeline.options = [{ value: '1_3_months', withinMonths: 3 }, { value: 'within_1_month', withinMonths: 1 }]; })), ['facts.timelineOrder']],
  ['auto-fill at any confidence', () => warningsOf(broken((m) => { m.suggestions.autofill = { enabled: true, minConfidence: 0 }; })), ['autofill.zero']],
  ['text that is not JSON', () => { const read = parseModelText('{"id": '); return read.ok ? [] : read.problems; }, ['json.invalid']],
  ['a key given twice', () => { const read = parseModelText('{"max": 30,\n "max": 3000}'); return read.ok ? [] : read.problems; }, ['json.keyTwice']],
  ['a model too long for one version', () => {
    const plan = prepareNumbered({ ...BANT_DEFAULT, description: 'x'.repeat(70_000) } as Model, 2, { versions: [], by: 'ann', note: 'long' });
    return plan.ok ? [] : plan.problems;
  }, ['model.tooLong']],
  ['a published model that cannot be used', () => new ModelUnavailableError('the published model cannot be used: bant-default@3: the stored model JSON cannot be read', 'portal').problems, ['model.unavailable']],
];

const english = settingsLanguage('en-US');

describe('a model problem on the settings page', () => {
  it.each(TABLE)('says %s in English exactly as bant check --offline does', (_, find, codes) => {
    const problems = find();
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(codes));
    for (const problem of problems) expect(problemWords(problem, english)).toBe(problem.message);
  });

  it('has a message for every code the table finds, in every language, and no message the table never finds', () => {
    const found = new Set(TABLE.flatMap(([, find]) => find().map((p) => p.code)));
    const catalogued = Object.keys(SETTINGS_CATALOGS.en).filter((key) => key.startsWith('problem.')).map((key) => key.slice('problem.'.length));
    // The two a model file on disk can have are said by `bant check` only (checked below through it); the
    // schema has no union without its own words and no check zod words alone, but a later one may.
    expect([...found, 'file.unreadable', 'file.notJson', 'form.noMatch', 'schema.other'].sort()).toEqual(catalogued.sort());
    for (const locale of LOCALES) {
      const missing = [...found].filter((code) => !Object.hasOwn(SETTINGS_CATALOGS[locale], `problem.${code}`));
      expect(missing, locale).toEqual([]);
    }
  });

  it('names every kind of value and form a problem can expect in every language', () => {
    const words = TABLE.flatMap(([, find]) => find()).flatMap((p) => [
      ...(p.params.expected !== undefined ? [`problemWord.type.${p.params.expected}`] : []),
      ...(p.params.form !== undefined ? [`problemWord.form.${p.params.form}`] : []),
    ]);
    expect(words.length).toBeGreaterThan(3);
    for (const locale of LOCALES) expect(words.filter((key) => !Object.hasOwn(SETTINGS_CATALOGS[locale], key)), locale).toEqual([]);
  });

  it('says a file bant check cannot read, or that is not JSON, as bant check prints it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bant-problem-'));
    const missing = join(dir, 'missing.json');
    const notJson = join(dir, 'model.json');
    await writeFile(notJson, '{"id": ');
    let parserSays = '';
    try {
      JSON.parse('{"id": ');
    } catch (error) {
      parserSays = (error as Error).message;
    }
    const unreadable = problemWords({ path: '', code: 'file.unreadable', params: { file: missing, reason: 'no such file' }, message: '' }, english);
    const broken = problemWords({ path: '', code: 'file.notJson', params: { file: notJson, reason: parserSays }, message: '' }, english);
    expect(unreadable).not.toBe('');
    const absent = await runCli(['check', '--offline', '--model', missing]);
    expect(absent.stdout + absent.stderr).toContain(`  ${unreadable}\n`);
    const printed = await runCli(['check', '--offline', '--model', notJson]);
    expect(printed.stdout + printed.stderr).toContain(`  ${broken}\n`);
  });

  it('says a problem in Finnish, its values and the kind of value it expects in Finnish words', () => {
    const [problem] = problemsOf(broken((m) => { criteria(m)[0]!.max = 'thirty'; }));
    expect(problemWords(problem!, settingsLanguage('fi-FI'))).toBe('tähän tarvitaan luku, nyt arvo on "thirty"');
    const [unknown] = problemsOf(broken((m) => { criteria(m)[0]!.colour = 'red'; criteria(m)[0]!.size = 2; }));
    expect(problemWords(unknown!, settingsLanguage('nb-NO'))).toBe('ukjente felt "colour", "size"; fjern dem eller sjekk stavemåten');
  });

  it('falls back to the English sentence for a code, or a word, the catalog lacks', () => {
    const fi = settingsLanguage('fi-FI');
    expect(problemWords({ path: 'x', code: 'brand.new', params: {}, message: 'something new is wrong' }, fi)).toBe('something new is wrong');
    expect(problemWords({ path: 'x', code: 'type.wrong', params: { expected: 'bigint', found: '1' }, message: 'expected a bigint, got 1' }, fi)).toBe('expected a bigint, got 1');
  });
});
