import { z } from 'zod';

/** HubSpot object type ids as webhooks send them. */
export const OBJECT_TYPE_IDS = { contact: '0-1', company: '0-2', deal: '0-3' } as const;

const ID_EXPECTED = 'expected an id (a number or a string of digits)';
const id = z
  .union([z.number().int(ID_EXPECTED).nonnegative(ID_EXPECTED), z.string().regex(/^\d+$/, ID_EXPECTED)], { error: (issue) => (issue.input === undefined ? 'is missing' : ID_EXPECTED) })
  .transform(String);

const propertyChange = z.object({
  eventId: id,
  subscriptionType: z.enum(['object.propertyChange', 'deal.propertyChange', 'contact.propertyChange', 'company.propertyChange']),
  objectId: id,
  objectTypeId: z.string().optional(),
  propertyName: z.string(),
  propertyValue: z.string().nullable().optional(),
  occurredAt: z.number().optional(),
  changeSource: z.string().optional(),
  attemptNumber: z.number().optional(),
});

const associationChange = z.object({
  eventId: id,
  subscriptionType: z.enum(['object.associationChange', 'deal.associationChange', 'contact.associationChange', 'company.associationChange']),
  fromObjectId: id,
  toObjectId: id,
  fromObjectTypeId: z.string().optional(),
  toObjectTypeId: z.string().optional(),
  associationType: z.string().optional(),
  associationRemoved: z.boolean().optional(),
  occurredAt: z.number().optional(),
});

const otherEvent = z.object({ eventId: id, subscriptionType: z.string() });

export type PropertyChangeEvent = z.infer<typeof propertyChange>;
export type AssociationChangeEvent = z.infer<typeof associationChange>;
export type WebhookEvent = PropertyChangeEvent | AssociationChangeEvent | z.infer<typeof otherEvent>;

/** A webhook delivery: a JSON array of up to 100 events (HubSpot's batch size). */
export const webhookBatchSchema = z
  .array(z.union([propertyChange, associationChange, otherEvent]), { error: 'expected a JSON array of HubSpot webhook events' })
  .min(1, 'expected at least one event')
  .max(100, 'HubSpot sends at most 100 events per request');

/** A custom workflow action's callback: the enrolled object is the hint. */
export const workflowCallbackSchema = z.object({
  callbackId: z.string().optional(),
  origin: z.object({ portalId: z.number().optional() }).passthrough().optional(),
  object: z.object({ objectId: id, objectType: z.string().transform((t) => t.toUpperCase()).pipe(z.enum(['DEAL', 'CONTACT'], { error: 'objectType must be DEAL or CONTACT' })) }),
  inputFields: z.record(z.string(), z.unknown()).optional(),
});

export type WorkflowCallback = z.infer<typeof workflowCallbackSchema>;

/** The first problem of a body, as one line naming where it is. */
export function describeBodyProblem(error: z.ZodError): string {
  return describeIssue(error.issues[0]!, []);
}

function describeIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[]): string {
  const path = [...prefix, ...issue.path];
  // For "one of several event shapes", report the shape that came closest (fewest problems).
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]![0];
    if (closest && closest.path.length > 0) return describeIssue(closest, path);
  }
  const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${where ? `${where}: ` : ''}${issue.message}`;
}
