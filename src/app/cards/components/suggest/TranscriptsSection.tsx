import { Accordion, Button, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { CardLanguage } from '../../hooks/useCardLanguage';
import type { CardActions } from '../../lib/cardActions';
import type { CardData } from '../../lib/cardApi';

export interface TranscriptsSectionProps {
  data: CardData;
  language: Pick<CardLanguage, 't' | 'format'>;
  actions: CardActions;
}

/**
 * SECTION SLOT part: the contact's calls with a transcript, folded. A transcript is read only when
 * the rep asks (one function call); its suggestions then join the others beside the criteria.
 * Nothing shows when no call has one.
 */
export function TranscriptsSection({ data, language, actions }: TranscriptsSectionProps) {
  // Rendered once opened: a folded section costs one component.
  const [open, setOpen] = useState(false);
  const transcripts = data.transcripts ?? [];
  if (transcripts.length === 0) return null;
  const { t, format } = language;
  const dateOf = (iso: string | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? format.date(new Date(iso)) : '');
  return (
    <Accordion title={t('suggest.transcripts', { count: transcripts.length })} defaultOpen={false} size="sm" onClick={() => setOpen((shown) => !shown)} testId="bant-transcripts">
      {open && transcripts.map((transcript) => (transcript.read
        ? <Text key={transcript.callId} variant="microcopy" testId={`bant-transcript-${transcript.callId}`}>{t('suggest.transcriptRead', { date: dateOf(transcript.date) })}</Text>
        : (
          <Button key={transcript.callId} size="xs" variant="secondary" testId={`bant-transcript-${transcript.callId}`} onClick={() => void actions.readTranscript(transcript.callId, transcript.transcriptId)}>
            {t('suggest.readTranscript', { date: dateOf(transcript.date) })}
          </Button>
        )))}
    </Accordion>
  );
}
