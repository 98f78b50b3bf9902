import { answeredAt } from './answeredAt';
import type { LeadScore } from './compileModel';
import { describeExplanation } from './describeExplanation';
import { derivedPropertyNames } from './derivedPropertyNames';
import { formatNumber } from './formatNumber';
import { judgeValue } from './judgeValue';
import { readDate } from './parseRaw';
import { OVERRIDE, readOverride } from './readOverride';
import { scoreValue } from './scoreValue';
import { englishText } from './text';
import { totalMax } from './totalMax';
import type { Criterion, DealRecord, DerivedProperties, Explanation, LeadRecord, Model, Rule, Source } from './types';

/**
 * Prints a fast score as the explained result with its properties, one line of JSON, as its UTF-8
 * bytes: one character per byte (0–255), what `Buffer#latin1Write` writes as they are.
 */
export type ExplainedJson = (lead: LeadScore, record: LeadRecord, now: Date) => string;

/** The properties the app writes for a score: the compiled model's `derived`. */
export type Derive = (lead: LeadScore, now: Date) => DerivedProperties;

/** How many raw values of one source keep their printed words; a full memory starts over. */
export const WORDS_KEPT = 1024;

/** The longest raw value whose words are kept (answers are short; a long text is printed and let go, so memory stays small). */
export const KEPT_VALUE_LENGTH = 200;

/** How many verdicts (grade, next action, failed and stale criteria...) keep their printed text; a full memory starts over. */
export const VERDICTS_KEPT = 4096;

/**
 * What one raw value of a source prints as, around the parts that differ between leads. Every cut
 * falls next to a character of our own (a quote, a bracket, "(", ")"), so escaping the parts one
 * by one gives the same text as escaping the whole (a surrogate pair is never cut in two).
 */
interface Words {
  /** `,{"key":…,"label":…,…,"display":…,"source":` (the comma before every criterion but the first) */
  head: string;
  /** `,"reason":"<why> (` */
  reasonOpen: string;
  /** `)<fix>","explanation":{…},"answeredAt":` */
  reasonClose: string;
  /** For a contact or company source: the whole criterion up to its answer stamp ('' for a deal source). */
  whole: string;
  /** The same, with no answer stamp and not stale: the whole criterion, closed. */
  wholeFresh: string;
}

interface PrintedSource {
  source: Source;
  criterion: Criterion;
  rule: Rule;
  /** `,{"key":…,"label":…,"max":…,"minimum":…` */
  known: string;
  /** The source's own reference, and where it was read, for a contact or company source. */
  ref: string;
  from: string;
  /** The property, escaped for the inside of a JSON string, for a deal source's reason. */
  propertyInner: string;
  /** `{"object":"deal","property":…,"dealId":` */
  dealRefOpen: string;
  words: Map<string, Words>;
  /** Date windows move with `now`: their words are kept for one moment. */
  wordsAt: number;
  followsNow: boolean;
}

/** What a score's verdict prints as: in the result, and in its properties after the points. */
interface PrintedVerdict {
  /** `,"max":…,"qualified":…,"grade":…,…,"verdict":…,"override":` */
  top: string;
  /** `","bant_qualified":"…",…"}}` */
  tail: string;
}

interface PrintedCriterion {
  stamp: string;
  /** The whole criterion of a lead without a value, up to its answer stamp; and closed, with no stamp. */
  unknown: string;
  unknownFresh: string;
  sources: PrintedSource[];
}

/** What closes a criterion with no answer stamp that is not stale. */
const FRESH = 'null,"stale":false}';

/**
 * Compiles a model's printer for `bant score`: the text of
 * `JSON.stringify({ ...scoreLead(model, record, now), properties })`, byte for byte, from the
 * fast path's score. The words of a criterion (label, display, reason, explanation) depend on the
 * source and the raw value only, so each value's are built once (with `scoreValue`, as
 * `scoreLead` builds them), printed once and kept (a bounded memory per source); keys and their
 * order are written out once per model; strings are escaped only when they hold a character that
 * needs it; the verdict's part of the result and of the properties is printed once per combination.
 * `scoreLead` stays the reference, and tests compare the two on random and awkward leads.
 * @example compileExplainedJson(model, bant.derived)(bant.score(record, now), record, now) // '{"modelId":"bant-default",…}'
 */
