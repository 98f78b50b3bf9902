import type { NeedLevel } from '../engine';
import { clauses } from './clauses';
import type { Segment } from './segments';
import type { Finding } from './types';

type NeedFact = { type: 'need'; level: NeedLevel };

const PAIN = /\b(?:struggl\w*|pain(?:ful| points?)?|killing (?:us|them|me|their|our)|(?<!nothing to )(?:losing|lose|loses)\b|costing (?:us|them)|costs? (?:us|them) (?:\w+\s+)?(?:money|margin|time|customers|deals|clients)|spend(?:s|ing)? (?:\w+\s+)?(?:hours|days) (?:copying|re-?typing|chasing|fixing|searching)|a mess|overwhelmed|complain(?:s|ts|ing)?|(?:get|gets|got) (?:missed|lost)|errors|mistakes|can(?:no|['’])?t keep up|drowning|broken|nightmare|bottlenecks?|frustrat\w+|(?:biggest|main|real|major|top|key) (?:problem|issue|challenge|pain|headache|priority|gap)|critical|urgent(?:ly)?|must[- ]have|desperate(?:ly)?|top priority|mission[- ]critical|wast(?:e|es|ing) (?:\w+\s+)?(?:hours|days|time|money)|(?:need|needs|needed) (?:a|an|something|better|proper|new|one|to (?:replace|fix|automate|get rid of|solve|stop|consolidate|modernize|modernise|speed up|cut|reduce))|falling through the cracks|(?:too many|constant|lots of) (?:errors|mistakes|complaints|escalations)|keeps? (?:breaking|failing|crashing)|fed up|hate (?:the|their|our|it)|can(?:no|['’])?t (?:see|track|find|trust)|no (?:visibility|way to (?:see|track)))\b/i;
const FIT = /\b(?:exactly what (?:we|they|I) (?:need|want|are looking for)|perfect (?:fit|match)|great fit|strong fit|(?:checks|ticks) (?:all|every) (?:the )?boxe?s?|solves? (?:our|their|the|that) (?:problem|issue|pain)|fits? (?:our|their) (?:needs|use case|requirements|workflow) (?:perfectly|exactly|well)|(?:is|looks like) the answer|covers? (?:all|everything))\b/i;
const PARTIAL = /\b(?:(?:covers|solves|fits|addresses|meets|handles|fixes) (?:some|part|most|half|one|a few) of|partial(?:ly)?(?: fit| match)?|some of (?:our|their|the) (?:needs|requirements|use cases|problems|issues)|helps? with some|not (?:a )?(?:perfect|complete|full|100%) (?:fit|match)|missing (?:a few|some|key|a couple|one)|only (?:part|some|one)|(?:decent|okay|ok|reasonable|good enough) fit|fit for (?:part|some|one)|some overlap|half of what)\b/i;
const NICE = /\b(?:nice[- ]to[- ]have|would be nice|(?:is|are|it['’]s|that['’]s|isn['’]t|not)\s+(?:really |exactly )?(?:a |the )?(?:big |top |high )?(?:priority|urgent|critical|pressing)|no (?:real |big |major )?(?:urgency|pressing need|pain|problems?|issues?)|not (?:really |actually )?(?:a |an )?(?:big |real |major )?(?:problem|issue|pain)|low priority|back ?burner|someday|eventually|works? (?:fine|okay|ok|well enough|well)|happy with (?:their|our|the) current|(?:could|might) be (?:useful|interesting|nice|handy)|don['’]?t (?:really )?need|do not (?:really )?need|no need)\b/i;
const BROWSING = /\b(?:just (?:browsing|looking|researching|exploring|curious|checking(?: things)? out|gathering)|(?:doing|early(?:-stage)?) research|(?:gathering|collecting) (?:information|info|data points)|kick(?:ing)? (?:the )?tires|exploring (?:options|the market|what['’]s out there|the space)|no (?:specific|concrete|current|immediate|real) (?:need|project|plans?|use case)|not (?:in the market|looking to (?:buy|switch|change|replace)|buying|ready to buy|actively looking)|(?:writing|for) (?:a|an|my) (?:report|article|thesis|paper|blog post|class)|(?:just )?want(?:ed)? to (?:learn|see|understand) (?:more|what|how)|student)\b/i;
const NEGATED = /\b(?:not|no|never|without|hardly|rather than|isn['’]t|aren['’]t|wasn['’]t|don['’]t|doesn['’]t|didn['’]t|can['’]t|cannot|nothing)\b[\w\s,'’]{0,25}$/i;
const RESOLVED = /\b(?:used to|we (?:fixed|solved)|they (?:fixed|solved)|(?:fixed|solved|resolved|sorted) (?:it|that|this)|no longer|anymore|last year (?:we|they) had|in the past)\b/i;
const HYPOTHETICAL = /\b(?:if (?:we|they) ever|in case|should (?:we|they) ever|hypothetical|imagine)\b/i;
const OTHERS = /\b(?:other (?:companies|customers|teams|firms|businesses)|(?:their|a|the) competitors? (?:is|are|has|have)|competitors (?:are|have)|(?:a|my|her|his) friend|their parent company|some (?:companies|people))\b/i;
const AFTER_NEGATION = /^[\w\s]{0,12}?\b(?:is not|isn['’]t|are not|aren['’]t|was not|wasn['’]t)\b/i;

/**
 * How strongly the buyer needs what we sell, as each sentence says it: explicit pain or fit
 * ("we're losing deals because...", "exactly what we need"), part of it ("covers most of what we
 * need"), nice to have ("would be nice, no rush"), or just browsing ("just looking for now").
 * Negated pain ("not really a problem") is nice to have; negated browsing, resolved or hypothetical
 * pain and other companies' pain are no evidence.
 * @example findNeed([{ text: "Losing deals because follow-ups fall through the cracks.", start: 0 }])[0].fact.level // 'strong'
 */
export function findNeed(sentences: Segment[]): Array<Finding<NeedFact>> {
  const findings: Array<Finding<NeedFact>> = [];
  for (const sentence of sentences) {
    const text = sentence.text;
    if (RESOLVED.test(text) || HYPOTHETICAL.test(text)) continue;
    // Someone else's pain ("other companies lose deals...") is no evidence; the rest of the sentence may be.
    const own = clauses(sentence).filter((c) => !OTHERS.test(c.text)).map((c) => c.text).join(' ; ');
    if (!own) continue;
    const level = sentenceLevel(own);
    if (level) findings.push({ fact: { type: 'need', level: level.level }, evidence: text, start: sentence.start, confidence: level.confidence });
  }
  return findings;
}

function sentenceLevel(text: string): { level: NeedLevel; confidence: number } | null {
  const browsing = cue(BROWSING, text);
  if (browsing === 'yes') return { level: 'none', confidence: 0.8 };
  const nice = cue(NICE, text);
  const partial = cue(PARTIAL, text) === 'yes';
  const pain = cue(PAIN, text);
  const fit = cue(FIT, text);
  if (partial) return { level: 'partial', confidence: 0.75 };
  const strong = pain === 'yes' || fit === 'yes';
  if (strong && nice === 'yes') return { level: 'partial', confidence: 0.7 };
  if (strong) return { level: 'strong', confidence: pain === 'yes' && fit === 'yes' ? 0.9 : 0.8 };
  if (nice === 'yes' || pain === 'negated' || fit === 'negated') return { level: 'nice_to_have', confidence: 0.75 };
  return null;
}

/** Whether a cue is in the sentence, and whether a negation just before it turns it around. */
function cue(pattern: RegExp, text: string): 'yes' | 'negated' | 'no' {
  const match = pattern.exec(text);
  if (!match) return 'no';
  // The nice-to-have cues carry their own negations ("not a priority", "no rush").
  if (pattern === NICE) return 'yes';
  const after = text.slice(match.index + match[0].length);
  return NEGATED.test(text.slice(0, match.index)) || AFTER_NEGATION.test(after) ? 'negated' : 'yes';
}
