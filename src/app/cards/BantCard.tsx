/**
 * The BANT contact sidebar card. HubSpot renders what `hubspot.extend` registers; the exported
 * `BantCard` is the whole card, so tests render it with the SDK's testing renderer.
 *
 * Layout, top to bottom (short by default: ≤ 25 components for a qualified lead before the rep
 * opens anything):
 *   1. Read-only notice, when the rep cannot save (before anything else).
 *   2. Verdict: the score, the next step in words and why, the grade; the next step as a HubSpot action.
 *   3. One line per criterion (label, answer, points); its detail folds open when it does not pass.
 *   4. Extra sections (history, lead stage, buying committee, ...).
 *   5. "Edit answers" (the panel with the form) and when the contact was last scored.
 *
 * Slots for other parts of the app (each a self-contained component in `components/<lane>/`, its
 * data an optional field of the card function's load response, its words in `messages/`):
 *   - CRITERION SLOT: `criterionExtras` returns, per criterion key, a `CriterionExtra`: a `flag`
 *     appended to the line ("stale"), a `detail` node shown first in the folded detail (a suggestion
 *     with its quote), and `open` to unfold a passing line.
 *   - SECTION SLOT: `extraSections` returns the sections shown below the criteria, in order.
 * Both read only `CardData`; keep them one line per part.
 */
import { Button, Flex, Tag, Tooltip, hubspot } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { AnswerPanel } from './components/AnswerPanel';
import { Loading, LoadError, NoAnswersYet, ReadOnlyNotice, ScoringUnavailable } from './components/CardStates';
import { CriterionLine, mergeExtras } from './components/CriterionLine';
import { LeadStage } from './components/committee/LeadStage';
import { NextStep } from './components/NextStep';
import type { CriterionExtra } from './components/CriterionLine';
import { Verdict } from './components/Verdict';
import { OVERRIDE_PANEL_ID, useBantCard } from './hooks/useBantCard';
import type { UseBantCardOptions } from './hooks/useBantCard';
import { CardLanguageProvider, createCardLanguage, useCardLanguage } from './hooks/useCardLanguage';
import type { CardLanguage } from './hooks/useCardLanguage';
import type { CardActions } from './lib/cardActions';
import { suggestionExtras } from './components/suggest/suggestionExtras';
import { OverrideSection } from './components/trust/OverrideSection';
import { ScoreHistory } from './components/trust/ScoreHistory';
import { staleExtras } from './components/trust/staleExtras';
import { TranscriptsSection } from './components/suggest/TranscriptsSection';
import { answerFields } from './lib/answerFields';
import { currencyOf } from './lib/currencyOf';
import type { CardData } from './lib/cardApi';
import modelProperties from './generated/model-properties.json';

/** The answers and results the card follows while open; generated from the model by `bant sync`. */
const WATCHED = [...modelProperties.answers, ...modelProperties.derived];

export interface BantCardProps {
  context: { portal: { id: number; timezone?: string }; crm: { objectId: number | string }; user?: { id?: number | string; locale?: string } };
  actions: Pick<UseBantCardOptions, 'addAlert' | 'refreshObjectProperties'> & Partial<Pick<UseBantCardOptions, 'onCrmPropertiesUpdate' | 'closeOverlay'>>;
  /** The clock the live preview scores against; tests pin it. */
  now?: () => Date;
}

const systemNow = () => new Date();

/** CRITERION SLOT: what other parts add to each criterion's line, by criterion key (one line per part). */
function criterionExtras(data: CardData, language: CardLanguage, act: CardActions): Record<string, CriterionExtra> {
  return mergeExtras([
    suggestionExtras(data, language, act),
    staleExtras(data, language, act),
  ]);
}

/** SECTION SLOT: the sections below the criteria (one line per part). */
function extraSections(data: CardData, language: CardLanguage, act: CardActions): ReactNode[] {
  return [
    <OverrideSection key="override" data={data} canEdit={act.canEdit} onOverride={act.override} onClose={act.closeOverride} />,
    <ScoreHistory key="history" data={data} />,
    <TranscriptsSection key="suggest-transcripts" data={data} language={language} actions={act} />,
    <LeadStage key="lead" lead={data.lead} />,
  ];
}

export function BantCard({ context, actions, now = systemNow }: BantCardProps) {
  const locale = context.user?.locale;
  const timeZone = context.portal.timezone;
  const language = useMemo(() => createCardLanguage(locale, timeZone), [locale, timeZone]);
  return (
    <CardLanguageProvider language={language}>
      <CardContent context={context} actions={actions} now={now} />
    </CardLanguageProvider>
  );
}

