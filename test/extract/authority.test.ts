import { describe, expect, it } from 'vitest';
import { classifyTitle } from '../../src/extract';
import { suggestFrom, valueOf } from './support';

describe('authority: the contact\'s own role', () => {
  it.each([
    ['CEO', 'c_level'], ['Chief Financial Officer', 'c_level'], ['Co-Founder & CTO', 'c_level'], ['Managing Director', 'c_level'],
    ['VP Operations', 'director'], ['Head of IT', 'director'], ['Director of Marketing', 'director'],
    ['IT Manager', 'manager'], ['Team Lead, Support', 'manager'],
    ['Senior Software Engineer', 'staff'], ['Procurement Specialist', 'staff'], ['Executive Assistant to the CEO', 'staff'],
    ['Toimitusjohtaja', 'c_level'], ['Daglig leder', 'c_level'], ['Myyntijohtaja', 'director'], ['IT-päällikkö', 'manager'], ['Avdelingsleder', 'manager'],
  ])('classifies the job title "%s" as %s', (title, level) => {
    expect(classifyTitle(title)).toBe(level);
  });

  it('says nothing for a title it does not know', () => {
    expect(classifyTitle('Wizard')).toBeNull();
    expect(suggestFrom('No news.', { title: 'Wizard' })).toEqual([]);
  });

  it('suggests from the job title alone, with the title as evidence', () => {
    const authority = suggestFrom('Left a voicemail.', { title: 'VP Operations' }).find((s) => s.criterion === 'authority');
    expect(authority).toMatchObject({ value: 'director', evidence: 'VP Operations', source: { kind: 'job_title' } });
  });

  it.each([
    ["I'm the CFO here, so the budget is mine.", 'email', 'c_level'],
    ['As head of operations, I own this project.', 'transcript', 'director'],
    ['I run the finance department.', 'transcript', 'director'],
    ['I was promoted to VP of Customer Experience last month.', 'email', 'director'],
    ["She's the IT manager.", 'call_note', 'manager'],
  ] as const)('reads the contact\'s own words "%s"', (text, kind, value) => {
    expect(valueOf(suggestFrom(text, { kind }), 'authority')).toBe(value);
  });

  it('prefers what the contact says over an older job title', () => {
    expect(valueOf(suggestFrom('I was promoted to Director of IT last month.', { kind: 'email', title: 'IT Manager' }), 'authority')).toBe('director');
  });
});

describe('authority distractors: other people mentioned', () => {
  it.each([
    ['My CFO will need to sign off on anything above 50k.', 'email'],
    ["I'll need to run this by our VP of Sales and the Chief Revenue Officer.", 'email'],
    ['Their CEO is very hands-on. The CFO approves all purchases.', 'call_note'],
    ["No, I'm not the decision maker. Our COO decides.", 'transcript'],
    ["I'm meeting our CEO tomorrow.", 'email'],
    ['He reports to the CEO and works closely with the CFO.', 'call_note'],
    ["I'm the account executive on this.", 'transcript'],
  ] as const)('does not make the contact C-level from "%s"', (text, kind) => {
    expect(valueOf(suggestFrom(text, { kind }), 'authority')).toBeNull();
  });

  it('keeps the contact\'s own title when their boss is mentioned', () => {
    const text = "Rep: Who decides?\nEmma: My boss, the CFO. I'm the finance manager, I prepare the case.";
    expect(valueOf(suggestFrom(text, { kind: 'transcript' }), 'authority')).toBe('manager');
  });

  it('reads an assistant to an executive as staff', () => {
    expect(valueOf(suggestFrom("I'm the assistant to the Managing Director.", { kind: 'email' }), 'authority')).toBe('other');
  });
});
