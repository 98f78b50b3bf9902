/**
 * The BANT contact sidebar card. HubSpot renders what `hubspot.extend` registers; the exported
 * `BantCard` is the whole card, so tests render it with the SDK's testing renderer.
 */
import { Divider, Flex, hubspot } from '@hubspot/ui-extensions';
import { AnswerForm } from './components/AnswerForm';
import { Breakdown } from './components/Breakdown';
import { Loading, LoadError, ModelProblems, NoAnswersYet } from './components/CardStates';
import { Verdict } from './components/Verdict';
import { useBantCard } from './hooks/useBantCard';
import type { UseBantCardOptions } from './hooks/useBantCard';
import { answerFields } from './lib/answerFields';
import modelProperties from './generated/model-properties.json';
import { englishText } from '@bant/engine';

/** The answers and results the card follows while open; generated from the model by `bant sync`. */
const WATCHED = [...modelProperties.answers, ...modelProperties.derived];

export interface BantCardProps {
  context: { portal: { id: number }; crm: { objectId: number | string } };
  actions: Pick<UseBantCardOptions, 'addAlert' | 'refreshObjectProperties'> & Partial<Pick<UseBantCardOptions, 'onCrmPropertiesUpdate'>>;
  /** The clock the live preview scores against; tests pin it. */
  now?: () => Date;
}

const systemNow = () => new Date();

export function BantCard({ context, actions, now = systemNow }: BantCardProps) {
  const card = useBantCard({
    portalId: context.portal.id,
    contactId: String(context.crm.objectId),
    addAlert: actions.addAlert,
    refreshObjectProperties: actions.refreshObjectProperties,
    onCrmPropertiesUpdate: actions.onCrmPropertiesUpdate,
    watchedProperties: WATCHED,
    now,
  });
  const { state, preview, edits } = card;

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    if (state.error.code === 'model_invalid') return <ModelProblems problems={state.error.problems ?? []} />;
    return <LoadError error={state.error} onRetry={card.reload} />;
  }
  if (!preview) return <Loading />;

  const { data } = state;
  const dirty = Object.keys(edits).length > 0;
  const result = dirty ? preview : data.result;
  const fields = answerFields(data.model, result.criteria, data.properties);
  const empty = !dirty && data.result.criteria.every((c) => c.status === 'unknown');
  const asked = data.model.criteria.find((c) => c.questions?.length)?.questions?.[0];
  const firstQuestion = asked ? englishText(asked) : null;

  return (
    <Flex direction="column" gap="md">
      {empty ? (
        <NoAnswersYet firstQuestion={firstQuestion} canEdit={card.readOnlyReason === null} />
      ) : (
        <>
          <Verdict
            model={data.model}
            result={result}
            isPreview={dirty}
            scoredAt={data.contact.bant_scored_at}
            modelVersion={data.contact.bant_model_version}
            stale={data.stale}
          />
          <Breakdown model={data.model} result={result} />
        </>
      )}
      <Divider distance="sm" />
      <AnswerForm
        fields={fields}
        values={{ ...data.contact, ...edits }}
        preview={result}
        dirty={dirty}
        readOnlyReason={card.readOnlyReason}
        saving={card.saving}
        saveError={card.saveError}
        fieldErrors={card.fieldErrors}
        now={now()}
        onChange={card.setAnswer}
        onSave={() => void card.save()}
        onReset={card.resetEdits}
      />
    </Flex>
  );
}

hubspot.extend<'crm.record.sidebar'>(({ context, actions }) => <BantCard context={context} actions={actions} />);
