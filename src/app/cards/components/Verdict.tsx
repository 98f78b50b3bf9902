import { Flex, ScoreCircle, Tag, Text } from '@hubspot/ui-extensions';
import type { LeadResult, Model } from '@bant/engine';
import { useCardLanguage } from '../hooks/useCardLanguage';
import { headline } from '../lib/headline';

export interface VerdictProps {
  model: Model;
  result: LeadResult;
}

/** The headline: the score, the next step in words and why, the grade. */
export function Verdict({ model, result }: VerdictProps) {
  const { t, text, format } = useCardLanguage();
  const said = headline(result);
  const label = (key: string) => {
    const criterion = model.criteria.find((c) => c.key === key);
    return criterion ? text(criterion.label) : key;
  };
  const labels = (keys: string[]) => format.list(keys.map(label));
  const actionOf = (key: string) => {
    const action = model.actions.find((a) => a.key === key);
    return action ? text(action.label) : key;
  };

  let title: string;
  let why: string;
  if (said.kind === 'finish') {
    title = said.ask.length > 0 && said.fix.length > 0
      ? t('verdict.finishBoth', { ask: labels(said.ask), fix: labels(said.fix) })
      : said.ask.length > 0 ? t('verdict.finishAsk', { ask: labels(said.ask) }) : t('verdict.finishFix', { fix: labels(said.fix) });
    why = t('verdict.whyProvisional', { count: said.ask.length + said.fix.length });
  } else {
    title = actionOf(said.action);
    why = said.kind === 'qualified' ? t('verdict.whyQualified')
      : said.kind === 'below' ? t('verdict.whyBelow', { criteria: labels(said.below) })
        : t('verdict.whyScore', { score: result.score, needed: model.qualification.minScore });
  }
  const provisional = said.kind === 'finish';
  // A verdict set by hand that counts leads, with the model's beside it: the headline never contradicts it.
  if (!provisional && result.override?.status === 'applies') {
    why = t('trust.whyByHand', { verdict: t(result.override.verdict === 'qualified' ? 'trust.qualified' : 'trust.notQualified'), model: why });
  }
  const grade = model.grades.find((g) => g.grade === result.grade);
  const gradeText = grade?.label ? t('verdict.gradeLabel', { grade: result.grade, label: text(grade.label) }) : t('verdict.grade', { grade: result.grade });

  return (
    <Flex direction="row" gap="sm" align="center" testId="bant-verdict">
      {result.max === 100 ? (
        <ScoreCircle score={result.score} testId="bant-score" />
      ) : (
        <Text format={{ fontWeight: 'bold' }} testId="bant-points">{t('verdict.points', { score: result.score, max: result.max })}</Text>
      )}
      <Flex direction="column" gap="flush">
        <Text format={{ fontWeight: 'bold' }} testId="bant-headline">{title}</Text>
        <Text variant="microcopy" testId="bant-why">
          {provisional ? `${why} ${t('verdict.then', { action: actionOf(said.action) })}` : why}
        </Text>
        <Tag variant={provisional ? 'default' : gradeVariant(model, result.grade)} testId="bant-grade">
          {provisional ? `${gradeText} · ${t('verdict.provisional')}` : gradeText}
        </Tag>
      </Flex>
    </Flex>
  );
}

/** The best grade reads as success, the next as info, the middle ones as warnings, the lowest plain. */
function gradeVariant(model: Model, grade: string): 'success' | 'info' | 'warning' | 'default' {
  const ranked = [...model.grades].sort((a, b) => b.min - a.min);
  const rank = ranked.findIndex((g) => g.grade === grade);
  if (rank === 0) return 'success';
  if (rank === ranked.length - 1 || rank < 0) return 'default';
  return rank === 1 ? 'info' : 'warning';
}
