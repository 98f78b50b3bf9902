import { Flex, Heading, List, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { Criterion, DealPolicy, Rule } from '@bant/engine';
import { criterionHeading, describeSource, pointsRows, ruleNote } from '../lib/describeModel';
import { englishText } from '@bant/engine';

/** One criterion as RevOps read it: its sources in precedence order, then what each answer earns. */
export function CriterionDetails({ criterion, policy }: { criterion: Criterion; policy: DealPolicy }) {
  const id = `bant-criterion-${criterion.key}`;
  const ownRules = criterion.sources.filter((s) => s.rule);
  return (
    <Flex direction="column" gap="xs" testId={id}>
      <Heading testId={`${id}-heading`}>{criterionHeading(criterion)}</Heading>
      {criterion.description ? <Text>{englishText(criterion.description)}</Text> : null}
      <Text format={{ fontWeight: 'demibold' }}>Where the answer comes from (the first source with a value wins; an invalid value is reported, not skipped):</Text>
      <List variant="ordered" testId={`${id}-sources`}>
        {criterion.sources.map((source) => (
          <Text key={`${source.object}.${source.property}`}>{describeSource(source, policy)}</Text>
        ))}
      </List>
      <PointsTable rule={criterion.rule} max={criterion.max} testId={`${id}-points`} />
      {ownRules.map((source) => (
        <Flex direction="column" gap="xs" key={`${source.object}.${source.property}`}>
          <Text>{`${source.label ? englishText(source.label) : source.property} is read with its own table:`}</Text>
          <PointsTable rule={source.rule as Rule} max={criterion.max} testId={`${id}-points-${source.property}`} />
        </Flex>
      ))}
    </Flex>
  );
}

function PointsTable({ rule, max, testId }: { rule: Rule; max: number; testId: string }) {
  const note = ruleNote(rule, max);
  return (
    <Flex direction="column" gap="xs">
      <Table bordered density="condensed" testId={testId}>
        <TableHead>
          <TableRow>
            <TableHeader>Answer</TableHeader>
            <TableHeader align="right">Points</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {pointsRows(rule).map((row) => (
            <TableRow key={row.answer}>
              <TableCell>{row.answer}</TableCell>
              <TableCell align="right">{row.points}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {note ? <Text variant="microcopy">{note}</Text> : null}
    </Flex>
  );
}
