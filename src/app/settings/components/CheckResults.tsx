import { Alert, Flex, List, Text } from '@hubspot/ui-extensions';
import type { MappingCheck, MappingIssue } from '../lib/settingsApi';

/** The same checks as `bant check`: every problem with its fix, then the warnings. */
export function CheckResults({ check }: { check: MappingCheck }) {
  if (!check.checked) {
    return (
      <Alert title="The HubSpot properties could not be checked" variant="warning" testId="bant-check-unavailable">
        {check.reason}
      </Alert>
    );
  }
  const { problems, warnings, mappings } = check;
  return (
    <Flex direction="column" gap="sm">
      {problems.length === 0 ? (
        <Alert title={`All ${mappings} property mappings fit the model`} variant="success" testId="bant-check-ok">
          {warnings.length === 0 ? 'Every answer, deal value and output property exists in HubSpot with the type the model needs.' : `${warnings.length} warning${warnings.length > 1 ? 's' : ''} below.`}
        </Alert>
      ) : (
        <Alert title={`${problems.length} problem${problems.length > 1 ? 's' : ''} with the property mappings`} variant="danger" testId="bant-check-problems">
          Scores are wrong or cannot be stored until these are fixed. Apply each fix, then reload this page (or run bant check).
        </Alert>
      )}
      <IssueList issues={problems} testId="bant-problems" />
      <IssueList issues={warnings} testId="bant-warnings" />
    </Flex>
  );
}

function IssueList({ issues, testId }: { issues: MappingIssue[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <List testId={testId}>
      {issues.map((issue) => (
        <Flex direction="column" gap="flush" key={`${issue.code}:${issue.object}.${issue.property}:${issue.path}`}>
          <Text format={{ fontWeight: 'demibold' }}>{`${issue.severity === 'error' ? 'Problem' : 'Warning'}: ${issue.object}.${issue.property} (${issue.path === 'derived' ? 'output of the app' : issue.path})`}</Text>
          <Text>{issue.message}</Text>
          <Text>{`Fix: ${issue.fix}`}</Text>
        </Flex>
      ))}
    </List>
  );
}
