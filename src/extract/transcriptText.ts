/** One utterance of a call transcript: who spoke, what they said, when (ms from the start). */
export interface Utterance {
  speaker: { name: string };
  text: string;
  startTimeMillis: number;
}

/**
 * A call transcript as one text extraction reads: the utterances in time order, one line each,
 * "Speaker: what they said" (empty utterances left out).
 * @example transcriptText([{ speaker: { name: 'Sara' }, text: 'We have 150k.', startTimeMillis: 0 }]) // 'Sara: We have 150k.'
 */
export function transcriptText(utterances: readonly Utterance[]): string {
  return [...utterances]
    .sort((a, b) => a.startTimeMillis - b.startTimeMillis)
    .filter((u) => u.text.trim() !== '')
    .map((u) => (u.speaker.name.trim() ? `${u.speaker.name.trim()}: ${u.text.trim()}` : u.text.trim()))
    .join('\n');
}
