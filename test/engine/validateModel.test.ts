import { describe, expect, it } from 'vitest';
import { formatProblem, modelWarnings, validateModel } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

/** A deep copy of the default model with one change applied, as a model file could be edited. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests write deliberately wrong values into the file
function modelWith(change: (model: any) => void): unknown {
  const copy = structuredClone(BANT_DEFAULT);
  change(copy);
  return copy;
}

function problemsOf(input: unknown): string[] {
  const result = validateModel(input);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('structural problems', () => {
  it('rejects something that is not a model object', () => {
    expect(problemsOf('bant')).toEqual(['expected an object, got "bant"']);
  });

  it('names a missing field', () => {
    expect(problemsOf(modelWith((m) => delete m.version))).toEqual(['version: is missing; expected a string']);
  });

  it('names a field of the wrong type with the value found', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[1].max = '25')))).toEqual(['criteria[1].max: expected a number, got "25"']);
  });

  it('names an unknown rule type and lists the known ones', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[0].rule.type = 'range')))).toEqual([
      'criteria[0].rule.type: "range" is not a known type; expected one of bands, options, likert, multi, coverage, date_window, boolean',
    ]);
  });

  it('names an unknown source object', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[0].sources[1].object = 'ticket')))).toEqual([
      'criteria[0].sources[1].object: "ticket" is not allowed; expected one of contact, deal, company',
    ]);
  });

  it('points out a misspelt field instead of ignoring it', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[2].minimun = 10)))).toEqual(['criteria[2]: unknown field "minimun"; remove it or check the spelling']);
  });

  it('rejects a property name HubSpot would not accept', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[1].sources[0].property = 'Job Title')))).toEqual([
      'criteria[1].sources[0].property: "Job Title" is not a HubSpot internal name (lowercase letters, digits, underscores)',
    ]);
  });

  it('rejects a criterion without sources', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[3].sources = [])))).toEqual(['criteria[3].sources: needs at least 1 item, got 0']);
  });
});

describe('problems between fields', () => {
  it('finds bands that overlap', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[0].rule.bands[1].to = 120000)))).toEqual([
      'criteria[0].rule.bands: bands[1] (50000 to 120000) and bands[0] (from 100000) overlap; start each band where the previous one ends',
    ]);
  });

  it('finds bands that leave a gap', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[0].rule.bands[2].to = 40000)))).toEqual([
      'criteria[0].rule.bands: gap between 40000 and 50000: no band covers these values; start bands[1] at 40000 or end bands[2] at 50000',
    ]);
  });

  it('finds a band below the top that leaves "to" open', () => {
    expect(problemsOf(modelWith((m) => delete m.criteria[0].rule.bands[2].to))).toEqual([
      'criteria[0].rule.bands[2].to: is missing, so this band (from 0) overlaps the band from 50000 (bands[1]); only the top band may leave "to" open',
    ]);
  });

  it('finds points above the criterion max', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[1].rule.options[0].points = 30)))).toEqual([
      "criteria[1].rule.options[0].points: 30 is above the criterion's max (25); lower the points or raise the max",
    ]);
  });

  it('checks the rule of a source too', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[3].sources[1].rule.later = 21)))).toEqual([
      "criteria[3].sources[1].rule.later: 21 is above the criterion's max (20); lower the points or raise the max",
    ]);
  });

  it('finds duplicate criterion keys', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[2].key = 'authority')))).toEqual([
      'criteria[2].key: "authority" is used twice (also criteria[1].key); criterion keys must be unique',
    ]);
  });

  it('finds grades that do not cover 0', () => {
    expect(problemsOf(modelWith((m) => (m.grades[3].min = 10)))).toEqual(['grades: no grade covers scores from 0 to 10; give the lowest grade "min": 0']);
  });

  it('finds routing that does not end with a final rule', () => {
    expect(problemsOf(modelWith((m) => m.routing.pop()))).toEqual(['routing[3]: the last rule has a condition; end with a rule without "when" so every lead gets a next action']);
  });

  it('finds routing to an action that is not declared', () => {
    expect(problemsOf(modelWith((m) => (m.routing[0].action = 'call_now')))).toEqual([
      'routing[0].action: "call_now" is not a declared action; expected one of requalify, sales_now, sales_later, nurture, research',
    ]);
  });

  it('refuses a source that reads a property the app writes', () => {
    expect(problemsOf(modelWith((m) => (m.criteria[0].sources[0].property = 'bant_score')))).toEqual([
      'criteria[0].sources[0].property: "bant_score" is a property this app writes; reading it back would feed the score into itself, pick an input property',
    ]);
  });

  it('finds a minimum score no lead can reach', () => {
    expect(problemsOf(modelWith((m) => (m.qualification.minScore = 101)))).toEqual([
      'qualification.minScore: 101 is above the model\'s maximum score (100); no lead could qualify, lower it',
    ]);
  });

  it('finds Likert levels whose points decrease', () => {
    const model = modelWith((m) => {
      m.criteria[2].rule = { type: 'likert', levels: [{ value: 'not', label: 'Not important', points: 10 }, { value: 'very', label: 'Very important', points: 5 }] };
    });
    expect(problemsOf(model)).toEqual([
      "criteria[2].rule.levels[1].points: 5 is below the previous level's 10; list Likert levels from lowest to highest with points that never decrease",
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const model = modelWith((m) => {
      m.criteria[1].minimum = 26;
      m.grades[0].grade = 'B';
    });
    expect(problemsOf(model)).toEqual([
      "criteria[1].minimum: 26 is above the criterion's max (25); no answer could meet it, lower the minimum",
      'grades[1].grade: "B" is used twice; grade names must be unique',
      'routing[2].when.grades[0]: "A" is not a grade of this model; expected one of B, C, D',
    ]);
  });
});

describe('grades', () => {
  it('rejects grades whose listed order and bounds disagree', () => {
    expect(problemsOf(modelWith((m) => {
      m.grades[1].min = 80;
    }))).toEqual([
      'grades[1].min: 80 is above the min of grades[0] ("A", 70), but grades are listed from the best to the worst; list them from the highest min to the lowest, or fix the bounds',
    ]);
  });
});

describe('warnings: what a valid model allows but probably does not mean', () => {
  const warningsOf = (input: unknown) => {
    const result = validateModel(input);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    return modelWarnings(result.model).map(formatProblem);
  };

  it('gives the shipped model none', () => {
    expect(warningsOf(BANT_DEFAULT)).toEqual([]);
  });

  it('warns when no rule can reach a criterion\'s max', () => {
    expect(warningsOf(modelWith((m) => (m.criteria[1].max = 30)))).toEqual([
      'criteria[1].max: 30 cannot be reached: the most its rule gives is 25; lower the max to 25 or raise the top points',
    ]);
    expect(warningsOf(modelWith((m) => (m.criteria[3].max = 25)))).toEqual([
      'criteria[3].max: 25 cannot be reached: the most any of its rules gives is 20; lower the max to 20 or raise the top points',
    ]);
  });

  it('warns when one source\'s rule gives less than the max another source reaches', () => {
    expect(warningsOf(modelWith((m) => (m.criteria[3].sources[1].rule.windows[0].points = 15)))).toEqual([
      "criteria[3].sources[1].rule: deal.closedate earns at most 15 of the criterion's max 20, so a lead answered from it never gets full points; raise this rule's top points if that is not meant",
    ]);
  });

  it('counts a multi-select sum up to the max', () => {
    const model = modelWith((m) => {
      m.criteria[2].rule = { type: 'multi', mode: 'sum', options: [{ value: 'a', label: 'A', points: 10 }, { value: 'b', label: 'B', points: 10 }] };
    });
    expect(warningsOf(model)).toEqual(['criteria[2].max: 25 cannot be reached: the most its rule gives is 20; lower the max to 20 or raise the top points']);
  });
});
