import type { Action, Band, Criterion, Model, OptionPoints, Rollup, Rule, RoutingRule, Source, SuggestionFact } from '../engine';

/**
 * What changed between two models, one sentence per change, in the words RevOps use
 * ("Budget ≥ 100,000 now earns 25 instead of 30"). Identical models give no lines. The version
 * name is not a change of content and is not reported.
 * @example diffModels(published, draft) // ['Budget ≥ 100,000 now earns 25 instead of 30']
 */
export function diffModels(before: Model, after: Model): string[] {
  const lines: string[] = [];
  if (before.id !== after.id) lines.push(`Model id ${before.id} → ${after.id}`);
  if (!same(before.name, after.name)) lines.push(`Name "${text(before.name)}" → "${text(after.name)}"`);
  if (before.framework !== after.framework) lines.push(`Framework ${before.framework} → ${after.framework}`);
  if (!same(before.description, after.description)) lines.push('Description changed');
  if (before.propertyGroup.name !== after.propertyGroup.name || !same(before.propertyGroup.label, after.propertyGroup.label)) {
    lines.push(`Property group ${before.propertyGroup.name} → ${after.propertyGroup.name}`);
  }
  if (before.dealSelection.policy !== after.dealSelection.policy) {
    lines.push(`The deal a contact is scored with: ${POLICY[before.dealSelection.policy]} → ${POLICY[after.dealSelection.policy]}`);
  }

  const beforeKeys = before.criteria.map((c) => c.key);
  const afterKeys = after.criteria.map((c) => c.key);
  for (const criterion of before.criteria) {
    if (!afterKeys.includes(criterion.key)) lines.push(`${text(criterion.label)} removed (it earned up to ${num(criterion.max)} points)`);
  }
  for (const criterion of after.criteria) {
    const old = before.criteria.find((c) => c.key === criterion.key);
    if (!old) lines.push(`${text(criterion.label)} added: up to ${num(criterion.max)} points, met from ${num(criterion.minimum)}, reads ${sources(criterion.sources)}`);
    else lines.push(...diffCriterion(old, criterion));
  }
  const kept = afterKeys.filter((key) => beforeKeys.includes(key));
  const keptBefore = beforeKeys.filter((key) => afterKeys.includes(key));
  if (kept.join() !== keptBefore.join()) lines.push(`Criteria order: ${keptBefore.join(', ')} → ${kept.join(', ')}`);

  if (before.qualification.minScore !== after.qualification.minScore) {
    lines.push(`Qualified now needs a score of ${num(after.qualification.minScore)} instead of ${num(before.qualification.minScore)}`);
  }
  lines.push(...diffGrades(before, after), ...diffActions(before, after), ...diffRouting(before, after));
  if (!same(before.overrides, after.overrides)) lines.push(`Overrides: ${overridePolicy(after)} (before: ${overridePolicy(before)})`);
  lines.push(...diffCommittee(before, after), ...diffLeads(before, after), ...diffLifecycle(before, after), ...diffSuggestions(before, after));
  return lines;
}

const POLICY: Record<Model['dealSelection']['policy'], string> = {
  newest_open: 'the newest open deal',
  largest_open: 'the largest open deal',
  soonest_closing_open: 'the open deal closing soonest',
};

