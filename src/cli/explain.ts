import { parseArgs } from 'node:util';
import { derivedPropertiesChanged, formatNumber, scoreLead, toDerivedProperties } from '../engine';
import type { LeadResult, Model, RawProperties } from '../engine';
import { ANSWERED_BY, answeredAt, buildTimeline, describeChange, OVERRIDE, OVERRIDE_BY, OVERRIDE_UNTIL } from '../history';
import type { Timeline } from '../history';
import { resolveText } from '../i18n';
import { readLeadHistory, readUserNames } from '../recalc/readLeadHistory';
import { crmFromEnv } from './crmFromEnv';
import { loadModel, UsageError, write } from './io';
import type { CliIo } from './io';
import { INTERACTIVE_RETRY } from './issues';

export const EXPLAIN_HELP = `bant explain --contact <id> [--model <file>] [--time-zone <zone>] [--json]

Explains one contact of the portal the token points at, for a manager reviewing a disputed lead:
the score, grade, verdict and next step as the model computes them now, each criterion's points,
answer, source and when and by whom it was answered, what HubSpot has stored, the override, and
the history of the score and the answers from HubSpot's property history (who changed what,
through the card, the record page, an import, a workflow or the app's recalculation, and why the
score moved). Reads the contact, its deals and company (history rides on the same reads) and the
names of the users involved; writes nothing.
  --contact <id>      the HubSpot contact id (digits)
  --time-zone <zone>  how times are shown, an IANA zone such as Europe/Helsinki (default UTC)
  --json              one JSON object instead of text
Environment: PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL (default https://api.hubapi.com).
Exit status: 0 explained, 1 no such contact, 2 bad input or could not reach the portal.`;

/** `bant explain --contact <id>`: one contact's breakdown, stored values, override and history. */
export async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      contact: { type: 'string' }, model: { type: 'string' }, 'time-zone': { type: 'string', default: 'UTC' },
      json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${EXPLAIN_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`bant explain takes no arguments, got ${positionals.join(' ')}; use --contact <id>`);
  const contactId = values.contact?.trim();
  if (!contactId) throw new UsageError('--contact is required: the HubSpot id of the contact to explain, e.g. --contact 101');
  if (!/^\d+$/.test(contactId)) throw new UsageError(`--contact "${contactId}" is not a HubSpot record id; ids are digits, e.g. --contact 101`);
  const timeZone = values['time-zone'];
  const formatTime = timeFormatter(timeZone);
  const model = await loadModel(values.model);
  const { crm } = crmFromEnv(io.env, { retry: INTERACTIVE_RETRY });

  let read;
  try {
    read = (await readLeadHistory(crm, model, [contactId])).get(contactId);
  } catch (error) {
    throw new UsageError(`could not read contact ${contactId}: ${(error as Error).message}`);
  }
  if (!read) {
    await write(io.stderr, `bant explain: contact ${contactId} does not exist in this portal (deleted, merged, or another account's id)\n`);
    return 1;
  }
  const now = new Date();
  const result = scoreLead(model, read.lead, now);
  const timeline = buildTimeline(model, read.history);
  const contact = read.lead.contact;
  const stampUsers = [contact[ANSWERED_BY], contact[OVERRIDE_BY]].filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id));
  let names: Map<string, string>;
  try {
    names = await readUserNames(crm, [...new Set([...timeline.userIds, ...stampUsers])]);
  } catch (error) {
    throw new UsageError(`could not read the users' names: ${(error as Error).message}`);
  }
  const explanation = { contactId, now, model, result, contact, timeline, names, formatTime };
  await write(io.stdout, values.json ? `${JSON.stringify(toJson(explanation), null, 2)}\n` : formatExplanation(explanation));
  return 0;
}

interface Explanation {
  contactId: string;
  now: Date;
  model: Model;
  result: LeadResult;
  contact: RawProperties;
  timeline: Timeline;
  names: Map<string, string>;
  formatTime: (iso: string) => string;
}

