import type { Portal } from './createPortal';
import { createRandom } from './random';
import { seedActivities } from './seedActivities';
import type { PropertyInput, PropertyValueInput } from './types';

/** The contact property group the app's setup creates. */
export const BANT_GROUP = { name: 'bant_qualification', label: 'BANT qualification', displayOrder: 10 } as const;

/** The contact properties the app's setup creates, as HubSpot holds them afterwards. */
export const BANT_PROPERTIES: PropertyInput[] = [
  {
    name: 'bant_budget', label: 'BANT budget', type: 'number', fieldType: 'number', groupName: BANT_GROUP.name,
    description: 'Budget the lead has for this purchase, in the account currency.', formField: true,
  },
  {
    name: 'bant_authority', label: 'BANT authority', type: 'enumeration', fieldType: 'select', groupName: BANT_GROUP.name,
    description: 'Who the contact is in the buying decision.', formField: true,
    options: [
      { label: 'C-level', value: 'c_level' }, { label: 'Director', value: 'director' },
      { label: 'Manager', value: 'manager' }, { label: 'Other', value: 'other' },
    ],
  },
  {
    name: 'bant_need', label: 'BANT need', type: 'enumeration', fieldType: 'select', groupName: BANT_GROUP.name,
    description: 'How well the product fits the need the contact described.', formField: true,
    options: [{ label: 'Perfect fit', value: 'perfect' }, { label: 'Partial fit', value: 'partial' }, { label: 'Low', value: 'low' }],
  },
  {
    name: 'bant_timeline', label: 'BANT timeline', type: 'enumeration', fieldType: 'select', groupName: BANT_GROUP.name,
    description: 'When the contact expects to buy.', formField: true,
    options: [
      { label: 'Within 1 month', value: 'within_1_month' }, { label: '1–3 months', value: '1_3_months' },
      { label: '3–6 months', value: '3_6_months' }, { label: 'Over 6 months', value: 'over_6_months' },
    ],
  },
];

export interface DemoSeedOptions {
  contacts?: number;
  seed?: number;
  /** Close dates and create dates are spread around this instant (ms or Date); default 2026-11-23. */
  now?: number | Date;
}

export interface DemoSeedSummary {
  contacts: string[];
  companies: string[];
  deals: string[];
  now: number;
}

const DEMO_NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const DAY = 86_400_000;

const FIRST_NAMES = ['Ava', 'Liam', 'Maya', 'Noah', 'Zoe', 'Ethan', 'Aisha', 'Lucas', 'Sofia', 'Mateo', 'Chloe', 'Omar', 'Priya', 'Jonas',
  'Elena', 'Kenji', 'Nora', 'Samuel', 'Leila', 'Oscar', 'Hannah', 'Diego', 'Ingrid', 'Tariq', 'Grace', 'Felix', 'Amara', 'Hugo', 'Mei', 'Rafael'];
const LAST_NAMES = ['Martin', 'Okafor', 'Schmidt', 'Nguyen', 'Rossi', 'Kowalski', 'Haddad', 'Silva', 'Andersen', 'Patel', 'Moreau', 'Tanaka',
  'Murphy', 'Fischer', 'Costa', 'Lindqvist', 'Mensah', 'Dubois', 'Novak', 'Reyes', 'Walsh', 'Ibrahim', 'Berg', 'Chen', 'Alvarez', 'Kim'];
const COMPANY_PREFIXES = ['Acme', 'Northwind', 'Bluefin', 'Cedar', 'Summit', 'Harbor', 'Ironbark', 'Lumen', 'Maple', 'Orbit',
  'Pinnacle', 'Quartz', 'Redwood', 'Silverline', 'Tidewater', 'Vertex', 'Willow', 'Zephyr', 'Brightpath', 'Copperleaf'];
const COMPANY_SUFFIXES: Array<[string, string]> = [['Analytics', 'Software'], ['Logistics', 'Transportation'], ['Health', 'Healthcare'],
  ['Software', 'Software'], ['Foods', 'Food & Beverage'], ['Energy', 'Utilities'], ['Robotics', 'Manufacturing'], ['Media', 'Media'],
  ['Capital', 'Financial Services'], ['Labs', 'Biotechnology']];
