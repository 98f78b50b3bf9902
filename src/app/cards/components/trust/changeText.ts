/**
 * One change of a lead's history in the rep's words, through the card's catalogs: "Budget 40,000 →
 * 150,000 by Dana Reyes, 3 Nov 2026 (card)", "Score 55 → 80 after deal “Acme renewal” amount
 * changed, 4 Nov 2026 (recalculation)", "Model bant-default@3 published, 5 Nov 2026", each on its
 * day in the portal's time zone. Pure.
 */
import type { Model } from '@bant/engine';
import type { ChangeSource, HistoryItem, ScoreCause } from '../../../../history/types';
import type { CardLanguage } from '../../hooks/useCardLanguage';
import { valueText } from '../../lib/answerText';
import { portalDay } from './portalDays';

/** The rep's language, with the portal's time zone the days of changes are told in. */
export type TrustWording = Pick<CardLanguage, 't' | 'format' | 'text' | 'intl' | 'timeZone'>;

/** A person by HubSpot user id: their name, or "a user" when HubSpot did not give one. */
export function personName(userId: string | null, users: Record<string, string>, { t }: Pick<TrustWording, 't'>): string {
  return (userId && users[userId]) || t('trust.aUser');
}

/**
 * @example changeText(model, { kind: 'model', at: '2026-11-05T08:00:00Z', from: 'bant-default@2', to: 'bant-default@3' }, {}, english, 'USD')
 * // 'Model bant-default@3 published, 5 Nov 2026'
 */
export function changeText(model: Model, item: HistoryItem, users: Record<string, string>, wording: TrustWording, currency: string | null): string {
  const { t, format } = wording;
  // The day it happened where the portal is, not in UTC.
  const when = portalDay(item.at, wording);
  const label = (key: string) => {
    const criterion = model.criteria.find((c) => c.key === key);
    return criterion ? wording.text(criterion.label) : key;
  };
  const show = (key: string, property: string, raw: string | null) => {
    const criterion = model.criteria.find((c) => c.key === key);
    const source = criterion?.sources.find((s) => s.property === property);
    const rule = source?.rule ?? criterion?.rule;
    return raw === null || !rule ? raw ?? '' : valueText(rule, raw, wording, currency);
  };
  const by = (source: ChangeSource) => ('userId' in source ? t('trust.by', { name: personName(source.userId, users, wording) }) : '');
  switch (item.kind) {
    case 'answer': {
      const params = { label: label(item.criterion), from: show(item.criterion, item.property, item.from), to: show(item.criterion, item.property, item.to), by: by(item.source), when, via: via(item.source, wording) };
      return t(item.from === null ? 'trust.answerSet' : item.to === null ? 'trust.answerCleared' : 'trust.answerChanged', params);
    }
    case 'confirmed':
      return t('trust.confirmed', { label: label(item.criterion), by: by(item.source), when, via: via(item.source, wording) });
    case 'score': {
      const causes = item.causes.map((cause) => causeText(model, cause, wording, label));
      const verdict = !item.qualified ? '' : item.qualified.to ? t('trust.nowQualified') : item.qualified.from ? t('trust.noLongerQualified') : '';
      const params = { from: item.from ?? 0, to: item.to, after: causes.length > 0 ? t('trust.after', { causes: format.list(causes) }) : '', verdict, when, via: via(item.source, wording) };
      return t(item.from === null ? 'trust.scoreFirst' : 'trust.scoreChanged', params);
    }
    case 'model':
      return t('trust.modelPublished', { version: item.to, when });
    case 'override': {
      const author = item.by ? t('trust.by', { name: personName(item.by, users, wording) }) : by(item.source);
      if (item.verdict === null) return t('trust.overrideRemoved', { by: author, when });
      const until = item.until ? t('trust.until', { date: format.date(new Date(`${item.until.slice(0, 10)}T00:00:00Z`)) }) : '';
      return t('trust.overrideSet', { verdict: t(item.verdict === 'qualified' ? 'trust.qualified' : 'trust.notQualified'), by: author, reason: item.reason ?? '', until, when });
    }
  }
}

/** Why a score moved, in a few words. */
function causeText(model: Model, cause: ScoreCause, wording: TrustWording, label: (key: string) => string): string {
  const { t } = wording;
  switch (cause.kind) {
    case 'answer':
      return t('trust.causeAnswer', { label: label(cause.criterion) });
    case 'deal': {
      const deal = cause.dealName ? t('trust.dealNamed', { name: cause.dealName }) : t('trust.dealUnnamed');
      if (cause.property === 'hs_is_closed') return t(cause.to === 'true' ? 'trust.causeDealClosed' : 'trust.causeDealReopened', { deal });
      return t('trust.causeDeal', { deal, field: dealField(model, cause.property, wording) });
    }
    case 'company':
      return t('trust.causeCompany');
    case 'model':
      return t('trust.causeModel', { version: cause.version });
    case 'unrecorded':
      return t('trust.causeUnrecorded');
  }
}

/** A deal property in words: the common ones by name, else the model's label for the source, else "a field". */
function dealField(model: Model, property: string, { t, text }: TrustWording): string {
  if (property === 'amount' || property === 'amount_in_home_currency') return t('trust.fieldAmount');
  if (property === 'closedate') return t('trust.fieldCloseDate');
  if (property === 'dealstage') return t('trust.fieldStage');
  const source = model.criteria.flatMap((c) => c.sources).find((s) => s.object === 'deal' && s.property === property && s.label);
  return source?.label ? text(source.label) : t('trust.fieldOther');
}

/** Where a change came from, named for people. */
export function via(source: ChangeSource, { t }: Pick<TrustWording, 't'>): string {
  switch (source.via) {
    case 'card':
      return t('trust.viaCard');
    case 'suggestion':
      return t('trust.viaSuggestion');
    case 'recalculation':
      return t('trust.viaRecalculation');
    case 'record':
      return t('trust.viaRecord');
    case 'import':
      return t('trust.viaImport');
    case 'workflow':
      return source.label ? t('trust.viaWorkflowNamed', { name: source.label }) : t('trust.viaWorkflow');
    case 'integration':
      return source.label ?? t('trust.viaIntegration');
    case 'other':
      return source.sourceType === 'FORM' ? t('trust.viaForm') : t('trust.viaOther');
  }
}
