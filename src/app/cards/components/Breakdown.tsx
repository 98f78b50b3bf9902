import { Divider, Flex, ProgressBar, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CriterionResult, LeadResult, Model } from '@bant/engine';
import { answerText, groupDigits, sourceText, STATUS_LABEL, STATUS_VARIANT } from '../lib/describe';

/** One row per criterion: points of max, the answer used, where it came from, and its status. */
export function Breakdown({ model, result }: { model: Model; result: LeadResult }) {
  return (
    <Flex direction="column" gap="sm" testId="bant-breakdown">
      <Text format={{ fontWeight: 'bold' }}>Breakdown</Text>
      {result.criteria.map((scored, i) => (
        <Flex direction="column" gap="xs" key={scored.key}>
          {i > 0 && <Divider distance="xs" />}
          <CriterionRow model={model} scored={scored} />
        </Flex>
      ))}
    </Flex>
  );
}

function CriterionRow({ model, scored }: { model: Model; scored: CriterionResult }) {
  const criterion = model.criteria.find((c) => c.key === scored.key);
  const testId = `bant-criterion-${scored.key}`;
  return (
    <Flex direction="column" gap="xs" testId={testId}>
      <Flex direction="row" justify="between" align="center">
        <Text format={{ fontWeight: 'demibold' }}>{scored.label}</Text>
        <StatusTag variant={STATUS_VARIANT[scored.status]} hollow={scored.status === 'unknown'} testId={`${testId}-status`}>
          {STATUS_LABEL[scored.status]}
        </StatusTag>
      </Flex>
      {scored.status === 'unknown' ? (
        <Text variant="microcopy" testId={`${testId}-answer`}>No answer yet: 0 of {groupDigits(scored.max)} points.</Text>
      ) : scored.status === 'invalid' ? (
        <Text variant="microcopy" testId={`${testId}-answer`}>
          {`Cannot read "${scored.value ?? ''}" (${criterion ? sourceText(criterion, scored) : ''}): ${scored.reason}`}
        </Text>
      ) : (
        <>
          <ProgressBar
            value={scored.points}
            maxValue={scored.max}
            variant={scored.status === 'met' ? 'success' : 'warning'}
            valueDescription={`${groupDigits(scored.points)} / ${groupDigits(scored.max)}`}
            aria-label={`${scored.label}: ${groupDigits(scored.points)} of ${groupDigits(scored.max)} points`}
            testId={`${testId}-bar`}
          />
          <Text variant="microcopy" testId={`${testId}-answer`}>
            {criterion ? answerText(criterion, scored) : scored.display}
          </Text>
        </>
      )}
    </Flex>
  );
}
