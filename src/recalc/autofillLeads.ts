import type { CrmClient } from '../crm';
import type { LeadRecord, Model } from '../engine';
import { autofillAnswers, DISMISSED_PROPERTY, dismissedKeys, extractSuggestions, suggestionFacts } from '../extract';
import type { Autofill } from '../extract';
import { readLeadActivities } from './readLeadActivities';
import type { ActivityReader } from './readLeadActivities';

/** What auto-fill outside the card needs: the activity reads, and the portal's currency (read once by the caller). */
export interface AutofillRun {
  crm: ActivityReader;
  home: () => Promise<string | null>;
}

/** The contact properties auto-fill reads with the lead: the job title and the dismissed suggestions. */
export const AUTOFILL_CONTACT_PROPERTIES = ['jobtitle', DISMISSED_PROPERTY];

/** Whether the model fills answers from suggestions (`suggestions.autofill`) and has criteria that take them. */
export function autofillOn(model: Model): boolean {
  return model.suggestions?.autofill?.enabled === true && suggestionFacts(model).length > 0;
}

/** The portal's currency, read once per run (`getAccountInfo`), for `AutofillRun.home`. */
export function homeCurrencyOnce(crm: Pick<CrmClient, 'getAccountInfo'>): () => Promise<string | null> {
  let home: Promise<string | null> | undefined;
  return () => (home ??= crm.getAccountInfo().then((info) => info.companyCurrency || null));
}

/**
 * The answers auto-fill writes for leads (as the card does on open): only contacts with an EMPTY
 * answer a suggestion could fill have their activities read, in batches (`readLeadActivities`);
 * dismissed suggestions are left out and the job title is read; `autofillAnswers` decides.
 * `bant rescore` and the recalculation on activity creation share it.
 */
export async function autofillLeads(run: AutofillRun, model: Model, now: Date, leads: Map<string, LeadRecord>): Promise<Map<string, Autofill>> {
  const targets = suggestionFacts(model);
  const open = [...leads].filter(([, lead]) => targets.some((t) => (lead.contact[t.source.property] ?? '').trim() === '')).map(([id]) => id);
  const fills = new Map<string, Autofill>();
  if (open.length === 0) return fills;
  const [texts, home] = await Promise.all([readLeadActivities(run.crm, open, now), run.home()]);
  for (const id of open) {
    const contact = leads.get(id)?.contact ?? {};
    const found = extractSuggestions({
      model, now, texts: texts.get(id) ?? [], contactTitle: contact.jobtitle ?? null, dismissed: dismissedKeys(contact[DISMISSED_PROPERTY]),
      ...(home ? { homeCurrency: home } : {}),
    });
    const fill = autofillAnswers(model, found, contact, now, home);
    if (fill) fills.set(id, fill);
  }
  return fills;
}
