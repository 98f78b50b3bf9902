import { Button, EmptyState, ErrorState, List, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ModelProblem } from '@bant/engine';
import type { CardError } from '../lib/cardApi';

export function Loading() {
  return <LoadingSpinner label="Loading BANT qualification" showLabel layout="centered" testId="bant-loading" />;
}

/** The card could not load: what went wrong, and a retry. */
export function LoadError({ error, onRetry }: { error: CardError; onRetry: () => void }) {
  return (
    <ErrorState title="BANT qualification could not load" testId="bant-load-error">
      <Text>{error.message}</Text>
      <Text variant="microcopy">{error.retryable ? 'This is usually temporary.' : 'Retrying will not help until this is fixed.'}</Text>
      <Button onClick={onRetry} testId="bant-retry">
        Try again
      </Button>
    </ErrorState>
  );
}

/** The active model failed validation: a message for the admin, listing each problem, instead of a broken card. */
export function ModelProblems({ problems }: { problems: ModelProblem[] }) {
  return (
    <ErrorState title="The BANT model needs fixing" type="support" testId="bant-model-invalid">
      <Text>
        The scoring model this app uses is not valid, so no score can be shown. Ask your HubSpot admin or RevOps to fix
        src/models/bant-model.json and deploy the project again:
      </Text>
      <List variant="unordered-styled" testId="bant-model-problems">
        {problems.map((problem, i) => (
          <Text key={i}>{problem.path ? `${problem.path}: ${problem.message}` : problem.message}</Text>
        ))}
      </List>
    </ErrorState>
  );
}

/** No answer yet: an invitation to ask the first question, not a row of zeros. */
export function NoAnswersYet({ firstQuestion, canEdit }: { firstQuestion: string | null; canEdit: boolean }) {
  return (
    <EmptyState title="Qualify this lead" imageName="leads" layout="vertical" flush testId="bant-empty">
      <Text>
        {canEdit
          ? 'No BANT answers yet. Fill in what you learn on your next call; the score updates as you type.'
          : 'No BANT answers yet.'}
      </Text>
      {firstQuestion && <Text format={{ italic: true }}>{`Start with: “${firstQuestion}”`}</Text>}
    </EmptyState>
  );
}