function CardContent({ context, actions, now }: Required<BantCardProps>) {
  const language = useCardLanguage();
  const card = useBantCard({
    portalId: context.portal.id,
    contactId: String(context.crm.objectId),
    ...(context.user?.id !== undefined ? { userId: String(context.user.id) } : {}),
    addAlert: actions.addAlert,
    refreshObjectProperties: actions.refreshObjectProperties,
    onCrmPropertiesUpdate: actions.onCrmPropertiesUpdate,
    closeOverlay: actions.closeOverlay,
    watchedProperties: WATCHED,
    now,
    language,
  });
  const { state, preview, edits } = card;
  const { t, text, format } = language;

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    if (state.error.code === 'model_invalid') return <ScoringUnavailable />;
    return <LoadError error={state.error} onRetry={card.reload} />;
  }
  if (!preview) return <Loading />;

  const { data } = state;
  const { model, result } = data;
  const currency = data.currency ?? null;
  // A contact with no answers yet but suggestions from its conversations shows them beside the criteria.
  const empty = result.criteria.every((c) => c.status === 'unknown') && (data.suggestions ?? []).length === 0;
  const asked = model.criteria.find((c) => c.questions?.length)?.questions?.[0];
  const act: CardActions = {
    canEdit: card.readOnly === null, edits, fill: card.setAnswer, dismiss: card.dismiss,
    confirm: card.confirm, override: card.override, closeOverride: () => actions.closeOverlay?.(OVERRIDE_PANEL_ID),
    readTranscript: card.readTranscript,
  };
  const extras = criterionExtras(data, language, act);

  const editor = card.readOnly === null && (
    <Button
      variant="secondary"
      testId="bant-edit"
      overlay={
        <AnswerPanel
          fields={answerFields(model, preview.criteria, data.properties, text)}
          values={{ ...data.contact, ...edits }}
          preview={preview}
          dirty={Object.keys(edits).length > 0}
          saving={card.saving}
          saveError={card.saveError}
          fieldErrors={card.fieldErrors}
          currency={currency}
          deal={data.deal}
          now={now()}
          onChange={card.setAnswer}
          onSave={() => void card.save()}
          onDiscard={card.discard}
        />
      }
    >
      {t('editor.open')}
    </Button>
  );

  if (empty) {
    return (
      <Flex direction="column" gap="sm">
        {card.readOnly && <ReadOnlyNotice cause={card.readOnly} />}
        <NoAnswersYet firstQuestion={asked ? text(asked) : null} canEdit={card.readOnly === null}>
          {editor}
        </NoAnswersYet>
      </Flex>
    );
  }

  const scoredAt = readMoment(data.contact.bant_scored_at);
  const scored = !scoredAt ? t('verdict.notScored') : data.stale ? t('verdict.outOfDate') : t('verdict.scored', { when: format.relative(scoredAt, now()) });
  // The moment itself, in the portal's time zone, on hover.
  const exactly = scoredAt ? format.dateTime(scoredAt, language.timeZone ?? data.timeZone ?? null) : null;

  return (
    <Flex direction="column" gap="sm">
      {card.readOnly && <ReadOnlyNotice cause={card.readOnly} />}
      <Verdict model={model} result={result} />
      <NextStep
        model={model}
        nextAction={result.nextAction}
        contactId={Number(context.crm.objectId)}
        onError={(message) => actions.addAlert({ type: 'danger', message })}
      />
      {model.criteria.map((criterion) => {
        const scoredCriterion = result.criteria.find((c) => c.key === criterion.key);
        return scoredCriterion && (
          <CriterionLine
            key={criterion.key}
            criterion={criterion}
            result={scoredCriterion}
            currency={currencyOf(scoredCriterion.source, data.deal, currency)}
            extra={extras[criterion.key]}
          />
        );
      })}
      {extraSections(data, language, act)}
      <Flex direction="row" gap="sm" align="center" justify="between">
        {editor}
        <Tag variant="default" testId="bant-scored-at" {...(exactly ? { overlay: <Tooltip testId="bant-scored-at-exactly">{exactly}</Tooltip> } : {})}>
          {scored}
        </Tag>
      </Flex>
    </Flex>
  );
}

/** An ISO date-time or epoch milliseconds, as HubSpot stores datetimes; null when unreadable. */
function readMoment(raw: string | null | undefined): Date | null {
  if (!raw) return null;
  const date = /^\d+$/.test(raw.trim()) ? new Date(Number(raw)) : new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
}

hubspot.extend<'crm.record.sidebar'>(({ context, actions }) => <BantCard context={context} actions={actions} />);
