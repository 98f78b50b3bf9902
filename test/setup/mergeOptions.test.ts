import { describe, expect, it } from 'vitest';
import type { CrmPropertyOption } from '../../src/crm/types';
import { mergeOptions } from '../../src/setup/mergeOptions';
import type { ExpectedOption } from '../../src/setup/propertyShape';

const opt = (value: string, label: string, displayOrder: number, hidden = false): CrmPropertyOption => ({ value, label, displayOrder, hidden });
const model = (...pairs: Array<[string, string]>): ExpectedOption[] => pairs.map(([value, label]) => ({ value, label }));

describe('merging the model options into an existing enumeration', () => {
  it.each<[string, CrmPropertyOption[], ExpectedOption[], CrmPropertyOption[]]>([
    ['appends the missing options after the existing ones, in model order',
      [opt('budget', 'Budget', 0), opt('authority', 'Authority', 1)],
      model(['metrics', 'Metrics'], ['budget', 'Budget'], ['champion', 'Champion']),
      [opt('budget', 'Budget', 0), opt('authority', 'Authority', 1), opt('metrics', 'Metrics', 2), opt('champion', 'Champion', 3)]],
    ['keeps existing labels that differ from the model, and options the model does not know',
      [opt('a', 'Grade A (hot)', 0), opt('vip', 'VIP', 1)],
      model(['a', 'A'], ['b', 'B']),
      [opt('a', 'Grade A (hot)', 0), opt('vip', 'VIP', 1), opt('b', 'B', 2)]],
    ['keeps the existing order and hidden flags, and orders new options after the highest display order',
      [opt('z', 'Z', 7, true), opt('y', 'Y', 2)],
      model(['x', 'X']),
      [opt('z', 'Z', 7, true), opt('y', 'Y', 2), opt('x', 'X', 8)]],
    ['orders new options after the existing ones when HubSpot numbers them all -1',
      [opt('a', 'A', -1), opt('b', 'B', -1)],
      model(['c', 'C']),
      [opt('a', 'A', -1), opt('b', 'B', -1), opt('c', 'C', 2)]],
    ['changes nothing when no option is missing',
      [opt('a', 'A', 0), opt('b', 'B', 1)],
      model(['b', 'B'], ['a', 'A']),
      [opt('a', 'A', 0), opt('b', 'B', 1)]],
    ['adds a model option listed twice once',
      [opt('a', 'A', 0)],
      model(['b', 'B'], ['b', 'B again']),
      [opt('a', 'A', 0), opt('b', 'B', 1)]],
  ])('%s', (_case, existing, expected, merged) => {
    expect(mergeOptions(existing, expected)).toEqual(merged);
  });

  it('keeps an existing option description and fills a missing hidden flag with false, as HubSpot requires', () => {
    expect(mergeOptions([{ value: 'a', label: 'A', description: 'first' }], model(['b', 'B']))).toEqual([
      { value: 'a', label: 'A', description: 'first', hidden: false },
      { value: 'b', label: 'B', displayOrder: 1, hidden: false },
    ]);
  });
});
