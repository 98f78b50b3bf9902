import { clauses } from './clauses';
import { readAmounts } from './readAmounts';
import type { Amount } from './readAmounts';
import type { Segment } from './segments';
import type { Finding } from './types';

type AmountFact = { type: 'amount'; amount: number; currency: string };

// Words that say the amount is what the buyer can spend.
const STRONG_CUE = /\b(?:budget(?:ed|s)?|approved|allocated|allocating|set aside|earmarked|signed off|sign-off|funded|ring-?fenced|green-?lit)\b/i;
const CUE = /\b(?:spend|spending|invest|investment|up to|ceiling|cap(?:ped)?|max(?:imum)?|no more than|ballpark|price range|range of|in the range|afford|willing to pay|can pay|prepared to pay|ready to pay|looking at|thinking|in the region of|available|for (?:this|the|a|our|their) (?:project|initiative|rollout|solution|tool|platform|system|purchase|work|year)|for (?:this|it)\b|to work with|pot|envelope|number (?:is|was)|figure|range|given|go to|put \S+ (?:behind|into|toward|towards))\b/i;
// The amount is about something else: the company's size, another vendor's price, money already spent.
const COMPANY = /\b(?:revenues?|turnover|ARR|MRR|sales of|in sales|annual sales|valuation|valued at|(?:raised|raising)(?! (?:to|it|the budget))|series [a-e]|funding round|seed round|round|profits?|EBITDA|market cap|net income|GMV|bookings|run-?rate|payroll|salar(?:y|ies))\b/i;
const AFTER_IS_SIZE = /^\s*(?:[a-z]+\s+)?(?:company|business|firm|organi[sz]ation|operation|group|revenue|ARR|turnover|in revenue|in sales|valuation|employees|people|staff|users|seats|licen[cs]es|customers|clients|members|records|contacts|leads|emails|tickets|calls|orders|transactions|units|visitors|downloads|followers|subscribers|rows|devices|endpoints|hours|miles|km|words|pages|students|patients|locations|stores|sites|vehicles|shipments|SKUs|products|invoices|documents|messages|requests|agents|reps|accounts|partners|projects|sq|square|lines|views|impressions|members)\b/i;
const COMPETITOR = /\b(?:competitors?|competition|competing|rival|incumbent|quoted|quote|quotes|quotation|charges?|charging|charged|offered|offering|undercut|cheaper|their price|list price|other vendor|another vendor|vendors? (?:want|ask|asked|is asking))\b/i;
const CURRENT = /\b(?:currently|today|right now|at the moment|existing|current (?:vendor|tool|system|contract|provider|solution|platform|spend)|paying|pays)\b/i;
const PAST = /\b(?:spent|paid|cost (?:us|them|him|her)|last (?:year|quarter|time|project)|previous(?:ly)?|prior|used to|the old|back in|invested in|went over|overran|blew)\b/i;
const HYPOTHETICAL = /\b(?:if|unless|hypothetical(?:ly)?|imagine|suppose|supposing|wish|dream|no way|never|impossible|not possible|out of the question|unrealisti?c|not realistic|not (?:a chance|happening)|too (?:much|high|expensive|steep)|more than (?:we|they|I|he|she) (?:can|could)|(?:above|over|beyond|exceeds?) (?:our|their|the) budget|way (?:above|beyond|over|too)|far (?:above|beyond)|(?:can|could|would|will|do|does|did|is|are|was|were)(?:n't| not)|cannot|can not|won't|not|no)\b/i;
// "can't go above 80k", "no more than 80k", "not to exceed 80k": a ceiling is a budget.
const CEILING = /\b(?:(?:can(?:'|no)?t|cannot|won't|will not|not|no)\s+(?:go|spend|pay|stretch|do)?\s*(?:above|over|beyond|more than|past|higher than|exceed)|not to exceed|no more than|not more than|(?:max(?:imum)?|ceiling|cap|hard limit)\b)/i;
const TOTAL = /\b(?:in total|total|overall|all-?in|over (?:the )?(?:\d+|two|three|four|five) years|across (?:\d+|two|three|four|five) years)\b/i;
const YEARS = /\b(?:for|over|across)\s+(?:the\s+next\s+)?(\d+|two|three|four|five)[\s-]+years?\b/i;
const YEAR_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };

/**
 * Amounts the buyer says they can spend, one finding per qualifying amount: an amount in a clause
 * that speaks of budget or spend, and not of revenue or size, another vendor's price, money already
 * spent, or an amount said to be impossible or hypothetical. Ranges give their lower end; a yearly
 * sum over a stated number of years gives the total. `homeCurrency` is used when no currency is written.
 * @example findBudget([{ text: 'budget ~120k approved', start: 0 }], 'USD')[0].fact // { type: 'amount', amount: 120000, currency: 'USD' }
 */
export function findBudget(sentences: Segment[], homeCurrency: string): Array<Finding<AmountFact>> {
  const findings: Array<Finding<AmountFact>> = [];
  for (const sentence of sentences) {
    if (!/\d|half|million|thousand|grand/i.test(sentence.text)) continue;
    // An answer takes its subject from the question before it: "Budget?" → "About 50k."
    const about = `${sentence.question ?? ''} ${sentence.text}`;
    const strong = STRONG_CUE.test(about);
    const cue = strong || CUE.test(about) || /\b(?:spend|cost|price|afford)\b/i.test(sentence.question ?? '');
    if (!cue) continue;
    let previous: Finding<AmountFact> | null = null;
    for (const clause of clauses(sentence)) {
      const amounts = readAmounts(clause.text);
      if (amounts.length === 0) continue;
      const reason = rejected(clause.text, amounts);
      if (reason) continue;
      const chosen = pick(clause.text, amounts);
      if (!chosen) continue;
      const inClauseStrong = STRONG_CUE.test(clause.text) || CEILING.test(clause.text);
      let confidence = inClauseStrong ? 0.9 : strong ? 0.85 : 0.75;
      if (chosen.amount.range) confidence -= 0.05;
      if (/\b(?:would|could|might|maybe|perhaps|probably|possibly)\b/i.test(clause.text)) confidence -= 0.1;
      const finding: Finding<AmountFact> = {
        fact: { type: 'amount', amount: chosen.value, currency: chosen.amount.currency ?? homeCurrency },
        evidence: sentence.text,
        start: clause.start + chosen.amount.start,
        confidence: Math.round(confidence * 100) / 100,
      };
      // "$1.8M for the program, of which 300k for the CRM part": the part is this purchase's budget.
      if (previous && /of which\s*$/i.test(sentence.text.slice(0, clause.start - sentence.start))) {
        findings.splice(findings.indexOf(previous), 1);
        finding.confidence = Math.max(finding.confidence, previous.confidence);
      }
      findings.push(finding);
      previous = finding;
    }
  }
  return findings;
}

function rejected(clause: string, amounts: Amount[]): string | null {
  if (COMPANY.test(clause)) return 'company';
  if (amounts.some((a) => AFTER_IS_SIZE.test(clause.slice(a.end)))) return 'size';
  if (COMPETITOR.test(clause)) return 'competitor';
  if (CURRENT.test(clause) && !STRONG_CUE.test(clause)) return 'current';
  if (PAST.test(clause)) return 'past';
  const withoutCeiling = clause.replace(CEILING, ' ');
  if (HYPOTHETICAL.test(withoutCeiling)) return 'hypothetical';
  return null;
}

/** The amount a clause gives as the budget: a stated total first, a yearly sum times its years, else the last amount. */
function pick(clause: string, amounts: Amount[]): { amount: Amount; value: number } | null {
  const totals = amounts.filter((a) => TOTAL.test(clause.slice(a.end, a.end + 30)) || /\btotal\b/i.test(clause.slice(Math.max(0, a.start - 15), a.start)));
  if (totals.length > 0) return { amount: totals[totals.length - 1]!, value: totals[totals.length - 1]!.value };
  const last = amounts[amounts.length - 1]!;
  const years = YEARS.exec(clause);
  if (last.perYear && years) {
    const count = Number(years[1]) || YEAR_WORDS[years[1]!.toLowerCase()] || 1;
    return { amount: last, value: last.value * count };
  }
  return { amount: last, value: last.value };
}
