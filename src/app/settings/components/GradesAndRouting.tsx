import { Flex, Heading, List, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import { gradeRows, routingLines } from '../lib/describeModel';

/** The grades with their score ranges, then the routing rules in the order they are tried. */
export function GradesAndRouting({ model }: { model: Model }) {
  return (
    <Flex direction="column" gap="sm">
      <Heading>Grades</Heading>
      <Table bordered density="condensed" testId="bant-grades">
        <TableHead>
          <TableRow>
            <TableHeader>Grade</TableHeader>
            <TableHeader>Score</TableHeader>
            <TableHeader>Meaning</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {gradeRows(model).map((row) => (
            <TableRow key={row.grade}>
              <TableCell>{row.grade}</TableCell>
              <TableCell>{row.scores}</TableCell>
              <TableCell>{row.meaning}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Heading>Next action (the first rule that matches)</Heading>
      <List variant="ordered" testId="bant-routing">
        {routingLines(model).map((line) => (
          <Text key={line}>{line}</Text>
        ))}
      </List>
    </Flex>
  );
}
