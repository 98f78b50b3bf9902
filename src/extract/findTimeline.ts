import * as chrono from 'chrono-node/en';
import type { Segment } from './segments';
import type { Finding } from './types';

type TimelineFact = { type: 'timeline'; date: string };
type Day = { year: number; month: number; day: number };

// Words that make a date the date of the purchase: deciding, signing, going live, starting.
const STRONG_CUE = /\b(?:buy|buying|purchas\w*|decid\w*|decision|sign(?:ed|ing)?|contract|go(?:ing)?[- ]live|live|roll(?:ing)?[- ]?out|implement\w*|deploy\w*|switch\w*|migrat\w*|replac\w*|in place|up and running|deadline|(?:need|want|needs|wants) (?:it|this|something|them|a solution|the \w+) (?:by|before|in)|start(?:ing)? (?:using|with|on)|onboard\w*|kick ?off|move forward|get started|procure\w*|PO|purchase order|award(?:ed)?|launch (?:the|it|this|our new) (?:tool|system|platform|crm|solution))\b/i;
const CUE = /\b(?:timeline|time ?frame|target(?:ing)?|plan(?:ning)? to|aim(?:ing)?|budget|funds|fiscal year|FY|renewal|contract (?:ends|expires|is up|runs out)|expires?|ready|start|begin|asap|as soon as possible|urgent\w*|immediately|right away|running|launch|when|timing)\b/i;
// Dates of other things: events, the next call, the rep's own to-dos, the company's history.
const OTHER = /\b(?:conference|summit|webinar|event|trade ?show|expo|holiday|holidays|vacation|leave|offsite|off-site|retreat|board meeting|birthday|wedding|next (?:call|meeting|demo|sync|touchpoint)|follow[- ]?up|call (?:on|next|back)|meeting (?:on|next)|demo (?:on|next)|send (?:over )?(?:the|a|them)|proposal|quote|check[- ]in|catch[- ]up|reconnect|touch base|founded|hired|joined|ago|launched|product launch|release|trial (?:ends|expires)|out of (?:the )?office|OOO|travel\w*|moving offices|office move|sale|campaign|promotion|offers? due|submit|bids? due|took|lasted|results|earnings|annual report|published|fiscal year ends)\b/i;
const NEGATED = /\b(?:not|no|never|won['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t|can['’]t|cannot)\b/i;
const CONDITION = /\b(?:if|unless|assuming|provided)\b/i;
const UNTIL = /\b(?:until|till|before|after|not before|no earlier than|earliest)\b/i;

/**
 * The date the buyer means to buy, decide or go live, as a sentence says it ("next month", "by end
 * of Q2", "in 90 days", "after our fiscal year starts in April", "ASAP"), resolved against the
 * activity's date. A date only counts when the nearest cue beside it speaks of the purchase, not
 * of an event, the next call, a proposal or the past; negated or conditional dates are no evidence.
 * @example findTimeline([{ text: 'They want to go live by end of Q2.', start: 0 }], new Date('2026-03-10'))[0].fact.date // '2026-06-30'
 */
export function findTimeline(sentences: Segment[], activityDate: Date): Array<Finding<TimelineFact>> {
  const findings: Array<Finding<TimelineFact>> = [];
  for (const sentence of sentences) {
    // An answer takes its subject from the question before it: "Timing?" → "Next quarter."
    const prefix = sentence.question ? `${sentence.question} ` : '';
    const text = `${prefix}${sentence.text}`;
    if (!STRONG_CUE.test(text) && !CUE.test(text)) continue;
    for (const found of readDates(sentence.text, activityDate)) {
      const judged = judge(text, prefix.length + found.index, prefix.length + found.index + found.length);
      if (!judged) continue;
      const date = found.day;
      // A purchase date long before the activity is history, not a plan.
      if (Date.UTC(date.year, date.month - 1, date.day) < activityDate.getTime() - 7 * 86_400_000) continue;
      findings.push({ fact: { type: 'timeline', date: iso(date) }, evidence: sentence.text, start: sentence.start + found.index, confidence: judged.confidence });
    }
  }
  return findings;
}

/** Whether the date at [from, to) in a clause is a purchase date, and how sure that is. */
function judge(clause: string, from: number, to: number): { confidence: number } | null {
  const strong = nearest(STRONG_CUE, clause, from, to);
  const weak = nearest(CUE, clause, from, to);
  const other = nearest(OTHER, clause, from, to, true);
  const cue = Math.min(strong, weak);
  if (cue === Infinity || cue > 80) return null;
  if (other < cue) return null;
  const before = clause.slice(0, from);
  const chunk = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(':'), before.lastIndexOf(';')) + 1);
  if (CONDITION.test(chunk)) return null;
  // A negation about the purchase itself ("we won't decide this quarter"), unless it says until when.
  const around = clause.slice(Math.max(0, from - cue - 40), to);
  if (NEGATED.test(around) && !UNTIL.test(around)) return null;
  return { confidence: strong <= weak ? 0.85 : 0.75 };
}

