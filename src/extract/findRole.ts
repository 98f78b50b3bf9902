import type { RoleLevel } from '../engine';
import { classifyTitle } from './classifyTitle';
import type { Segment } from './segments';
import type { ActivityKind, Finding } from './types';

type RoleFact = { type: 'role'; level: RoleLevel; title: string };

const ARTICLE = String.raw`(?:(?:now|currently|actually|also|still|just|basically)\s+)?(?:(?:the|a|an|our|their|its)\s+)?`;
const FIRST_PERSON = new RegExp(String.raw`\b(?:I\s+am|I['’]m|I\s+have\s+been|I['’]ve\s+been|I\s+was\s+(?:just\s+|recently\s+)?(?:promoted|named|appointed|made)\s+(?:to\s+|as\s+)?|my\s+(?:role|title|position|job\s+title)\s+is|as\s+(?=(?:(?:the|a|an|our)\s+)?\S+(?:\s+\S+){0,4},\s+I\b))\s*${ARTICLE}(?<title>[^.,;:!?()]+)`, 'gi');
const THIRD_PERSON = new RegExp(String.raw`\b(?:she|he|they|the contact|contact|prospect|the prospect)\s*(?:is|['’]s|are|was\s+(?:just\s+|recently\s+)?(?:promoted|named|appointed|made)\s+(?:to|as))\s+${ARTICLE}(?<title>[^.,;:!?()]+)`, 'gi');
const FIRST_PERSON_SCOPE = /\bI\s+(?<verb>head(?:\s+up)?|lead|run|manage|oversee|own)\s+(?:the|our|a|all of)?\s*(?:[\w&-]+\s+){0,3}?(?<unit>team|department|function|division|unit|group|organi[sz]ation|org|practice|business unit)\b/i;
const THIRD_PERSON_SCOPE = /\b(?:she|he|the contact|contact)\s+(?<verb>heads(?:\s+up)?|leads|runs|manages|oversees|owns)\s+(?:the|their|a|all of)?\s*(?:[\w&-]+\s+){0,3}?(?<unit>team|department|function|division|unit|group|organi[sz]ation|org|practice|business unit)\b/i;
// Words after which the title has ended: "I'm the CFO and I decide", "she's head of IT at Acme".
const TITLE_END = /\s+(?:and|who|that|which|at|in|for|with|so|but|here|there|now|since|from|on|of (?:the|a)\s+(?:company|firm|group|business)|over|when|because|if|until|reporting|responsible|looking|trying|working)\b.*$/i;
const NOT_A_TITLE = /^(?:not|no|never|no longer|hardly|n['’]t|going|looking|trying|meeting|talking|speaking|working|reporting|happy|sure|afraid|worried|interested|curious|glad|just|one|person|guy|woman|man|someone|somebody|the one)\b/i;
// In a rep's own notes "I" is the rep; in an email or transcript, a seller's title is the rep's.
const SELLER = /\b(?:account executive|account manager|sales (?:rep|representative|executive|manager|development)|SDR|BDR|AE|customer success|solutions? (?:engineer|consultant|architect)|pre-?sales)\b/i;
const REP_WRITES: readonly ActivityKind[] = ['call_note', 'meeting_note', 'note'];

/**
 * The contact's own role as a text states it: "I'm the CFO", "as head of operations, I ...",
 * "I run the finance department" in the buyer's own words (emails, transcripts); "she's the VP of
 * Sales", "he runs the IT team" in a rep's notes. Other people named ("my CFO will sign off", "our
 * CEO decides") never count, nor negated or past roles.
 * @example findRole([{ text: "I'm the CFO here.", start: 0 }], 'email')[0].fact.level // 'c_level'
 */
export function findRole(sentences: Segment[], kind: ActivityKind): Array<Finding<RoleFact>> {
  const thirdPerson = REP_WRITES.includes(kind);
  const findings: Array<Finding<RoleFact>> = [];
  for (const sentence of sentences) {
    const claims = thirdPerson ? THIRD_PERSON : FIRST_PERSON;
    for (const match of sentence.text.matchAll(claims)) {
      const title = readTitle(match.groups!.title!);
      if (!title) continue;
      const level = classifyTitle(title);
      if (!level || (!thirdPerson && SELLER.test(title))) continue;
      findings.push({ fact: { type: 'role', level, title }, evidence: sentence.text, start: sentence.start + match.index, confidence: 0.85 });
    }
    const scope = (thirdPerson ? THIRD_PERSON_SCOPE : FIRST_PERSON_SCOPE).exec(sentence.text);
    if (scope && !/\b(?:not|n['’]t|never|no longer|used to)\b/i.test(sentence.text.slice(0, scope.index + scope[0].length))) {
      const verb = scope.groups!.verb!.toLowerCase();
      const unit = scope.groups!.unit!.toLowerCase();
      const level: RoleLevel = /team|group/.test(unit) && !/head|oversee/.test(verb) ? 'manager' : 'director';
      findings.push({ fact: { type: 'role', level, title: scope[0] }, evidence: sentence.text, start: sentence.start + scope.index, confidence: 0.75 });
    }
  }
  return findings;
}

/** The title words of a claim, or null when the words after "I'm" are no title. */
function readTitle(raw: string): string | null {
  let words = raw.replace(TITLE_END, '').trim();
  if (NOT_A_TITLE.test(words) || /\w+ing\b/i.test(words.split(/\s+/)[0] ?? '')) return null;
  // "the CFO's assistant": the claim is the words after the possessive.
  const possessive = /['’]s\s+(.+)$/.exec(words);
  if (possessive) words = possessive[1]!;
  if (words.split(/\s+/).length > 6) return null;
  return words;
}