export function compileExplainedJson(model: Model, derive: Derive): ExplainedJson {
  const criteria: PrintedCriterion[] = model.criteria.map((criterion, i) => {
    const label = englishText(criterion.label);
    const known = flat(`${i === 0 ? '' : ','}{"key":${quote(criterion.key)},"label":${quote(label)},"max":${number(criterion.max)},"minimum":${number(criterion.minimum)}`);
    const looked: Explanation = { code: 'no_value', looked: criterion.sources.map((s) => ({ object: s.object, property: s.property })) };
    const unknown = flat(`${known},"points":0,"status":"unknown","value":null,"display":null,"source":null,"reason":${quote(describeExplanation(looked))},"explanation":${utf8(JSON.stringify(looked))},"answeredAt":`);
    return {
      stamp: answeredAt(criterion),
      unknown,
      unknownFresh: flat(`${unknown}${FRESH}`),
      sources: criterion.sources.map((source) => {
        const rule = source.rule ?? criterion.rule;
        return {
          source,
          criterion,
          rule,
          known,
          ref: flat(utf8(JSON.stringify({ object: source.object, property: source.property }))),
          from: flat(inner(`from ${source.object} ${source.property}`)),
          propertyInner: flat(inner(source.property)),
          dealRefOpen: flat(`{"object":${quote(source.object)},"property":${quote(source.property)},"dealId":`),
          words: new Map(),
          wordsAt: NaN,
          followsNow: rule.type === 'date_window',
        };
      }),
    };
  });
  const head = flat(`{"modelId":${quote(model.id)},"modelVersion":${quote(model.version)},"score":`);
  const max = `,"max":${number(totalMax(model))},"qualified":`;
  const names = derivedPropertyNames(model);
  // `{"bant_score":"`, `","bant_budget_points":"`, …: each value goes between two of these.
  const propertyKeys = names.map((name, i) => flat(`${i === 0 ? '{' : '",'}${quote(name)}:"`));
  const verdictFrom = 1 + criteria.length; // the properties after the points
  const verdicts = new Map<number, PrintedVerdict>();
  let verdictsAt = NaN;
  const ids = new Map<unknown, number>();
  const idOf = (value: unknown) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return id;
  };

  /**
   * The score's verdict, printed once per combination and moment: the grade, next action, failed and
   * stale criteria, completeness and verdicts, and the properties `derived` writes from them and `now`.
   */
  function verdictOf(lead: LeadScore, now: Date): PrintedVerdict {
    if (now.getTime() !== verdictsAt) {
      verdicts.clear();
      verdictsAt = now.getTime();
    }
    // Failed and stale criteria come as one shared list per combination: known by their identity.
    const parts = [idOf(lead.failedCriteria), idOf(lead.staleCriteria), idOf(lead.grade), idOf(lead.nextAction), lead.completeness];
    let key = lead.verdict === 'qualified' ? 1 : 0;
    key = key * 2 + (lead.qualified ? 1 : 0);
    for (const part of parts) key = part < 1024 && Number.isInteger(part) && part >= 0 ? key * 1024 + part : NaN;
    // Ids past the key's room: start over (this verdict, whose key used them, is printed and not kept).
    if (ids.size > 1024) {
      ids.clear();
      verdicts.clear();
      key = NaN;
    }
    let verdict = Number.isNaN(key) ? undefined : verdicts.get(key);
    if (verdict !== undefined) return verdict;
    const properties = derive(lead, now);
    let tail = '';
    for (let i = verdictFrom; i < names.length; i += 1) tail += `${propertyKeys[i]}${inner(properties[names[i]!]!)}`;
    verdict = {
      top: flat(`${max}${lead.qualified},"grade":${quote(lead.grade)},"nextAction":${quote(lead.nextAction)},"failedCriteria":${utf8(JSON.stringify(lead.failedCriteria))},"completeness":${number(lead.completeness)},"staleCriteria":${utf8(JSON.stringify(lead.staleCriteria))},"verdict":${quote(lead.verdict)},"override":`),
      tail: flat(`${tail}"}}`),
    };
    if (Number.isNaN(key)) return verdict;
    if (verdicts.size >= VERDICTS_KEPT) verdicts.clear();
    verdicts.set(key, verdict);
    return verdict;
  }

  return (lead, record, now) => {
    const { contact } = record;
    const deal = lead.deal;
    const verdict = verdictOf(lead, now);
    let dealRef = ''; // `"…","dealName":"…"}` and `from deal "…", `: built once per lead, when a criterion reads the deal
    let dealFrom = '';
    let text = `${head}${number(lead.score)}${verdict.top}${contact[OVERRIDE] ? utf8(JSON.stringify(readOverride(model, contact, now))) : 'null'},"criteria":[`;
    for (let i = 0; i < criteria.length; i += 1) {
      const printed = criteria[i]!;
      const scored = lead.criteria[i]!;
      const stamp = contact[printed.stamp];
      const fresh = stamp === undefined && !scored.stale;
      let source: PrintedSource | undefined;
      if (scored.source !== null) for (const s of printed.sources) if (s.source === scored.source) source = s;
      if (source === undefined || scored.value === null) {
        text += fresh ? printed.unknownFresh : printed.unknown;
      } else {
        const words = wordsOf(source, scored.value, now);
        if (source.source.object !== 'deal') {
          text += fresh ? words.wholeFresh : words.whole;
        } else {
          if (dealRef === '') {
            const { id, properties: { dealname } } = deal!;
            dealRef = dealname ? `${quote(id)},"dealName":${quote(dealname)}}` : `${quote(id)}}`;
            dealFrom = dealname ? `from deal \\"${inner(dealname)}\\", ` : `from deal ${inner(id)}, `;
          }
          text += `${words.head}${source.dealRefOpen}${dealRef}${words.reasonOpen}${dealFrom}${source.propertyInner}${words.reasonClose}`;
          if (fresh) {
            text += FRESH;
            continue;
          }
        }
      }
      if (!fresh) text += `${stampOf(stamp)},"stale":${scored.stale}}`;
    }
    // The score and points as `derived` writes them; the rest of the properties come with the verdict.
    text += `],"deal":${deal ? dealOf(deal) : 'null'},"properties":${propertyKeys[0]}${formatNumber(lead.score)}`;
    for (let i = 1; i < verdictFrom; i += 1) text += `${propertyKeys[i]}${formatNumber(lead.criteria[i - 1]!.points)}`;
    return `${text}${verdict.tail}`;
  };
}

