import { Alert, Button, Flex, Heading, Input, LoadingSpinner, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { Loadable } from '../hooks/useSettings';
import type { ContactPreview as Preview } from '../lib/settingsApi';
import { englishText } from '@bant/engine';

const STATUS = {
  met: { label: 'Met', variant: 'success' },
  below: { label: 'Below minimum', variant: 'warning' },
  unknown: { label: 'Unknown', variant: 'default' },
  invalid: { label: 'Invalid', variant: 'danger' },
} as const;

export interface ContactPreviewProps {
  model: Model;
  lookup: string;
  onLookup: (value: string) => void;
  onScore: () => void;
  preview: Loadable<Preview>;
}

/** Pick a contact by id or email and see its result under the active model. */
export function ContactPreview({ model, lookup, onLookup, onScore, preview }: ContactPreviewProps) {
  return (
    <Flex direction="column" gap="sm">
      <Heading>Try the model on a contact</Heading>
      <Flex direction="row" gap="sm" align="end">
        <Input name="contact" label="Contact record id or email" value={lookup} onChange={onLookup} testId="bant-preview-input" />
        <Button onClick={onScore} disabled={preview.status === 'loading'} testId="bant-preview-button">Score contact</Button>
      </Flex>
      {preview.status === 'loading' ? <LoadingSpinner label="Scoring the contact" testId="bant-preview-loading" /> : null}
      {preview.status === 'error' ? (
        <Alert title="Could not score the contact" variant="danger" testId="bant-preview-error">
          {preview.error.message}
        </Alert>
      ) : null}
      {preview.status === 'ready' ? <PreviewResult model={model} preview={preview.data} /> : null}
    </Flex>
  );
}

function PreviewResult({ model, preview }: { model: Model; preview: Preview }) {
  const { contact, result, stored } = preview;
  const who = contact.name ? `${contact.name}${contact.email ? ` (${contact.email})` : ''}` : contact.email ?? `Contact ${contact.id}`;
  const found = model.actions.find((a) => a.key === result.nextAction);
  const action = found ? englishText(found.label) : result.nextAction;
  const verdict = result.qualified ? 'qualified' : `not qualified (${result.failedCriteria.map((key) => englishText(model.criteria.find((c) => c.key === key)?.label ?? key)).join(', ')} not met)`;
  const storedText = stored.score === null
    ? 'HubSpot has no stored score for this contact yet.'
    : `HubSpot stores score ${stored.score}${stored.grade ? `, grade ${stored.grade}` : ''}${stored.modelVersion ? ` (model ${stored.modelVersion})` : ''}${stored.score === String(result.score) && stored.grade === result.grade ? '.' : '; it will change at the next recalculation.'}`;
  return (
    <Flex direction="column" gap="xs" testId="bant-preview-result">
      <Text testId="bant-preview-summary" format={{ fontWeight: 'demibold' }}>{`${who}: ${result.score} of ${result.max} points, grade ${result.grade}, ${verdict}. Next: ${action}.`}</Text>
      <Text testId="bant-preview-stored" variant="microcopy">{storedText}</Text>
      <Table bordered density="condensed" testId="bant-preview-criteria">
        <TableHead>
          <TableRow>
            <TableHeader>Criterion</TableHeader>
            <TableHeader align="right">Points</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Answer</TableHeader>
            <TableHeader>Why</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.criteria.map((c) => (
            <TableRow key={c.key}>
              <TableCell>{c.label}</TableCell>
              <TableCell align="right">{`${c.points}/${c.max}`}</TableCell>
              <TableCell>
                <StatusTag variant={STATUS[c.status].variant}>{STATUS[c.status].label}</StatusTag>
              </TableCell>
              <TableCell>{c.display ?? c.value ?? '—'}</TableCell>
              <TableCell>{c.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