function diffCriterion(before: Criterion, after: Criterion): string[] {
  const name = text(after.label);
  const lines: string[] = [];
  if (!same(before.label, after.label)) lines.push(`${text(before.label)} renamed "${name}"`);
  if (before.max !== after.max) lines.push(`${name} is now worth up to ${num(after.max)} points instead of ${num(before.max)}`);
  if (before.minimum !== after.minimum) lines.push(`${name} is now met from ${num(after.minimum)} points instead of ${num(before.minimum)}`);
  if (before.maxAgeDays !== after.maxAgeDays) lines.push(`${name} answers ${after.maxAgeDays === undefined ? 'never go stale' : `go stale after ${num(after.maxAgeDays)} days`} (before: ${before.maxAgeDays === undefined ? 'never' : `after ${num(before.maxAgeDays)} days`})`);
  if (sources(before.sources) !== sources(after.sources)) lines.push(`${name} now reads ${sources(after.sources)} (before: ${sources(before.sources)})`);
  for (const source of after.sources) {
    const old = before.sources.find((s) => s.object === source.object && s.property === source.property);
    if (!old || same(old.rule, source.rule)) continue;
    const where = `${name} from the ${source.object}'s ${source.property}`;
    if (!old.rule) lines.push(`${where} now has its own rule: ${describeRule(source.rule as Rule)}`);
    else if (!source.rule) lines.push(`${where} now uses the criterion's rule`);
    else lines.push(...diffRule(where, old.rule, source.rule));
  }
  lines.push(...diffRule(name, before.rule, after.rule));
  if (!same(rollupOf(before), rollupOf(after))) lines.push(`${name} on a buying committee: ${describeRollup(after)} (before: ${describeRollup(before)})`);
  if (!same(before.questions, after.questions)) lines.push(`${name}: discovery questions changed`);
  if (!same(before.description, after.description)) lines.push(`${name}: description changed`);
  return lines;
}

function diffRule(name: string, before: Rule, after: Rule): string[] {
  if (before.type !== after.type) return [`${name} is now scored by ${RULE_KIND[after.type]} instead of ${RULE_KIND[before.type]}: ${describeRule(after)}`];
  switch (after.type) {
    case 'bands': {
      const old = before as Extract<Rule, { type: 'bands' }>;
      return diffBands(name, old.bands, after.bands, after.unit === 'percent' ? ' %' : '');
    }
    case 'coverage': {
      const old = before as Extract<Rule, { type: 'coverage' }>;
      return [...diffChoices(name, old.options.map((o) => ({ ...o, points: Number.NaN })), after.options.map((o) => ({ ...o, points: Number.NaN })), 'item'), ...diffBands(`${name} coverage`, old.bands, after.bands, ' %')];
    }
    case 'options':
      return diffChoices(name, (before as typeof after).options, after.options, 'option');
    case 'likert':
      return diffChoices(name, (before as typeof after).levels, after.levels, 'level');
    case 'multi': {
      const old = before as typeof after;
      const mode = old.mode !== after.mode ? [`${name} now adds up ${after.mode === 'sum' ? 'the points of every choice' : 'only the best choice'} instead of ${old.mode === 'sum' ? 'every choice' : 'the best choice'}`] : [];
      return [...mode, ...diffChoices(name, old.options, after.options, 'choice')];
    }
    case 'date_window': {
      const old = before as typeof after;
      const lines: string[] = [];
      for (const window of after.windows) {
        const was = old.windows.find((w) => w.withinMonths === window.withinMonths);
        if (!was) lines.push(`${name} within ${months(window.withinMonths)} now earns ${num(window.points)} (new window)`);
        else if (was.points !== window.points) lines.push(`${name} within ${months(window.withinMonths)} now earns ${num(window.points)} instead of ${num(was.points)}`);
      }
      for (const window of old.windows) {
        if (!after.windows.some((w) => w.withinMonths === window.withinMonths)) lines.push(`${name} window within ${months(window.withinMonths)} removed (it earned ${num(window.points)})`);
      }
      if (old.later !== after.later) lines.push(`${name} later than every window now earns ${num(after.later)} instead of ${num(old.later)}`);
      return lines;
    }
    case 'boolean': {
      const old = before as typeof after;
      return [
        ...(old.whenTrue !== after.whenTrue ? [`${name} yes now earns ${num(after.whenTrue)} instead of ${num(old.whenTrue)}`] : []),
        ...(old.whenFalse !== after.whenFalse ? [`${name} no now earns ${num(after.whenFalse)} instead of ${num(old.whenFalse)}`] : []),
      ];
    }
  }
}

