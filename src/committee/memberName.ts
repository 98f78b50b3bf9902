import type { RawProperties } from '../engine';

/** The contact properties a committee shows besides the model's: the name and the job title. */
export const MEMBER_PROPERTIES = ['firstname', 'lastname', 'email', 'jobtitle'];

/**
 * How a committee names a contact: first and last name, else the email, else the record id.
 * @example memberName('7', { firstname: 'Maria', lastname: 'Chen' }) // "Maria Chen"
 */
export function memberName(id: string, contact: RawProperties): string {
  const name = [contact.firstname, contact.lastname].map((part) => part?.trim() ?? '').filter(Boolean).join(' ');
  return name || contact.email?.trim() || `Contact ${id}`;
}
