import { answeredAt } from './answeredAt';
import type { LeadScore } from './compileModel';
import { describeExplanation } from './describeExplanation';
import { derivedPropertyNames } from './derivedPropertyNames';
import { formatNumber } from './formatNumber';
import { readDate } from './parseRaw';
import { OVERRIDE, readOverride } from './readOverride';
import { scoreValue } from './scoreValue';
import { englishText } from './text';
import { totalMax } from './totalMax';
import type { Criterion, DealRecord, DerivedProperties, Explanation, LeadRecord, Model, Source } from './types';

/**
 * Prints a fast score as the explained result with its properties, one line of JSON, as its UTF-8
 * bytes: one character per byte (0–255), what `Buffer#latin1Write` writes as they are.
 */
export type ExplainedJson = (lead: LeadScore, record: LeadRecord, now: Date, properties: DerivedProperties) => string;

/** How many raw values of one source keep their printed words; a full memory starts over. */
export const WORDS_KEPT = 1024;

/**
 * What one raw value of a source prints as, around the parts that differ between leads. Every cut
 * falls next to a character of our own (a quote, a bracket, "(", ")"), so escaping the parts one
 * by one gives the same text as escaping the whole (a surrogate pair is never cut in two).
 */
interface Words {
  /** `{"key":…,"label":…,…,"display":…,"source":` */
  head: string;
  /** `,"reason":"<why> (` */
  reasonOpen: string;
  /** `)<fix>","explanation":{…},"answeredAt":` */
  reasonClose: string;
  /** For a contact or company source: the whole criterion up to its answer stamp ('' for a deal source). */
  whole: string;
}

