import { Flex, ProgressBar, ScoreCircle, StatusTag, Tag, Text } from '@hubspot/ui-extensions';
import type { LeadResult, Model } from '@bant/engine';
import { actionLabel, failureReasons, formatScoredAt, groupDigits, scorePercent } from '../lib/describe';
import { englishText } from '@bant/engine';

export interface VerdictProps {
  model: Model;
  result: LeadResult;
  /** True while the result includes unsaved edits. */
  isPreview: boolean;
  scoredAt: string | null | undefined;
  modelVersion: string | null | undefined;
  /** The stored bant_* properties no longer match the result (a deal changed since the last save). */
  stale: boolean;
}

/** The verdict at a glance: score, grade, qualified or not and why, the next action, completeness. */
export function Verdict({ model, result, isPreview, scoredAt, modelVersion, stale }: VerdictProps) {
  const reasons = failureReasons(model, result);
  const grade = model.grades.find((g) => g.grade === result.grade);
  const lastScored = formatScoredAt(scoredAt);
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="md" align="center">
        <ScoreCircle score={scorePercent(result)} testId="bant-score" />
        <Flex direction="column" gap="xs">
          <Text format={{ fontWeight: 'bold' }} testId="bant-total">
            {groupDigits(result.score)} of {groupDigits(result.max)} points
          </Text>
          <Flex direction="row" gap="xs" wrap>
            <StatusTag variant={result.qualified ? 'success' : 'danger'} testId="bant-qualified">
              {result.qualified ? 'Qualified' : 'Not qualified'}
            </StatusTag>
            <Tag variant="default" testId="bant-grade">
              {`Grade ${result.grade}${grade?.label ? `: ${englishText(grade.label)}` : ''}`}
            </Tag>
          </Flex>
        </Flex>
      </Flex>
      <Text format={{ fontWeight: 'demibold' }} testId="bant-next-action">
        {`Next: ${actionLabel(model, result.nextAction)}`}
      </Text>
      {reasons.length > 0 && <Text testId="bant-failed">{`Not qualified because: ${reasons.join(', ')}`}</Text>}
      <ProgressBar
        title="Completeness"
        value={result.completeness}
        maxValue={100}
        showPercentage
        variant={result.completeness === 100 ? 'success' : 'warning'}
        valueDescription={`${result.completeness}% of the criteria have a usable answer`}
        testId="bant-completeness"
      />
      <Text variant="microcopy" testId="bant-scored-at">
        {isPreview
          ? 'Preview of your unsaved answers: save to update the contact.'
          : lastScored
            ? `Last scored ${lastScored} with model ${modelVersion ?? 'unknown'}${modelVersion && modelVersion !== model.version ? ` (current model: ${model.version})` : ''}.`
            : `Not scored yet: save the answers to store the score (model ${model.version}).`}
        {!isPreview && lastScored && stale ? ' The stored score is out of date; saving refreshes it.' : ''}
      </Text>
    </Flex>
  );
}