const RULE_KIND: Record<Rule['type'], string> = {
  bands: 'numeric bands', options: 'options', likert: 'a scale', multi: 'multiple choices', coverage: 'checklist coverage', date_window: 'date windows', boolean: 'yes / no',
};

function diffBands(name: string, before: Band[], after: Band[], unit: string): string[] {
  const lines: string[] = [];
  const key = (band: Band) => `${band.from}:${band.to ?? ''}`;
  for (const band of after) {
    const was = before.find((b) => key(b) === key(band));
    if (!was) lines.push(`${name} ${range(band, unit)} now earns ${num(band.points)} (new band)`);
    else if (was.points !== band.points) lines.push(`${name} ${range(band, unit)} now earns ${num(band.points)} instead of ${num(was.points)}`);
  }
  for (const band of before) {
    if (!after.some((b) => key(b) === key(band))) lines.push(`${name} band ${range(band, unit)} removed (it earned ${num(band.points)})`);
  }
  return lines;
}

function range(band: Band, unit: string): string {
  return band.to === undefined ? `≥ ${num(band.from)}${unit}` : `${num(band.from)}${unit} to under ${num(band.to)}${unit}`;
}

function diffChoices(name: string, before: OptionPoints[], after: OptionPoints[], noun: string): string[] {
  const lines: string[] = [];
  for (const option of after) {
    const was = before.find((o) => o.value === option.value);
    const label = text(option.label);
    const earns = Number.isNaN(option.points) ? '' : `, earns ${num(option.points)}`;
    if (!was) lines.push(`${name} ${noun} "${label}" added${earns}`);
    else {
      if (!same(was.label, option.label)) lines.push(`${name} ${noun} "${text(was.label)}" renamed "${label}"`);
      if (was.points !== option.points && !Number.isNaN(option.points)) lines.push(`${name} ${label} now earns ${num(option.points)} instead of ${num(was.points)}`);
    }
  }
  for (const option of before) {
    if (!after.some((o) => o.value === option.value)) lines.push(`${name} ${noun} "${text(option.label)}" removed${Number.isNaN(option.points) ? '' : ` (it earned ${num(option.points)})`}`);
  }
  return lines;
}

function describeRule(rule: Rule): string {
  switch (rule.type) {
    case 'bands':
      return rule.bands.map((b) => `${range(b, rule.unit === 'percent' ? ' %' : '')} → ${num(b.points)}`).join(', ');
    case 'coverage':
      return `${rule.options.length} items; ${rule.bands.map((b) => `${range(b, ' %')} → ${num(b.points)}`).join(', ')}`;
    case 'options':
    case 'multi':
      return rule.options.map((o) => `${text(o.label)} ${num(o.points)}`).join(', ');
    case 'likert':
      return rule.levels.map((o) => `${text(o.label)} ${num(o.points)}`).join(', ');
    case 'date_window':
      return `${rule.windows.map((w) => `within ${months(w.withinMonths)} → ${num(w.points)}`).join(', ')}, later → ${num(rule.later)}`;
    case 'boolean':
      return `yes → ${num(rule.whenTrue)}, no → ${num(rule.whenFalse)}`;
  }
}

function diffGrades(before: Model, after: Model): string[] {
  const lines: string[] = [];
  for (const grade of after.grades) {
    const was = before.grades.find((g) => g.grade === grade.grade);
    if (!was) lines.push(`Grade ${grade.grade} added, from ${num(grade.min)} points`);
    else {
      if (was.min !== grade.min) lines.push(`Grade ${grade.grade} now starts at ${num(grade.min)} points instead of ${num(was.min)}`);
      if (!same(was.label, grade.label)) lines.push(`Grade ${grade.grade} now means "${text(grade.label)}" instead of "${text(was.label)}"`);
    }
  }
  for (const grade of before.grades) if (!after.grades.some((g) => g.grade === grade.grade)) lines.push(`Grade ${grade.grade} removed`);
  return lines;
}