interface PrintedSource {
  source: Source;
  criterion: Criterion;
  rule: Source['rule'] & {};
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

interface PrintedCriterion {
  stamp: string;
  /** The whole criterion of a lead without a value, up to its answer stamp. */
  unknown: string;
  sources: PrintedSource[];
}

/**
 * Compiles a model's printer for `bant score`: the text of
 * `JSON.stringify({ ...scoreLead(model, record, now), properties })`, byte for byte, from the
 * fast path's score. The words of a criterion (label, display, reason, explanation) depend on the
 * source and the raw value only, so each value's are built once (with `scoreValue`, as
 * `scoreLead` builds them), printed once and kept (a bounded memory per source); keys and their
 * order are written out once per model; strings are escaped only when they hold a character that
 * needs it. `scoreLead` stays the reference, and a test compares the two on random leads.
 * @example compileExplainedJson(model)(bant.score(record, now), record, now, bant.derived(lead, now)) // '{"modelId":"bant-default",…}'
 */
export function compileExplainedJson(model: Model): ExplainedJson {
  const criteria: PrintedCriterion[] = model.criteria.map((criterion) => {
    const label = englishText(criterion.label);
    const known = `{"key":${quote(criterion.key)},"label":${quote(label)},"max":${number(criterion.max)},"minimum":${number(criterion.minimum)}`;
    const looked: Explanation = { code: 'no_value', looked: criterion.sources.map((s) => ({ object: s.object, property: s.property })) };
    return {
      stamp: answeredAt(criterion),
      unknown: flat(`${known},"points":0,"status":"unknown","value":null,"display":null,"source":null,"reason":${quote(describeExplanation(looked))},"explanation":${utf8(JSON.stringify(looked))},"answeredAt":`),
      sources: criterion.sources.map((source) => {
        const rule = source.rule ?? criterion.rule;
        return {
          source,
          criterion,
          rule,
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
  const max = flat(`,"max":${number(totalMax(model))},"qualified":`);
  const names = derivedPropertyNames(model);
  const propertyKeys = names.map((name, i) => flat(`${i === 0 ? '{' : ','}${quote(name)}:`));
  const listed = new WeakMap<readonly string[], string>();
  const list = (keys: readonly string[]) => {
    let text = listed.get(keys);
    if (text === undefined) {
      text = flat(utf8(JSON.stringify(keys)));
      listed.set(keys, text);
    }
    return text;
  };

  return (lead, record, now, properties) => {
    const deal = lead.deal;
    let dealRef = ''; // `"…","dealName":"…"}` and `from deal "…", `: built once per lead, when a criterion reads the deal
    let dealFrom = '';
    let text = `${head}${number(lead.score)}${max}${lead.qualified}`;
    text += `,"grade":${quote(lead.grade)},"nextAction":${quote(lead.nextAction)},"failedCriteria":${list(lead.failedCriteria)},"completeness":${number(lead.completeness)}`;
    text += `,"staleCriteria":${list(lead.staleCriteria)},"verdict":${quote(lead.verdict)},"override":${record.contact[OVERRIDE] ? utf8(JSON.stringify(readOverride(model, record.contact, now))) : 'null'},"criteria":[`;
    for (let i = 0; i < criteria.length; i += 1) {
      const printed = criteria[i]!;
      const scored = lead.criteria[i]!;
      if (i > 0) text += ',';
      const source = scored.source === null ? undefined : printed.sources.find((s) => s.source === scored.source);
      if (source === undefined || scored.value === null) {
        text += printed.unknown;
      } else {
        const words = wordsOf(source, scored.value, now);
        if (source.source.object !== 'deal') {
          text += words.whole;
        } else {
          if (dealRef === '') {
            const { id, properties: { dealname } } = deal!;
            dealRef = dealname ? `${quote(id)},"dealName":${quote(dealname)}}` : `${quote(id)}}`;
            dealFrom = dealname ? `from deal \\"${inner(dealname)}\\", ` : `from deal ${inner(id)}, `;
          }
          text += `${words.head}${source.dealRefOpen}${dealRef}${words.reasonOpen}${dealFrom}${source.propertyInner}${words.reasonClose}`;
        }
      }
      text += `${stampOf(record.contact[printed.stamp])},"stale":${scored.stale}}`;
    }
    text += `],"deal":${deal ? dealOf(deal) : 'null'},"properties":`;
    for (let i = 0; i < names.length; i += 1) text += `${propertyKeys[i]}${quote(properties[names[i]!]!)}`;
    return `${text}}}`;
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
  const points = scored.ok ? Math.min(scored.points, criterion.max) : 0;
  const met = points >= criterion.minimum;
  const status = !scored.ok ? 'invalid' : met ? 'met' : 'below';
  const why = scored.ok && !met ? `${scored.reason}, below the minimum of ${formatNumber(criterion.minimum)}` : scored.reason;
  const head = `{"key":${quote(criterion.key)},"label":${quote(englishText(criterion.label))},"max":${number(criterion.max)},"minimum":${number(criterion.minimum)},"points":${number(points)},"status":"${status}","value":${quote(raw)},"display":${scored.ok ? quote(scored.display) : 'null'},"source":`;
  const reasonOpen = `,"reason":"${inner(why)} (`;
  const reasonClose = `)${scored.ok ? '' : '; fix the value or map it in the model'}","explanation":${utf8(JSON.stringify(scored.explanation))},"answeredAt":`;
  // A deal's amount or close date seldom repeats: its words are printed once, not kept.
  if (printed.source.object === 'deal') return { head, reasonOpen, reasonClose, whole: '' };
  words = { head, reasonOpen, reasonClose, whole: flat(`${head}${printed.ref}${reasonOpen}${printed.from}${reasonClose}`) };
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

/** A string as JSON.stringify prints it, in UTF-8 bytes; most need no escaping and are only quoted. */
function quote(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return utf8(JSON.stringify(text));
    if (c >= 0x80) ascii = false;
  }
  return ascii ? `"${text}"` : `"${utf8(text)}"`;
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

/** A string escaped for the inside of a JSON string. */
function inner(text: string): string {
  const quoted = quote(text);
  return quoted.slice(1, -1);
}

/** A number as JSON.stringify prints it. */
function number(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
