/** An amount of money written in a text, with where it sits (offsets in the text given). */
export interface Amount {
  value: number;
  /** ISO 4217 code when the text names one ("$", "€", "kr", "euros"), else null. */
  currency: string | null;
  start: number;
  end: number;
  /** The lower end of a range ("80–120k", "between 80k and 120k"). */
  range: boolean;
  /** A sum per year ("50k a year", "€20k/yr"). */
  perYear: boolean;
}

const SYMBOLS: Record<string, string> = {
  'us$': 'USD', $: 'USD', usd: 'USD', dollar: 'USD', dollars: 'USD', bucks: 'USD',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', gbp: 'GBP', pound: 'GBP', pounds: 'GBP',
  nok: 'NOK', kr: 'NOK', 'kr.': 'NOK', kroner: 'NOK', sek: 'SEK', kronor: 'SEK', dkk: 'DKK', chf: 'CHF', cad: 'CAD', aud: 'AUD',
};
const SCALES: Record<string, number> = {
  k: 1e3, thousand: 1e3, grand: 1e3, tusen: 1e3, tuhatta: 1e3,
  m: 1e6, mm: 1e6, mn: 1e6, mil: 1e6, mill: 1e6, mio: 1e6, million: 1e6, millions: 1e6, millioner: 1e6, miljoonaa: 1e6,
  bn: 1e9, billion: 1e9,
};
const WORDS: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  half: 0.5, 'half a': 0.5, 'a half': 0.5, 'quarter of a': 0.25, 'a quarter of a': 0.25, 'a quarter': 0.25,
};

const CUR_BEFORE = String.raw`(?<cb>US\$|\$|€|£|USD|EUR|GBP|NOK|SEK|DKK|CHF|CAD|AUD|kr\.?)`;
const NUMBER = String.raw`(?<n>\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?)`;
const SCALE = String.raw`(?<sc>k|K|MM|mm|mn|mio|mill?|[mM]|bn|thousand|million|billion|grand|tusen|tuhatta|millioner|miljoonaa)`;
const CUR_AFTER = String.raw`(?<ca>€|\$|£|USD|EUR|GBP|NOK|SEK|DKK|CHF|kr\.?|kroner|kronor|euros?|dollars?|bucks|pounds?)`;
const NUMERIC = new RegExp(String.raw`(?<![\w.,$€£#/+])(?:${CUR_BEFORE}\s?)?${NUMBER}(?:\s?${SCALE}(?![a-zA-Z]))?(?:\s?${CUR_AFTER}(?![a-zA-Z]))?(?![\d%:]|[.,]\d|\/\d)`, 'g');
const WORD_NUMBER = Object.keys(WORDS).sort((a, b) => b.length - a.length).join('|').replace(/ /g, String.raw`\s+`);
const WORDED = new RegExp(String.raw`\b(?:${CUR_BEFORE}\s?)?(?<w>${WORD_NUMBER})(?:[\s-]+(?<w2>one|two|three|four|five|six|seven|eight|nine))?\s+(?:(?<h>hundred)\s+)?(?<ws>thousand|million|grand)\b(?:\s+${CUR_AFTER}\b)?`, 'gi');
const PER_YEAR = /^\s*(?:(?:per|a|an|each|every)\s+(?:year|annum)|\/\s?(?:year|yr|y)\b|annually|yearly|p\.?a\.?(?!\w)|per\s+yr)/i;
const RANGE_JOIN = /^\s*(?:-|–|—|to|and)\s*$/i;
const RANGE_START = /\b(?:between|from)\s*$/i;

/**
 * The amounts of money in a text: "$120k", "120K", "1.2M", "1,2 M€", "€80.000", "half a million",
 * "200 thousand", "14 grand", "USD 90,000"; the lower end of ranges; a yearly sum marked as such.
 * A bare number counts only when written like money: grouped ("120,000") or 4+ digits that are not a year.
 * @example readAmounts('budget ~120k approved')[0].value // 120000
 */