function diffActions(before: Model, after: Model): string[] {
  const lines: string[] = [];
  for (const action of after.actions) {
    const was = before.actions.find((a) => a.key === action.key);
    if (!was) lines.push(`Next step "${text(action.label)}" added${action.crmAction ? `, its button ${CRM_ACTION[action.crmAction]}` : ''}`);
    else {
      if (!same(was.label, action.label)) lines.push(`Next step "${text(was.label)}" renamed "${text(action.label)}"`);
      if (was.crmAction !== action.crmAction) lines.push(`Next step "${text(action.label)}": the card's button now ${button(action.crmAction)} (before: ${button(was.crmAction)})`);
    }
  }
  for (const action of before.actions) if (!after.actions.some((a) => a.key === action.key)) lines.push(`Next step "${text(action.label)}" removed`);
  return lines;
}

function diffRouting(before: Model, after: Model): string[] {
  const was = before.routing.map((rule) => routingRule(before, rule));
  const now = after.routing.map((rule) => routingRule(after, rule));
  if (was.join('\n') === now.join('\n')) return [];
  return [`Routing is now: ${now.map((line, i) => `${i + 1}. ${line}`).join('; ')} (before: ${was.map((line, i) => `${i + 1}. ${line}`).join('; ')})`];
}

function routingRule(model: Model, rule: RoutingRule): string {
  const action = model.actions.find((a) => a.key === rule.action);
  const then = action ? text(action.label) : rule.action;
  const when = rule.when;
  const conditions = [
    when?.qualified === undefined ? '' : when.qualified ? 'qualified' : 'not qualified',
    when?.grades ? `grade ${when.grades.join(' or ')}` : '',
    when?.failing ? `${when.failing.map((key) => text(model.criteria.find((c) => c.key === key)?.label ?? key)).join(' or ')} not met` : '',
    when?.stale === undefined ? '' : when.stale ? 'an answer is stale' : 'no answer is stale',
  ].filter(Boolean);
  return conditions.length > 0 ? `when ${conditions.join(' and ')} → ${then}` : `otherwise → ${then}`;
}

const CRM_ACTION: Record<NonNullable<Action['crmAction']>, string> = {
  add_task: 'adds a task', schedule_meeting: 'schedules a meeting', send_email: 'sends an email', enroll_in_workflow: 'enrolls in a workflow',
};

function button(action: Action['crmAction']): string {
  return action ? CRM_ACTION[action] : 'is off';
}

/** A criterion's roll-up as the engine applies it: records first and the highest points unless the model says otherwise. */
function rollupOf(criterion: Criterion): Rollup {
  return { prefer: criterion.rollup?.prefer ?? 'records', pick: criterion.rollup?.pick ?? 'highest', ...(criterion.rollup?.minimum === undefined ? {} : { minimum: criterion.rollup.minimum }) };
}

function describeRollup(criterion: Criterion): string {
  const rollup = rollupOf(criterion);
  const first = rollup.prefer === 'records' ? "the deal's or company's own value first, then the contacts' answers" : "the contacts' answers first, then the deal's or company's own value";
  const pick = rollup.pick === 'highest' ? 'the answer with the most points' : 'the answer with the most points, the soonest among equals';
  const gate = rollup.minimum === undefined ? 'met as for a contact' : `met from ${num(rollup.minimum)} points`;
  return `${first}; ${pick}; ${gate}`;
}

function diffCommittee(before: Model, after: Model): string[] {
  const lines: string[] = [];
  for (const [object, noun] of [['deals', 'deals'], ['companies', 'companies']] as const) {
    const was = before.committee?.[object] === true;
    const now = after.committee?.[object] === true;
    if (was !== now) lines.push(now ? `Buying committees of ${noun} are now scored and stored on the ${noun}` : `Buying committees of ${noun} are no longer stored on the ${noun}`);
  }
  const role = (model: Model) => {
    const key = model.committee?.roleCriterion;
    if (key === undefined) return 'none';
    return text(model.criteria.find((c) => c.key === key)?.label ?? key);
  };
  if (role(before) !== role(after)) lines.push(`A contact's role on the committee is now read from ${role(after)} (before: ${role(before)})`);
  return lines;
}

