import type { Verdict } from '@bant/engine';
import type { CardResponse } from './cardApi';

/**
 * What a part of the card in a slot may do besides showing `CardData` (BantCard passes it to the
 * slots): put a value in the rep's unsaved answers (the rep still saves), hide a suggestion,
 * read a call transcript, confirm answers as still true, or set the verdict by hand.
 */
export interface CardActions {
  /** Whether the rep can save answers here. */
  canEdit: boolean;
  /** The rep's unsaved answers, by property. */
  edits: Record<string, string>;
  /** Puts a raw HubSpot value in the rep's unsaved answers. */
  fill: (property: string, raw: string) => void;
  /** Hides a suggestion on this contact for every rep. */
  dismiss: (criterion: string, sourceId: string) => Promise<void>;
  /** Stamps the criteria's answers as confirmed now by the rep, values unchanged ("Still true"). */
  confirm: (criteria: string[]) => Promise<void>;
  /** Sets the verdict by hand (`verdict: null` removes it); the answer tells the form what was refused. */
  override: (request: { verdict: Verdict | null; reason?: string; until?: string }) => Promise<CardResponse>;
  /** Closes the override panel without saving. */
  closeOverride: () => void;
  /** Reads a call's transcript now; its suggestions join the others. */
  readTranscript: (callId: string, transcriptId: string) => Promise<void>;
}