const TITLES = {
  c_level: ['CEO', 'CFO', 'COO', 'CTO', 'Chief Revenue Officer'],
  director: ['Director of Operations', 'Director of IT', 'Sales Director', 'Finance Director'],
  manager: ['IT Manager', 'Operations Manager', 'Procurement Manager', 'Marketing Manager'],
  other: ['Business Analyst', 'Software Engineer', 'Sales Representative', 'Executive Assistant', 'Consultant'],
} as const;
type Seniority = keyof typeof TITLES;
const DEAL_KINDS = ['new business', 'renewal', 'expansion', 'pilot', 'upsell', 'platform migration'];
const OPEN_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'];
const LIFECYCLE = ['lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'];

/**
 * Fills a portal with a deterministic demo account: companies, contacts with partly answered BANT
 * properties, deals around `now`, and their associations. Same seed and `now`, same account.
 */
export function seedDemoPortal(portal: Portal, options: DemoSeedOptions = {}): DemoSeedSummary {
  const contactCount = options.contacts ?? 300;
  const now = options.now === undefined ? DEMO_NOW : typeof options.now === 'number' ? options.now : options.now.getTime();
  const random = createRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = <T>(choices: Array<[T, number]>): T => {
    let roll = random() * choices.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [choice, weight] of choices) if ((roll -= weight) < 0) return choice;
    return (choices[choices.length - 1] as [T, number])[0];
  };
  const shuffle = <T>(items: T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };

  if (!portal.store.groups.contacts.has(BANT_GROUP.name)) portal.defineGroup('contacts', BANT_GROUP);
  for (const property of BANT_PROPERTIES) {
    if (!portal.store.properties.contacts.has(property.name)) portal.defineProperty('contacts', property);
  }

  const names = shuffle(COMPANY_PREFIXES.flatMap((prefix) => COMPANY_SUFFIXES.map(([suffix, industry]) => ({ name: `${prefix} ${suffix}`, industry }))));
  const companyCount = Math.max(1, Math.round(contactCount / 6));
  const companies = Array.from({ length: companyCount }, (_, index) => {
    const base = names[index % names.length] as { name: string; industry: string };
    const name = index < names.length ? base.name : `${base.name} ${Math.floor(index / names.length) + 1}`;
    const created = portal.createCompany({
      name,
      domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`,
      industry: base.industry,
      numberofemployees: String(weighted([[25, 3], [120, 3], [450, 2], [2_000, 1]]) + Math.floor(random() * 50)),
      createdate: String(now - Math.floor(random() * 720) * DAY),
    });
    return { id: created.id, name, domain: created.properties.domain as string, contacts: [] as string[], deals: [] as string[] };
  });

  const emails = new Set<string>();
  const contacts: string[] = [];
  for (let index = 0; index < contactCount; index++) {
    const company = companies[index % companies.length] as (typeof companies)[number];
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const seniority = weighted<Seniority>([['c_level', 15], ['director', 25], ['manager', 30], ['other', 30]]);
    let email = `${first}.${last}@${company.domain}`.toLowerCase();
    for (let n = 2; emails.has(email); n++) email = `${first}.${last}${n}@${company.domain}`.toLowerCase();
    emails.add(email);
    const properties: Record<string, PropertyValueInput> = {
      firstname: first, lastname: last, email, jobtitle: pick(TITLES[seniority]), company: company.name,
      lifecyclestage: pick(LIFECYCLE), createdate: String(now - Math.floor(random() * 540) * DAY - Math.floor(random() * DAY)),
      ...bantAnswers(seniority),
    };
    const contact = portal.createContact(properties);
    portal.associate('contacts', contact.id, 'companies', company.id);
    company.contacts.push(contact.id);
    contacts.push(contact.id);
  }

  const deals: string[] = [];
  for (const company of companies) {
    const count = company.contacts.length === 0 ? 0 : Math.max(1, Math.round(company.contacts.length * 0.7));
    const kinds = shuffle(DEAL_KINDS);
    for (let index = 0; index < count; index++) {
      const kind = index < kinds.length ? kinds[index] : `${kinds[index % kinds.length]} ${Math.floor(index / kinds.length) + 1}`;
      const closeDay = Math.floor(now / DAY) + Math.floor(random() * (270 + 365)) - 270;
      const closedate = closeDay * DAY;
      const stage = closedate < now
        ? weighted([['closedwon', 45], ['closedlost', 35], [pick(OPEN_STAGES), 20]])
        : weighted(OPEN_STAGES.map((value, position): [string, number] => [value, 5 - position]));
      const deal = portal.createDeal({
        dealname: `${company.name} – ${kind}`,
        amount: String(Math.round((5_000 + 245_000 * random() ** 2) / 500) * 500),
        closedate: String(closedate),
        dealstage: stage,
        pipeline: 'default',
        createdate: String(Math.min(now, closedate - (30 + Math.floor(random() * 150)) * DAY)),
      });
      portal.associate('deals', deal.id, 'companies', company.id);
      company.deals.push(deal.id);
      deals.push(deal.id);
    }
    for (const contactId of company.contacts) {
      const wanted = Math.min(company.deals.length, weighted([[0, 20], [1, 45], [2, 25], [3, 10]]));
      for (const dealId of shuffle(company.deals).slice(0, wanted)) portal.associate('deals', dealId, 'contacts', contactId);
    }
  }

  // Deals were won more often where their buyers were qualified, as in a real account: the demo
  // backtest has a signal to find (the stage drawn above only decides closed or open).
  for (const dealId of deals) {
    const stage = portal.getRecord('deals', dealId)?.properties.dealstage;
    if (stage !== 'closedwon' && stage !== 'closedlost') continue;
    const buyers = portal.associatedIds('deals', dealId, 'contacts').map((id) => portal.getRecord('contacts', id)?.properties ?? {});
    const strength = buyers.length === 0 ? 0.4 : buyers.reduce((sum, answers) => sum + qualification(answers), 0) / buyers.length;
    portal.updateRecord('deals', dealId, { dealstage: random() < 0.03 + 0.95 * strength ** 2.5 ? 'closedwon' : 'closedlost' });
  }

  seedActivities(portal, contacts, now, options.seed ?? 1);
  return { contacts, companies: companies.map((company) => company.id), deals, now };

  /** How qualified a buyer's answers make them, 0..1; an unanswered question counts as middling. */
  function qualification(answers: Record<string, string>): number {
    const budget = Number(answers.bant_budget);
    const parts = [
      answers.bant_budget ? (budget >= 100_000 ? 1 : budget >= 50_000 ? 0.6 : 0.2) : 0.4,
      ({ c_level: 1, director: 0.8, manager: 0.6, other: 0.15 } as Record<string, number>)[answers.bant_authority ?? ''] ?? 0.4,
      ({ perfect: 1, partial: 0.55, low: 0.1 } as Record<string, number>)[answers.bant_need ?? ''] ?? 0.4,
      ({ within_1_month: 1, '1_3_months': 0.9, '3_6_months': 0.5, over_6_months: 0.2 } as Record<string, number>)[answers.bant_timeline ?? ''] ?? 0.4,
    ];
    return parts.reduce((sum, part) => sum + part, 0) / parts.length;
  }

  function bantAnswers(seniority: Seniority): Record<string, string> {
    if (random() < 0.15) return {};
    const answered = weighted([[1, 30], [2, 30], [3, 22], [4, 18]]);
    const criteria = shuffle(['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline']).slice(0, answered);
    const answers: Record<string, string> = {};
    for (const criterion of criteria) {
      if (criterion === 'bant_budget') answers[criterion] = String(Math.round((2_000 + 498_000 * random() ** 3) / 1_000) * 1_000);
      if (criterion === 'bant_authority') answers[criterion] = random() < 0.8 ? seniority : pick(Object.keys(TITLES));
      if (criterion === 'bant_need') answers[criterion] = weighted([['perfect', 30], ['partial', 45], ['low', 25]]);
      if (criterion === 'bant_timeline') answers[criterion] = weighted([['within_1_month', 20], ['1_3_months', 35], ['3_6_months', 25], ['over_6_months', 20]]);
    }
    return answers;
  }
}
