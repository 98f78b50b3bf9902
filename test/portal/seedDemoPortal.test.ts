import { describe, expect, it } from 'vitest';
import { BANT_PROPERTIES, createPortal, seedDemoPortal } from '../../src/portal';
import type { Portal } from '../../src/portal';

const NOW = Date.UTC(2026, 10, 23, 9);
const DAY = 86_400_000;
const BANT = ['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline'];

function seeded(options: { seed?: number; contacts?: number } = {}) {
  const portal = createPortal({ now: () => NOW });
  const summary = seedDemoPortal(portal, { now: NOW, ...options });
  return { portal, summary };
}

function dump(portal: Portal) {
  return Object.fromEntries((['contacts', 'deals', 'companies'] as const).map((type) => [type,
    [...portal.store.objects[type].values()].map((record) => ({ id: record.id, properties: Object.fromEntries(record.properties) }))]));
}

describe('seedDemoPortal', () => {
  it('seeds the same account for the same seed and another for another seed', () => {
    expect(dump(seeded({ seed: 3 }).portal)).toEqual(dump(seeded({ seed: 3 }).portal));
    expect(dump(seeded({ seed: 4 }).portal)).not.toEqual(dump(seeded({ seed: 3 }).portal));
  });

  it('defines the four BANT properties in the bant_qualification group', () => {
    const { portal } = seeded({ contacts: 10 });

    expect(portal.store.groups.contacts.get('bant_qualification')).toMatchObject({ label: 'BANT qualification' });
    const defined = BANT.map((name) => portal.store.properties.contacts.get(name));
    expect(defined.map((property) => [property?.name, property?.type, property?.groupName, property?.options.map((option) => option.value)])).toEqual([
      ['bant_budget', 'number', 'bant_qualification', []],
      ['bant_authority', 'enumeration', 'bant_qualification', ['c_level', 'director', 'manager', 'other']],
      ['bant_need', 'enumeration', 'bant_qualification', ['perfect', 'partial', 'low']],
      ['bant_timeline', 'enumeration', 'bant_qualification', ['within_1_month', '1_3_months', '3_6_months', 'over_6_months']],
    ]);
  });

  it('creates 300 contacts by default with names, unique emails, job titles and a company', () => {
    const { portal, summary } = seeded();

    expect(summary.contacts).toHaveLength(300);
    const contacts = summary.contacts.map((id) => portal.getRecord('contacts', id)?.properties ?? {});
    expect(new Set(contacts.map((contact) => contact.email)).size).toBe(300);
    for (const contact of contacts) {
      expect(contact.email).toMatch(/^[a-z]+\.[a-z]+\d*@[a-z0-9]+\.example$/);
      expect(contact.firstname && contact.lastname && contact.jobtitle && contact.company).toBeTruthy();
    }
    expect(summary.contacts.every((id) => portal.associatedIds('contacts', id, 'companies').length === 1)).toBe(true);
  });

  it('leaves about 15% of contacts unanswered, most with one to three answers, and never an invalid value', () => {
    const { portal, summary } = seeded({ contacts: 1_000 });
    const options = new Map(BANT_PROPERTIES.map((property) => [property.name, (property.options ?? []).map((option) => option.value)]));

    const answeredCounts = summary.contacts.map((id) => {
      const properties = portal.getRecord('contacts', id)?.properties ?? {};
      for (const name of BANT) {
        const value = properties[name];
        if (value === undefined) continue;
        if (name === 'bant_budget') expect(Number(value)).toBeGreaterThan(0);
        else expect(options.get(name)).toContain(value);
      }
      return BANT.filter((name) => properties[name] !== undefined).length;
    });

    const share = (predicate: (count: number) => boolean) => answeredCounts.filter(predicate).length / answeredCounts.length;
    expect(share((count) => count === 0)).toBeGreaterThan(0.1);
    expect(share((count) => count === 0)).toBeLessThan(0.2);
    expect(share((count) => count >= 1 && count <= 3)).toBeGreaterThan(0.6);
    expect(share((count) => count === 4)).toBeGreaterThan(0.05);
  });

  it('creates deals named after their company with amounts, close dates and stages around now', () => {
    const { portal, summary } = seeded();
    const deals = summary.deals.map((id) => portal.getRecord('deals', id)?.properties ?? {});

    expect(deals.length).toBeGreaterThan(150);
    for (const deal of deals) {
      expect(deal.dealname).toMatch(/^[A-Z][A-Za-z]+ [A-Za-z]+( \d+)? – [a-z ]+\d*$/);
      expect(Number(deal.amount)).toBeGreaterThanOrEqual(5_000);
      expect(Number(deal.amount)).toBeLessThanOrEqual(250_000);
      const close = Date.parse(deal.closedate as string);
      expect(close).toBeGreaterThanOrEqual(NOW - 271 * DAY);
      expect(close).toBeLessThanOrEqual(NOW + 366 * DAY);
      expect(deal.hs_is_closed).toBe(String(deal.dealstage === 'closedwon' || deal.dealstage === 'closedlost'));
    }
    const closes = deals.map((deal) => Date.parse(deal.closedate as string));
    expect(closes.some((close) => close < NOW - 90 * DAY)).toBe(true);
    expect(closes.some((close) => close > NOW + 270 * DAY)).toBe(true);
    const stages = new Set(deals.map((deal) => deal.dealstage));
    expect(stages).toContain('closedwon');
    expect(stages).toContain('closedlost');
    expect(stages).toContain('appointmentscheduled');
  });

  it('associates most contacts with one to three deals of their own company', () => {
    const { portal, summary } = seeded();

    const dealCounts = summary.contacts.map((id) => {
      const deals = portal.associatedIds('contacts', id, 'deals');
      const [company] = portal.associatedIds('contacts', id, 'companies');
      for (const deal of deals) expect(portal.associatedIds('deals', deal, 'companies')).toEqual([company]);
      return deals.length;
    });

    expect(Math.max(...dealCounts)).toBeLessThanOrEqual(3);
    expect(dealCounts.filter((count) => count >= 1).length / dealCounts.length).toBeGreaterThan(0.6);
    expect(dealCounts.filter((count) => count === 0).length).toBeGreaterThan(0);
  });
});