/**
 * Distance in characters between the date and the closest match of a pattern in the clause. An
 * event named as a deadline ("before the holidays", "ahead of the audit") does not count as `other`.
 */
function nearest(pattern: RegExp, clause: string, from: number, to: number, skipDeadlines = false): number {
  let best = Infinity;
  for (const match of clause.matchAll(new RegExp(pattern.source, 'gi'))) {
    if (skipDeadlines && /\b(?:before|by|ahead of|in time for|prior to)\s+(?:\w+\s+){0,3}$/i.test(clause.slice(Math.max(0, match.index - 30), match.index))) continue;
    const end = match.index + match[0].length;
    const distance = end <= from ? from - end : match.index >= to ? match.index - to : 0;
    best = Math.min(best, distance);
  }
  return best;
}

const QUARTER = /\b(?<when>by |before |end of |the end of |by the end of |by end of |late |in |during |early |start of |beginning of |the start of )?(?:Q(?<q>[1-4])|the (?<qw>first|second|third|fourth|last) quarter|(?<h>H[12]))(?:\s+(?:of\s+)?(?<y>\d{4}|next year|this year))?\b/gi;
const RELATIVE = /\b(?:(?<asap>asap|as soon as possible|immediately|right away|right now|urgently)|(?:by |before |at )?(?:the )?end of (?:the )?(?<eo>month|this month|next month|year|this year|the year|next year|quarter|this quarter|next quarter)|(?<eoy>EOY|year[- ]end|EOM|EOQ)|(?<nq>this quarter|next quarter)|(?<early>early|late|mid|middle of|until|till|after|in the new year,?)?[- ]?(?<ny>next year)|within (?:the next )?(?<wn>\d+|a|one|two|three|four|five|six|nine|twelve|a couple of|a few) (?<wu>days?|weeks?|months?)|(?:in |over )?the next (?<fn>couple of|few|two|three|six|\d+) (?<fu>weeks|months)|(?:in |within |over )?(?:the )?(?:next )?(?<rn>\d+)\s*(?:-|–|to)\s*(?<rm>\d+) (?<ru>weeks|months)|in a (?<or>month|week) or two|(?:this |next |by |before |in |during |over )(?:the )?(?<season>spring|summer|fall|autumn|winter)|(?<tm>this month|this week|next week)|(?<part>mid|middle of|early|late|end of|the end of|beginning of|start of)[- ]?(?<pm>January|February|March|April|May|June|July|August|September|October|November|December))\b/gi;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const COUNTS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, nine: 9, twelve: 12, 'a couple of': 2, 'couple of': 2, 'a few': 3, few: 3 };

/** The dates in a clause: quarters, half years, ASAP and "end of ..." read here, the rest by chrono. */
function readDates(text: string, ref: Date): Array<{ index: number; length: number; day: Day }> {
  const out: Array<{ index: number; length: number; day: Day }> = [];
  const year = ref.getUTCFullYear();
  const refDay: Day = { year, month: ref.getUTCMonth() + 1, day: ref.getUTCDate() };
  for (const m of text.matchAll(QUARTER)) {
    const g = m.groups!;
    const when = (g.when ?? '').toLowerCase().trim();
    const ending = /by|before|end|late/.test(when);
    let first: number;
    let months: number;
    if (g.h) {
      first = g.h.toUpperCase() === 'H1' ? 1 : 7;
      months = 6;
    } else {
      const q = g.q ? Number(g.q) : { first: 1, second: 2, third: 3, fourth: 4, last: 4 }[g.qw!.toLowerCase()]!;
      first = (q - 1) * 3 + 1;
      months = 3;
    }
    let y = g.y ? (/next/i.test(g.y) ? year + 1 : /this/i.test(g.y) ? year : Number(g.y)) : year;
    const periodEnd = lastDay(y, first + months - 1);
    if (!g.y && compare(periodEnd, refDay) < 0) y += 1;
    const day = ending ? lastDay(y, first + months - 1) : when === 'early' || /start|beginning/.test(when) ? { year: y, month: first, day: 1 } : { year: y, month: first + 1, day: 15 };
    out.push({ index: m.index, length: m[0].length, day });
  }
  for (const m of text.matchAll(RELATIVE)) {
    if (out.some((o) => m.index < o.index + o.length && o.index < m.index + m[0].length)) continue;
    const day = relativeDay(m.groups!, refDay);
    if (day) out.push({ index: m.index, length: m[0].length, day });
  }
  for (const result of chrono.casual.parse(text, ref, { forwardDate: true })) {
    if (out.some((o) => result.index < o.index + o.length && o.index < result.index + result.text.length)) continue;
    // A bare year or weekday is too vague to be a purchase date; "today"/"now" are no plan either.
    if (/^(?:today|now|tonight|this (?:morning|afternoon|evening)|yesterday|\d{4})$/i.test(result.text.trim())) continue;
    // Numbers chrono reads as dates ("1.5M") and bare durations ("takes 10 days") are no dates.
    if (!/[a-z]{3,}/i.test(result.text) && !/\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}/.test(result.text)) continue;
    if (/^\s*(?:\d+|a|an|one|two|three|few|couple of)\s+(?:days?|weeks?|months?|years?)\s*$/i.test(result.text)) continue;
    const start = result.start;
    if (!start.isCertain('month') && !start.isCertain('day') && !/\b(?:days?|weeks?|months?|years?)\b/i.test(result.text)) continue;
    out.push({ index: result.index, length: result.text.length, day: { year: start.get('year')!, month: start.get('month')!, day: start.get('day')! } });
  }
  return out;
}

