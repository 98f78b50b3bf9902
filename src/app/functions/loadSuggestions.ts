import { scoreLead, toDerivedProperties } from '../../engine';
import type { DealRecord, Model, RawProperties } from '../../engine';
import { autofillAnswers, dismissedKeys, suggestionFacts } from '../../extract';
import type { ActivityText, Suggestion } from '../../extract';
import type { CardSuggestion } from '../cards/lib/cardApi';
import { suggestAnswers } from './languageModel';
import { readActivities } from './readActivities';
import type { ActivityCrm, CallTranscriptRef } from './readActivities';
import type { CardContactRecord } from './contactRead';

export interface ContactSuggestions {
  /** What the card shows: suggestions for unknown answers (auto-filled ones included) and for stored answers they contradict. */
  suggestions: CardSuggestion[];
  /** With auto-fill on: the properties to write (answers, their stamps, the new derived properties), or null. */
  autofill: { criteria: string[]; properties: Record<string, string> } | null;
  /** Calls with a transcript the rep may open (`read` for the one read on this call). */
  transcripts: Array<CallTranscriptRef & { read?: boolean }>;
}

/** A call transcript the rep opened, as text. */
export interface OpenedTranscript {
  callId: string;
  text: string;
}

/**
 * The suggestions for one contact (at most 4 HubSpot requests beside the card's contact read: see `readActivities`): dismissed
 * ones left out, one equal to the stored answer left out. With `suggestions.autofill` on, EMPTY
 * answers with a suggestion at or above the threshold are filled, stamped as the app's.
 */
export async function loadSuggestions(
  crm: ActivityCrm, model: Model,
  lead: { contact: RawProperties; deals: DealRecord[]; company: RawProperties | null; record: Pick<CardContactRecord, 'properties' | 'associations'> },
  now: Date, homeCurrency?: string,
  /** A call transcript the rep opened: read with the activities, dated as its call (a call of this contact's only). */
  opened?: OpenedTranscript,
  /** HubSpot requests the open may still make (the card's budget): activity reads stay within it, one kept for auto-fill's write. */
  requestsLeft?: number,
): Promise<ContactSuggestions> {
  if (suggestionFacts(model).length === 0) return { suggestions: [], autofill: null, transcripts: [] };
  const reserved = model.suggestions?.autofill?.enabled ? 1 : 0;
  const read = await readActivities(crm, lead.record, now, requestsLeft === undefined ? undefined : requestsLeft - reserved, opened ? 'calls' : undefined);
  const call = opened && read.activities.find((a) => a.id === opened.callId && a.kind === 'call_note');
  const more: ActivityText[] = opened && call ? [{ id: `${opened.callId}-transcript`, kind: 'transcript', date: call.date, text: opened.text }] : [];
  const found = await suggestAnswers({
    model, now, texts: [...more, ...read.activities], contactTitle: read.jobTitle, dismissed: dismissedKeys(read.dismissed),
    ...(homeCurrency ? { homeCurrency } : {}),
  });
  const stored = (s: Suggestion) => (lead.contact[s.property] ?? '').trim();
  const shown = found.filter((s) => stored(s) !== s.value);
  const filled = autofillAnswers(model, shown, lead.contact, now, homeCurrency ?? null);
  let autofill: ContactSuggestions['autofill'] = null;
  if (filled) {
    const contact = { ...lead.contact, ...filled.properties };
    const result = scoreLead(model, { contact, deals: lead.deals, ...(lead.company ? { company: lead.company } : {}) }, now);
    autofill = { criteria: filled.criteria, properties: { ...filled.properties, ...toDerivedProperties(model, result, now) } };
  }
  // Auto-filled ones stay in the list: the card says where the value came from (`autofilled` names them).
  const transcripts = read.transcripts.map((t) => (more.length > 0 && t.callId === opened?.callId ? { ...t, read: true } : t));
  return { suggestions: shown.map(toCardSuggestion), autofill, transcripts };
}

function toCardSuggestion(s: Suggestion): CardSuggestion {
  return {
    criterion: s.criterion, property: s.property, value: s.value, evidence: s.evidence, confidence: s.confidence,
    ...(s.currency ? { currency: s.currency } : {}),
    source: { id: s.source.id, kind: s.source.kind, ...(s.source.date ? { date: s.source.date } : {}) },
  };
}

