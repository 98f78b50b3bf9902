import { BANT_DEFAULT } from '../../src/models';
import type { Portal } from '../../src/portal';
import { defineBantProperties } from '../support/bantPortal';

export const at = (date: string) => Date.parse(`${date}T12:00:00Z`);

/**
 * A won deal whose committee and amount changed over time, a lost one, and one still open; the
 * portal's clock is set before each write, so property history carries those dates.
 */
export function history(portal: Portal, clock: { now: number }) {
  clock.now = at('2026-01-05');
  defineBantProperties(portal, BANT_DEFAULT);
  const won = portal.createDeal({ dealname: 'Won', amount: '40000', dealstage: 'appointmentscheduled', closedate: '2026-03-31' }).id;
  const ann = portal.createContact({ firstname: 'Ann', bant_authority: 'c_level', bant_need: 'partial' }).id;
  portal.associate('deals', won, 'contacts', ann);
  const lost = portal.createDeal({ dealname: 'Lost', amount: '10000', dealstage: 'appointmentscheduled', closedate: '2026-02-20' }).id;
  const open = portal.createDeal({ dealname: 'Open', amount: '500000', dealstage: 'qualifiedtobuy' }).id;
  clock.now = at('2026-02-01');
  portal.updateRecord('deals', won, { amount: '120000' });
  clock.now = at('2026-02-15');
  portal.updateRecord('deals', lost, { dealstage: 'closedlost' });
  clock.now = at('2026-03-01');
  portal.updateRecord('deals', won, { dealstage: 'closedwon' });
  // After the deal closed: none of this was known when it was decided.
  clock.now = at('2026-04-01');
  portal.updateRecord('deals', won, { amount: '999' });
  portal.updateRecord('contacts', ann, { bant_authority: 'other' });
  const bob = portal.createContact({ firstname: 'Bob', bant_need: 'perfect', bant_timeline: 'within_1_month' }).id;
  portal.associate('deals', won, 'contacts', bob);
  return { won, lost, open, ann };
}

