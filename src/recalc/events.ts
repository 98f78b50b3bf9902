import { z } from 'zod';

/** HubSpot object type ids as webhooks send them. */
export const OBJECT_TYPE_IDS = { contact: '0-1', company: '0-2', deal: '0-3' } as const;

/** HubSpot's activity objects as webhooks send them (generic subscriptions: CALL, MEETING_EVENT, NOTE, EMAIL). */
export const ACTIVITY_TYPE_IDS = { calls: '0-48', meetings: '0-47', notes: '0-46', emails: '0-49' } as const;

const notAnId = (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is missing' : `${JSON.stringify(issue.input)} is not a record id (expected a positive whole number such as 12345)`;
const idCheck = { error: notAnId };
/** A HubSpot record or event id: a positive whole number that JavaScript holds exactly, as a number or a string of digits. */
const id = z
  .union([
    z.number(idCheck).int(idCheck).positive(idCheck).max(Number.MAX_SAFE_INTEGER, idCheck),
    z.string(idCheck).regex(/^[1-9]\d*$/, idCheck).refine((text) => Number.isSafeInteger(Number(text)), idCheck),
  ], idCheck)
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
  /** Who made the change: `userId:<id>` for a person, the app's id for a write made with an app's token. */
  sourceId: z.union([z.string(), z.number()]).transform(String).optional(),
  /** The app the subscription belongs to: a change whose `sourceId` is this id is the app's own write. */
  appId: z.union([z.number(), z.string()]).transform(String).optional(),
  attemptNumber: z.number().optional(),
  portalId: z.number().optional(),
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
  portalId: z.number().optional(),
});

/** A record created (`object.creation`, generic subscriptions): for activities, a new call, meeting, note or email. */
const creation = z.object({
  eventId: id,
  subscriptionType: z.literal('object.creation'),
  objectId: id,
  objectTypeId: z.string().optional(),
  occurredAt: z.number().optional(),
  portalId: z.number().optional(),
});

const otherEvent = z.object({ eventId: id, subscriptionType: z.string(), portalId: z.number().optional() });

export type PropertyChangeEvent = z.infer<typeof propertyChange>;
export type AssociationChangeEvent = z.infer<typeof associationChange>;
export type CreationEvent = z.infer<typeof creation>;
export type WebhookEvent = PropertyChangeEvent | AssociationChangeEvent | CreationEvent | z.infer<typeof otherEvent>;

/** A malformed event of a delivery: where it is, its eventId when it has a usable one, and what is wrong. */
export interface RejectedEvent {
  index: number;
  eventId?: string;
  problem: string;
}

export type ParsedBatch = { ok: true; events: WebhookEvent[]; rejected: RejectedEvent[] } | { ok: false; problem: string };

/** HubSpot sends at most 100 events per request. */
export const MAX_EVENTS_PER_BATCH = 100;

/**
 * A webhook delivery (a JSON array of up to 100 events), event by event: the valid ones to act on,
 * the malformed ones named with their problem. `ok: false` when the body is not a batch at all.
 */
export function parseWebhookBatch(json: unknown): ParsedBatch {
  if (!Array.isArray(json)) return { ok: false, problem: 'expected a JSON array of HubSpot webhook events' };
  if (json.length === 0) return { ok: false, problem: 'expected at least one event' };
  if (json.length > MAX_EVENTS_PER_BATCH) return { ok: false, problem: `HubSpot sends at most ${MAX_EVENTS_PER_BATCH} events per request; got ${json.length}` };
  const events: WebhookEvent[] = [];
  const rejected: RejectedEvent[] = [];
  json.forEach((raw: unknown, index) => {
    const parsed = schemaFor(raw).safeParse(raw);
    if (parsed.success) {
      events.push(parsed.data);
      return;
    }
    const eventId = id.safeParse((raw as { eventId?: unknown } | null)?.eventId);
    rejected.push({ index, ...(eventId.success ? { eventId: eventId.data } : {}), problem: describeIssue(parsed.error.issues[0]!, [index]) });
  });
  return { ok: true, events, rejected };
}

/** The shape an event must have, by its subscription type: a property or association change, or another kind (ignored). */
function schemaFor(raw: unknown): z.ZodType<WebhookEvent, unknown> {
  const type = (raw as { subscriptionType?: unknown } | null)?.subscriptionType;
  if ((propertyChange.shape.subscriptionType.options as readonly unknown[]).includes(type)) return propertyChange;
  if ((associationChange.shape.subscriptionType.options as readonly unknown[]).includes(type)) return associationChange;
  if (type === 'object.creation') return creation;
  return otherEvent;
}

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