function relativeDay(g: Record<string, string | undefined>, ref: Day): Day | null {
  if (g.asap) return ref;
  const eo = (g.eo ?? '').toLowerCase();
  if (eo.includes('month')) return eo.includes('next') ? lastDay(ref.year, ref.month + 1) : lastDay(ref.year, ref.month);
  if (eo.includes('quarter') || g.nq) {
    const next = (eo || g.nq!.toLowerCase()).includes('next');
    const q = Math.floor((ref.month - 1) / 3) + (next ? 1 : 0);
    return eo ? lastDay(ref.year, q * 3 + 3) : normalize({ year: ref.year, month: q * 3 + 2, day: 15 });
  }
  if (eo.includes('year')) return { year: ref.year + (eo.includes('next') ? 1 : 0), month: 12, day: 31 };
  if (g.eoy) return /m/i.test(g.eoy.slice(-1)) ? lastDay(ref.year, ref.month) : /q/i.test(g.eoy.slice(-1)) ? lastDay(ref.year, Math.floor((ref.month - 1) / 3) * 3 + 3) : { year: ref.year, month: 12, day: 31 };
  if (g.ny) {
    // "until next year" starts on January 1; "next year" alone could be any month, so its middle.
    const part = (g.early ?? '').toLowerCase();
    const month = part === 'early' ? 2 : part === 'late' ? 10 : /until|till|after|new year/.test(part) ? 1 : 7;
    return { year: ref.year + 1, month, day: 1 };
  }
  const count = (raw: string | undefined) => (raw === undefined ? NaN : Number(raw) || COUNTS[raw.toLowerCase()] || NaN);
  if (g.wn && g.wu) return add(ref, count(g.wn), g.wu.toLowerCase());
  if (g.fn && g.fu) return add(ref, count(g.fn), g.fu.toLowerCase());
  if (g.rm && g.ru) return add(ref, count(g.rm), g.ru.toLowerCase());
  if (g.tm) return g.tm.toLowerCase() === 'this month' ? lastDay(ref.year, ref.month) : add(ref, 7, 'days');
  if (g.pm) {
    const month = MONTHS.indexOf(g.pm.toLowerCase()) + 1;
    const part = g.part!.toLowerCase();
    const year = month < ref.month ? ref.year + 1 : ref.year;
    if (/end/.test(part)) return lastDay(year, month);
    return { year, month, day: part === 'early' || /beginning|start/.test(part) ? 5 : part === 'late' ? 25 : 15 };
  }
  if (g.or) return add(ref, 2, g.or.toLowerCase());
  if (g.season) {
    const season = g.season.toLowerCase();
    const month = season === 'spring' ? 4 : season === 'summer' ? 7 : season === 'winter' ? 1 : 10;
    const day = { year: ref.year + (month === 1 ? 1 : 0), month, day: 15 };
    return compare(day, ref) < 0 ? { ...day, year: day.year + 1 } : day;
  }
  return null;
}

function add(ref: Day, count: number, unit: string): Day | null {
  if (!Number.isFinite(count)) return null;
  if (unit.startsWith('month')) return normalize({ year: ref.year, month: ref.month + count, day: Math.min(ref.day, 28) });
  const days = unit.startsWith('week') ? count * 7 : count;
  const date = new Date(Date.UTC(ref.year, ref.month - 1, ref.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function normalize(day: Day): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function lastDay(year: number, month: number): Day {
  const date = new Date(Date.UTC(year, month, 0));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function compare(a: Day, b: Day): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

function iso(day: Day): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}