/** The words of one raw value, as `scoreLead` builds them, printed; kept for the next lead with the same value. */
function wordsOf(printed: PrintedSource, raw: string, now: Date): Words {
  if (printed.followsNow && printed.wordsAt !== now.getTime()) {
    printed.words.clear();
    printed.wordsAt = now.getTime();
  }
  let words = printed.words.get(raw);
  if (words !== undefined) return words;
  const { criterion } = printed;
  const scored = scoreValue(printed.rule, raw, criterion.max, now);
  const { points, status, display, why, fix } = judgeValue(criterion, scored);
  const head = `${printed.known},"points":${number(points)},"status":"${status}","value":${quote(raw)},"display":${display === null ? 'null' : quote(display)},"source":`;
  const reasonOpen = `,"reason":"${inner(why)} (`;
  const reasonClose = `)${inner(fix)}","explanation":${utf8(JSON.stringify(scored.explanation))},"answeredAt":`;
  // A deal's amount or close date seldom repeats: its words are printed once, not kept.
  if (printed.source.object === 'deal') return { head, reasonOpen, reasonClose, whole: '', wholeFresh: '' };
  const whole = `${head}${printed.ref}${reasonOpen}${printed.from}${reasonClose}`;
  if (raw.length > KEPT_VALUE_LENGTH) return { head, reasonOpen, reasonClose, whole, wholeFresh: `${whole}${FRESH}` };
  words = { head, reasonOpen, reasonClose, whole: flat(whole), wholeFresh: flat(`${whole}${FRESH}`) };
  if (printed.words.size >= WORDS_KEPT) printed.words.clear();
  printed.words.set(raw, words);
  return words;
}

/**
 * The text as one flat string. Joined strings are trees of their parts; one kept to be printed
 * again is flattened once (reading a character does it), not walked again in every line it is part of.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** A criterion's answer stamp as `scoreLead` prints it: the ISO time, or null without a readable stamp. */
function stampOf(raw: string | null | undefined): string {
  if (raw === null || raw === undefined || raw.trim() === '') return 'null';
  const time = readDate(raw);
  return Number.isNaN(time) ? 'null' : `"${new Date(time).toISOString()}"`;
}

function dealOf(deal: DealRecord): string {
  const name = deal.properties.dealname;
  return `{"id":${quote(deal.id)},"name":${name === null || name === undefined || name.trim() === '' ? 'null' : quote(name)}}`;
}

/** A string as JSON.stringify prints it, in UTF-8 bytes. */
function quote(text: string): string {
  return `"${inner(text)}"`;
}

/** A string escaped for the inside of a JSON string, in UTF-8 bytes: most need nothing and are the text itself. */
function inner(text: string): string {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) return utf8(JSON.stringify(text).slice(1, -1));
  }
  return text;
}

const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of a text, one character per byte. Printed text is kept this way so that a line
 * stays a one-byte string, quick to join and written out as it is; the first character that is not
 * ASCII (an en dash in "1–3 months") would otherwise make every line a two-byte string to encode.
 */
function utf8(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0x80) i += 1;
  if (i === text.length) return text;
  const bytes = encoder.encode(text);
  let out = '';
  for (let from = 0; from < bytes.length; from += 8192) out += String.fromCharCode(...bytes.subarray(from, from + 8192));
  return out;
}

/** A number as JSON.stringify prints it. */
function number(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