export function readAmounts(text: string): Amount[] {
  const found: Array<Amount & { scale: number; base: number; marked: boolean }> = [];
  for (const m of text.matchAll(NUMERIC)) {
    const g = m.groups!;
    const number = parseNumber(g.n!);
    if (number === null) continue;
    const scale = g.sc ? SCALES[g.sc.toLowerCase()] ?? 1 : 1;
    const currency = currencyOf(g.cb ?? g.ca);
    const grouped = /[,.\u00a0 ]\d{3}(?!\d)/.test(g.n!) && !/[.,]\d{1,2}$/.test(g.n!.replace(/[,.\u00a0 ]\d{3}(?!\d)/g, ''));
    const marked = Boolean(currency || g.sc);
    // A bare number is money only when written like money: grouped, or 4+ digits that are no year.
    // Unmarked numbers are money only when written like money (grouped, or 4+ digits that are no
    // year) and not the tail of a phone number or a date ("555-1234").
    const tail = /\d[-–]$/.test(text.slice(0, m.index));
    const year = Number.isInteger(number) && number >= 1900 && number <= 2100;
    const moneyLike = marked || (!tail && (grouped || (number >= 1000 && !year)));
    found.push({ value: round(number * scale), base: number, scale, currency, start: m.index, end: m.index + m[0].length, range: false, perYear: false, marked: moneyLike });
  }
  for (const m of text.matchAll(WORDED)) {
    const g = m.groups!;
    let base = WORDS[g.w!.toLowerCase().replace(/\s+/g, ' ')] ?? 1;
    if (g.w2) base += WORDS[g.w2.toLowerCase()] ?? 0;
    if (g.h) base *= 100;
    const scale = SCALES[g.ws!.toLowerCase()] ?? 1;
    const value = base * scale;
    if (found.some((f) => f.start < m.index + m[0].length && m.index < f.end)) continue;
    found.push({ value: round(value), base, scale, currency: currencyOf(g.cb ?? g.ca), start: m.index, end: m.index + m[0].length, range: false, perYear: false, marked: true });
  }
  found.sort((a, b) => a.start - b.start);
  // Ranges: "80-120k", "between 80k and 120k", "$50k to $75k": the lower end, with the upper end's scale and currency.
  for (let i = 0; i + 1 < found.length; i += 1) {
    const low = found[i]!;
    const high = found[i + 1]!;
    const join = text.slice(low.end, high.start);
    if (!RANGE_JOIN.test(join)) continue;
    if (/and/i.test(join) && !RANGE_START.test(text.slice(0, low.start))) continue;
    if (low.scale === 1 && high.scale > 1) low.value = round(low.base * high.scale);
    if (low.value > high.value || !high.marked) continue;
    low.currency ??= high.currency;
    low.range = true;
    low.marked = true;
    low.end = high.end;
    found.splice(i + 1, 1);
  }
  for (const amount of found) amount.perYear = PER_YEAR.test(text.slice(amount.end));
  return found.filter((a) => a.marked).map(({ scale: _s, base: _b, marked: _m, ...amount }) => amount);
}

function parseNumber(raw: string): number | null {
  const text = raw.replace(/\u00a0/g, ' ');
  // Grouping: separators followed by exactly three digits ("120,000", "80.000", "1 200 000").
  const grouped = /^\d{1,3}(?:([,. ])\d{3})+(?:([.,])(\d{1,2}))?$/.exec(text);
  if (grouped && grouped[1] !== grouped[2]) {
    const whole = text.slice(0, grouped[2] ? text.length - grouped[3]!.length - 1 : text.length).replace(/[,. ]/g, '');
    return Number(`${whole}${grouped[3] ? `.${grouped[3]}` : ''}`);
  }
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

function currencyOf(mark: string | undefined): string | null {
  return mark ? SYMBOLS[mark.toLowerCase()] ?? null : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