function formatExplanation(e: Explanation): string {
  const { model, result, contact } = e;
  const out: string[] = [];
  const actionLabel = model.actions.find((a) => a.key === result.nextAction)?.label;
  const action = actionLabel ? resolveText(actionLabel, 'en') : result.nextAction;
  const gradeLabel = model.grades.find((g) => g.grade === result.grade)?.label;
  const grade = gradeLabel ? resolveText(gradeLabel, 'en') : undefined;
  out.push(`Contact ${e.contactId}, model ${model.version}, as of ${e.formatTime(e.now.toISOString())}`);
  out.push('');
  out.push(`Score ${formatNumber(result.score)} of ${formatNumber(result.max)}, grade ${result.grade}${grade ? ` (${grade})` : ''}, ${result.qualified ? 'Qualified' : `Not qualified (${result.failedCriteria.map((key) => labelOf(model, key)).join(', ')} not met)`}${verdictNote(e)}`);
  out.push(`Next: ${action}. Completeness ${result.completeness}%.${result.deal ? ` Deal: ${result.deal.name ? `"${result.deal.name}"` : result.deal.id}.` : ''}`);
  out.push(storedLine(e));
  out.push('');

  out.push('Breakdown');
  const rows = result.criteria.map((c) => {
    const stamp = contact[answeredAt(c)];
    const answered = stamp ? `answered ${e.formatTime(new Date(/^\d+$/.test(stamp) ? Number(stamp) : stamp).toISOString())}` : '';
    return [c.label, `${formatNumber(c.points)}/${formatNumber(c.max)}`, c.status, c.display ?? c.value ?? '—', c.reason, answered];
  });
  out.push(...columns(['criterion', 'points', 'status', 'answer', 'why', 'answered'], rows));
  const by = contact[ANSWERED_BY];
  if (by) out.push(`  Last saved on the card by ${by === 'app' ? 'the app (a suggestion)' : person(by, e.names)}.`);
  const stale = result.criteria.filter((c) => c.stale);
  if (stale.length > 0) {
    const ages = stale.map((c) => `${c.label} (answered ${c.answeredAt ? e.formatTime(c.answeredAt).slice(0, 10) : '?'}, older than ${model.criteria.find((m) => m.key === c.key)?.maxAgeDays ?? '?'} days)`);
    out.push(`  Stale, ask the rep to re-check: ${ages.join(', ')}.`);
  }
  out.push('');

  out.push(overrideLine(e));
  out.push('');

  out.push(`History, newest first (${e.timeline.changes.length} change${e.timeline.changes.length === 1 ? '' : 's'})`);
  if (e.timeline.changes.length === 0) out.push('  HubSpot has no recorded change of the score, the answers or the override.');
  const options = { userName: (id: string) => e.names.get(id) ?? null, formatTime: e.formatTime, now: e.now };
  for (const item of e.timeline.changes) out.push(`  - ${describeChange(model, item, options)}`);
  const moves = e.timeline.scores.filter((point, index, all) => index === 0 || all[index - 1]?.score !== point.score);
  if (moves.length > 0) {
    out.push('');
    out.push(`Score over time: ${moves.map((point) => `${formatNumber(point.score)} (${e.formatTime(point.at)})`).join(' → ')}`);
  }
  return `${out.join('\n')}\n`;
}

function storedLine({ model, result, contact, now, formatTime }: Explanation): string {
  if (!contact.bant_score) return 'Stored in HubSpot: nothing yet (never scored; run bant rescore --ids to store it).';
  const changed = derivedPropertiesChanged(contact, toDerivedProperties(model, result, now));
  const scoredAt = contact.bant_scored_at ? `, scored ${formatTime(new Date(/^\d+$/.test(contact.bant_scored_at) ? Number(contact.bant_scored_at) : contact.bant_scored_at).toISOString())}` : '';
  const base = `Stored in HubSpot: score ${contact.bant_score}, ${contact.bant_qualified === 'true' ? 'qualified' : 'not qualified'}, grade ${contact.bant_grade ?? '—'}${scoredAt} with ${contact.bant_model_version ?? 'an unknown model'}`;
  return changed.length === 0 ? `${base} (up to date).` : `${base}; out of date (${changed.join(', ')} differ; the next recalculation or bant rescore writes them).`;
}

/** After the computed verdict: the one that counts when an override applies, and whether routing follows it. */
function verdictNote({ model, result }: Explanation): string {
  if (result.override?.status !== 'applies') return '';
  const routing = model.overrides?.routing === 'override' ? 'routing follows it' : 'routing follows the computed verdict';
  return `; overridden to ${result.verdict === 'qualified' ? 'Qualified' : 'Not qualified'} by hand (${routing})`;
}

function overrideLine({ contact, names, result }: Explanation): string {
  const override = result.override;
  if (!override) return contact[OVERRIDE] ? `Override: "${contact[OVERRIDE]}" is stored but is not a verdict (qualified or not_qualified); it does not apply.` : 'Override: none.';
  const by = override.by ?? contact[OVERRIDE_BY];
  const text = `Override: ${override.verdict === 'qualified' ? 'Qualified' : 'Not qualified'}${by ? ` by ${person(by, names)}` : ''}${override.reason ? `: "${override.reason}"` : ''}${override.until ? `, until ${override.until}` : ''}`;
  switch (override.status) {
    case 'applies':
      return `${text}.`;
    case 'expired':
      return `${text} (expired: it no longer applies).`;
    case 'not_allowed':
      return `${text} (not applied: the model lets nobody override).`;
    case 'unreadable_until':
      return `${text} (not applied: the last day is not a date; fix ${OVERRIDE_UNTIL} or clear it).`;
  }
}

function toJson(e: Explanation) {
  const options = { userName: (id: string) => e.names.get(id) ?? null, formatTime: e.formatTime, now: e.now };
  return {
    contactId: e.contactId,
    now: e.now.toISOString(),
    model: { id: e.model.id, version: e.model.version },
    result: e.result,
    stored: Object.fromEntries(Object.entries(e.contact).filter(([name]) => name.startsWith('bant_'))),
    history: {
      scores: e.timeline.scores,
      changes: e.timeline.changes.map((item) => ({ ...item, text: describeChange(e.model, item, options) })),
    },
    users: Object.fromEntries(e.names),
  };
}

function person(userId: string, names: Map<string, string>): string {
  return names.get(userId) ?? `user ${userId}`;
}

function labelOf(model: Model, key: string): string {
  const criterion = model.criteria.find((c) => c.key === key);
  return criterion ? resolveText(criterion.label, 'en') : key;
}

/** "2026-11-03 14:00 UTC" (or "... Europe/Helsinki") in the zone asked for; a zone Intl does not know is the user's to fix. */
function timeFormatter(timeZone: string): (iso: string) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    throw new UsageError(`--time-zone "${timeZone}" is not a time zone; use an IANA name such as UTC or Europe/Helsinki`);
  }
  return (iso) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${timeZone}`;
  };
}

function columns(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)];
}