function diffLeads(before: Model, after: Model): string[] {
  const describe = (model: Model) => {
    const leads = model.leads;
    if (!leads || (!leads.qualify && !leads.unqualify)) return 'not moved';
    const moves = [
      leads.qualify ? `to stage ${leads.qualifiedStage} when qualified` : '',
      leads.unqualify ? `to stage ${leads.unqualifiedStage} when every answer is known and it does not qualify` : '',
    ].filter(Boolean);
    return `moved ${moves.join(', and ')}`;
  };
  const was = describe(before);
  const now = describe(after);
  return was === now ? [] : [`HubSpot leads are now ${now} (before: ${was})`];
}

function diffLifecycle(before: Model, after: Model): string[] {
  const describe = (model: Model) => (model.lifecycle?.advance ? `moved forward to ${model.lifecycle.stage} when qualified` : 'left as it is');
  const was = describe(before);
  const now = describe(after);
  return was === now ? [] : [`A contact's lifecycle stage is now ${now} (before: ${was})`];
}

function diffSuggestions(before: Model, after: Model): string[] {
  const lines: string[] = [];
  const facts = (model: Model) => model.suggestions?.facts ?? {};
  const keys = [...new Set([...after.criteria.map((c) => c.key), ...Object.keys(facts(before)), ...Object.keys(facts(after))])];
  for (const key of keys) {
    const was = facts(before)[key];
    const now = facts(after)[key];
    if (same(was, now)) continue;
    const name = text(after.criteria.find((c) => c.key === key)?.label ?? before.criteria.find((c) => c.key === key)?.label ?? key);
    lines.push(`${name}: suggested answers from calls, meetings, notes and emails now ${describeFact(now)} (before: ${describeFact(was)})`);
  }
  const autofill = (model: Model) => {
    const fill = model.suggestions?.autofill;
    return fill?.enabled ? `fills empty answers from suggestions with confidence ${num(fill.minConfidence)} or more` : 'is off';
  };
  if (autofill(before) !== autofill(after)) lines.push(`Auto-fill now ${autofill(after)} (before: ${autofill(before)})`);
  return lines;
}

function describeFact(fact: SuggestionFact | undefined): string {
  if (!fact) return 'come only from what its rule reads';
  switch (fact.fact) {
    case 'amount':
      return 'read an amount';
    case 'role':
    case 'need':
      return `read the ${fact.fact === 'role' ? "contact's role" : 'need'}: ${Object.entries(fact.options).map(([level, value]) => `${level.replace(/_/g, ' ')} → ${value}`).join(', ')}`;
    case 'timeline':
      return `read a purchase date${fact.options ? `: ${fact.options.map((o) => (o.withinMonths === undefined ? `later → ${o.value}` : `within ${months(o.withinMonths)} → ${o.value}`)).join(', ')}` : ''}`;
  }
}

function overridePolicy(model: Model): string {
  if (model.overrides?.who !== 'editors') return 'nobody may set the verdict by hand';
  return `anyone who can edit may set the verdict by hand; routing follows ${model.overrides.routing === 'override' ? 'the override' : 'the computed verdict'}`;
}

function sources(list: Source[]): string {
  return list.map((s) => `the ${s.object}'s ${s.property}`).join(', then ');
}

function months(count: number): string {
  return `${num(count)} month${count === 1 ? '' : 's'}`;
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
function num(value: number): string {
  return NUMBER.format(value);
}

/** A model text: a string, or (once models carry translations) a map of locale → string; diffs are in English. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    const first = map.en ?? Object.values(map)[0];
    return typeof first === 'string' ? first : '';
  }
  return '';
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
