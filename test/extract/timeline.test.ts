import { describe, expect, it } from 'vitest';
import { suggestFrom, valueOf } from './support';

const timelineOf = (text: string, date = '2026-03-10', now?: string) => suggestFrom(text, now ? { date, now } : { date }).find((s) => s.criterion === 'timeline');

describe('timeline: purchase dates resolved against the activity, options against now', () => {
  it.each([
    ['They want to go live next month.', '2026-04-10', 'within_1_month'],
    ['Decision by end of Q2.', '2026-06-30', '3_6_months'],
    ['Need it in place in 90 days.', '2026-06-08', '1_3_months'],
    ['They will buy after our fiscal year starts in April.', '2026-04-01', 'within_1_month'],
    ['Need this ASAP.', '2026-03-10', 'within_1_month'],
    ['Contract signature targeted for September 30.', '2026-09-30', 'over_6_months'],
    ['They plan to buy in the third quarter of next year.', '2027-08-15', 'over_6_months'],
    ['Timeline: next 2-3 months.', '2026-06-10', '1_3_months'],
  ])('"%s" → %s → %s', (text, date, option) => {
    const timeline = timelineOf(text);
    expect(timeline?.fact).toEqual({ type: 'timeline', date });
    expect(timeline?.value).toBe(option);
  });

  it('chooses the option relative to now, not to the activity', () => {
    // Said in March for end of Q2; read in June, end of Q2 is within a month.
    expect(timelineOf('Decision by end of Q2.', '2026-03-10', '2026-06-10T00:00:00Z')?.value).toBe('within_1_month');
  });

  it('takes the decision date when a text gives decision and go-live', () => {
    expect(timelineOf('Decide in November, go live in March.', '2026-09-15')?.fact).toEqual({ type: 'timeline', date: '2026-11-01' });
  });
});

describe('timeline distractors: dates that are not purchase dates', () => {
  it.each([
    ['an event', 'Our conference is June 5.'],
    ['several events', 'Webinar on December 3, trade show in February, company retreat in May.'],
    ['the next call', 'Next call on Friday. Demo next Tuesday.'],
    ['the rep\'s to-do', 'Send the proposal by Monday.'],
    ['company history', 'The company was founded in 1998 and launched a product line in September.'],
    ['a past purchase', 'We bought our current CRM in 2019.'],
    ['a negated plan', 'We will not decide this quarter.'],
    ['a condition', 'If budget frees up in Q3 we might buy.'],
    ['a duration', 'Month-end close takes 10 days.'],
    ['results day', 'Our budget depends on the Q2 results, which come out in July.'],
  ])('ignores %s', (_family, text) => {
    expect(valueOf(suggestFrom(text), 'timeline')).toBeNull();
  });

  it('finds the purchase date next to an event date', () => {
    expect(timelineOf('Next call on Thursday; they plan to sign by May 15.')?.fact).toEqual({ type: 'timeline', date: '2026-05-15' });
  });

  it('reads an event named as the deadline as the deadline', () => {
    expect(timelineOf('Ready before the summer holidays, so by June 15.')?.fact).toEqual({ type: 'timeline', date: '2026-06-15' });
  });
});
