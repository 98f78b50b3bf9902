import { describe, expect, it } from 'vitest';
import { groupFailures } from '../../src/rescore/groupFailures';

describe('groupFailures', () => {
  it('puts failures with the same reason together, largest group first, without touching other numbers', () => {
    const refused = (id: string) => ({ id, message: `contacts.batch.update: contact ${id} was not written: Property values were not valid (400)`, retryable: false });
    expect(groupFailures([
      { id: '7', message: 'contacts.batch.update: HubSpot failed (500).', retryable: true },
      refused('400'), refused('401'), refused('5'),
    ])).toEqual([
      { message: 'contacts.batch.update: contact … was not written: Property values were not valid (400)', retryable: false, ids: ['400', '401', '5'] },
      { message: 'contacts.batch.update: HubSpot failed (500).', retryable: true, ids: ['7'] },
    ]);
  });

  it('groups deals and companies refused for one reason the same way', () => {
    const refused = (id: string) => ({ id, message: `deals.batch.update: deal ${id} was not written: Property values were not valid (400)`, retryable: false });
    expect(groupFailures([refused('9'), refused('12')])).toEqual([
      { message: 'deals.batch.update: deal … was not written: Property values were not valid (400)', retryable: false, ids: ['9', '12'] },
    ]);
  });

  it('keeps apart the same words when one can be retried and the other cannot', () => {
    expect(groupFailures([{ id: '1', message: 'x', retryable: true }, { id: '2', message: 'x', retryable: false }]).map((g) => g.ids)).toEqual([['1'], ['2']]);
  });
});
