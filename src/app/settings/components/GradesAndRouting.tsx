import { Flex, Heading, List, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';
import { gradeRows, routingLines } from '../lib/describeModel';

/** The grades with their score ranges, then the routing rules in the order they are tried. */
export function GradesAndRouting({ model, language }: { model: Model; language: SettingsLanguage }) {
  const { t } = language;
  return (
    <Flex direction="column" gap="sm">
      <Heading>{t('grades.title')}</Heading>
      <Table bordered density="condensed" testId="bant-grades">
        <TableHead>
          <TableRow>
            <TableHeader>{t('grades.grade')}</TableHeader>
            <TableHeader>{t('grades.score')}</TableHeader>
            <TableHeader>{t('grades.meaning')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {gradeRows(model, language).map((row) => (
            <TableRow key={row.grade}>
              <TableCell>{row.grade}</TableCell>
              <TableCell>{row.scores}</TableCell>
              <TableCell>{row.meaning}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Heading>{t('routing.title')}</Heading>
      <List variant="ordered" testId="bant-routing">
        {routingLines(model, language).map((line) => (
          <Text key={line}>{line}</Text>
        ))}
      </List>
    </Flex>
  );
}
