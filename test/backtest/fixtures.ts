/** Five closed leads whose backtest numbers are worked out by hand in the tests (model bant-default). */
export const NOW = '2026-11-23T10:00:00Z';

export const FIVE_LEADS_CSV = [
  'Record ID,bant_budget,bant_authority,bant_need,bant_timeline,outcome',
  '1,100000,manager,perfect,3_6_months,won', // 30+15+25+10 = 80, qualified, A
  '2,120000,c_level,perfect,within_1_month,won', // 100, qualified, A
  '3,60000,director,partial,1_3_months,lost', // 15+20+15+20 = 70, qualified, A
  '4,20000,other,low,over_6_months,lost', // 0+0+5+5 = 10, D
  '5,,manager,partial,,won', // 0+15+15+0 = 30, C
  '',
].join('\n');

/** A second model: the default one, but a lead qualifies only from 80 points. */
export function strictModel<T extends { id: string; version: string; name: string | Readonly<Record<string, string>>; qualification: { minScore: number } }>(model: T): T {
  return { ...structuredClone(model), id: 'strict', version: 'strict@1', name: 'Strict', qualification: { minScore: 80 } };
}

/**
 * The five leads with the verdict reps set by hand, in the column as HubSpot exports it (its label,
 * values as labels or names). Overridden: 1 (Qualified, as the model), 2 (Not qualified; won),
 * 3 (Not qualified; lost), 5 (Qualified; won). By hand right on 1, 3, 5; the model on 1, 2.
 */
export const OVERRIDDEN_LEADS_CSV = FIVE_LEADS_CSV.split('\n').map((line, index) => {
  if (line === '') return line;
  const override = ['BANT override', 'Qualified', 'not_qualified', 'Not qualified', '', 'qualified'][index];
  const cells = line.split(',');
  return [...cells.slice(0, -1), override, cells.at(-1)].join(',');
}).join('\n');
