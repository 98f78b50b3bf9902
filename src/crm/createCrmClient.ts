import type { PublicObjectSearchRequest, SimplePublicObject, StandardError } from '@hubspot/api-client/lib/codegen/crm/contacts';
import type { PublicOwner } from '@hubspot/api-client/lib/codegen/crm/owners';
import type { Property, PropertyCreate, PropertyGroup, PropertyUpdate } from '@hubspot/api-client/lib/codegen/crm/properties';
import type { ObjectSchema, ObjectSchemaEgg } from '@hubspot/api-client/lib/codegen/crm/schemas';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { RateLimiter } from './createRateLimiter';
import { z } from 'zod';
import { abortedError, CrmError, toCrmError } from './CrmError';
import { createSdkApis } from './createSdkApis';
import { createTransport } from './createTransport';
import type { CrmRequestEvent, CrmStats, RetryPolicy } from './decorators';
import { composeDecorators, countRequests, createStats, DEFAULT_RETRY_POLICY, limitRate, mapErrors, retryCalls } from './decorators';
import type {
  CrmAccountInfo, CrmObjectSchema, CrmObjectSchemaCreate, CrmObjectType, CrmOwner, CrmPage, CrmPipeline, CrmProperties, CrmPropertyCreate, CrmPropertyDefinition,
  CrmPropertyGroup, CrmPropertyUpdate, CrmPropertyVersion, CrmRecord, CrmRecordDetail, CrmRecordWithHistory, CrmSearchPage, CrmSearchRequest, CrmUpdate, CrmUser,
  CrmActivityType, CrmCallTranscript, CrmWritableType, CrmWriteFailure, CrmWriteResult,
} from './types';

export const DEFAULT_HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';
/** HubSpot's batch endpoints take at most 100 inputs. */
export const BATCH_SIZE = 100;
/** ...and at most 50 when property history is asked for. */
export const HISTORY_BATCH_SIZE = 50;
/** v4 association batch reads take up to 1,000 inputs. */
export const ASSOCIATION_BATCH_SIZE = 1_000;
/** The owners API's largest page. */
export const OWNERS_PAGE_SIZE = 500;

const SINGULAR: Record<CrmWritableType, string> = { contacts: 'contact', deals: 'deal', companies: 'company', leads: 'lead' };
/** How long one HTTP request may take (connect, response, body) before it counts as a retryable failure. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** HubSpot's account details (scope: any token's `oauth`). */
const ACCOUNT_INFO_PATH = '/account-info/v3/details';
const accountInfoSchema = z.object({
  portalId: z.union([z.number(), z.string()]).transform(String),
  accountType: z.string().default('STANDARD'),
  timeZone: z.string().default('UTC'),
  companyCurrency: z.string().default('USD'),
  additionalCurrencies: z.array(z.string()).default([]),
  utcOffsetMilliseconds: z.number().default(0),
  uiDomain: z.string().default('app.hubspot.com'),
  dataHostingLocation: z.string().default(''),
}) satisfies z.ZodType<CrmAccountInfo, unknown>;

/** A call's transcript (HubSpot's calling extensions API, scope crm.extensions_calling_transcripts.read). */
const TRANSCRIPTS_PATH = '/crm/extensions/calling/2026-03/transcripts';
const transcriptSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  engagementId: z.union([z.string(), z.number()]).transform(String),
  transcriptSource: z.string().default(''),
  transcriptUtterances: z.array(z.object({
    speaker: z.object({ id: z.union([z.string(), z.number()]).transform(String).optional(), name: z.string().default(''), email: z.string().optional() }).default({ name: '' }),
    text: z.string().default(''),
    startTimeMillis: z.number().default(0),
  })).default([]),
}) satisfies z.ZodType<CrmCallTranscript, unknown>;

/** The limiters calls wait on: one for every request, one more for search requests. */
export interface CrmLimiters {
  requests?: RateLimiter;
  search?: RateLimiter;
}

export interface CrmClientOptions {
  accessToken: string;
  /** Defaults to https://api.hubapi.com; point it at a local portal in tests and demos. */
  baseUrl?: string;
  retry?: Partial<RetryPolicy>;
  /** A limiter shared by every request, or separate ones for all requests and for search. */
  limiter?: RateLimiter | CrmLimiters;
  /** Called after every HTTP request (retries included). */
  onRequest?: (event: CrmRequestEvent) => void;
  /** How many batch chunks of one call may be in flight at once (1–5, default 1). */
  concurrency?: number;
  /**
   * Batch reads of the same kind waiting for a slot at the same time go as one request while it has
   * room (HubSpot's 1,000 ids for associations, 100 records asking the same properties), for work
   * sharing the client side by side (webhook deliveries). A read joins only one queued ahead of it, so
   * sharing never makes it wait longer; if that read fails, it reads alone.
   */
  shareReads?: boolean;
  clock?: Clock;
  /** Jitter source, 0..1. */
  random?: () => number;
  /**
   * Per HTTP request, in real milliseconds: connecting, the response and its body (default 10 s).
   * A request past it is abandoned and counts as a retryable TIMEOUT failure inside the retry budget.
   */
  timeoutMs?: number;
  /** Aborting it aborts every request in flight; calls then reject with a non-retryable CrmError `ABORTED`. */
  signal?: AbortSignal;
}

export interface CrmClient {
  readContacts(ids: readonly string[], properties: readonly string[]): Promise<Map<string, CrmProperties>>;
  readDeals(ids: readonly string[], properties: readonly string[]): Promise<Map<string, CrmProperties>>;
  readCompanies(ids: readonly string[], properties: readonly string[]): Promise<Map<string, CrmProperties>>;
  /** Every requested id is a key; ids without associations map to []. */
  dealContacts(dealIds: readonly string[]): Promise<Map<string, string[]>>;
  contactDeals(contactIds: readonly string[]): Promise<Map<string, string[]>>;
  contactCompanies(contactIds: readonly string[]): Promise<Map<string, string[]>>;
  companyContacts(companyIds: readonly string[]): Promise<Map<string, string[]>>;
  dealCompanies(dealIds: readonly string[]): Promise<Map<string, string[]>>;
  companyDeals(companyIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The ids of contacts' activities of one kind (v4 batch association reads, 1,000 contacts per call). */
  contactActivities(contactIds: readonly string[], kind: CrmActivityType): Promise<Map<string, string[]>>;
  /** The contacts of activities of one kind (the other direction). */
  activityContacts(activityIds: readonly string[], kind: CrmActivityType): Promise<Map<string, string[]>>;
  /** A contact's HubSpot Leads (object 0-136); a portal without Leads answers FORBIDDEN. */
  contactLeads(contactIds: readonly string[]): Promise<Map<string, string[]>>;
  readLeadRecords(ids: readonly string[], properties: readonly string[]): Promise<Map<string, CrmProperties>>;
  /** Batch reads asking for past values too (HubSpot allows 50 records per request then). */
  /**
   * Records with the history of `history` (all versions, newest first, as HubSpot keeps them: value,
   * timestamp, source type and id, the user where HubSpot names one), in batches of 50, HubSpot's
   * limit when history is asked. Every requested history property is a key ([] if never set).
   */
  readWithHistory(type: CrmObjectType, ids: readonly string[], properties: readonly string[], history: readonly string[]): Promise<Map<string, CrmRecordWithHistory>>;
  /** One page of the account's active owners (users who can own records, with their names), up to 500. */
  listOwners(request?: { after?: string; limit?: number }): Promise<{ results: CrmOwner[]; after?: string }>;
  /** Never throws for HTTP failures: each id ends up in `written` or in `failed` with the reason. */
  updateContacts(updates: readonly CrmUpdate[]): Promise<CrmWriteResult>;
  /** As `updateContacts`, for deals, companies or HubSpot's Leads. */
  updateRecords(type: CrmWritableType, updates: readonly CrmUpdate[]): Promise<CrmWriteResult>;
  /** One page of deals or companies, by id (100 at most). */
  listRecords(type: 'deals' | 'companies', request: { after?: string; limit?: number; properties: string[] }): Promise<CrmPage>;
  searchRecords(type: 'deals' | 'companies', request: CrmSearchRequest): Promise<CrmSearchPage>;
  /** The pipelines of deals or leads, with their stages in display order. */
  getPipelines(type: 'deals' | 'leads'): Promise<CrmPipeline[]>;
  listContacts(request: { after?: string; limit?: number; properties: string[] }): Promise<CrmPage>;
  searchContacts(request: CrmSearchRequest): Promise<CrmSearchPage>;
  getProperties(objectType: CrmObjectType): Promise<CrmPropertyDefinition[]>;
  /** Creates a property on a standard object, or on a custom object given its type id (`2-<n>`). */
  createProperty(objectType: CrmObjectType | (string & {}), definition: CrmPropertyCreate): Promise<CrmPropertyDefinition>;
  /** PATCHes one property; `patch.options` replaces the whole options list, so it must hold the existing ones too. */
  updateProperty(objectType: CrmObjectType, name: string, patch: CrmPropertyUpdate): Promise<CrmPropertyDefinition>;
  getPropertyGroups(objectType: CrmObjectType): Promise<CrmPropertyGroup[]>;
  createPropertyGroup(objectType: CrmObjectType, group: { name: string; label: string; displayOrder?: number }): Promise<CrmPropertyGroup>;
  /** The account's custom object schemas. */
  getSchemas(): Promise<CrmObjectSchema[]>;
  createSchema(schema: CrmObjectSchemaCreate): Promise<CrmObjectSchema>;
  /**
   * One record of any object (`2-<n>` or `p_<name>` for custom objects), by id or by a unique
   * property (`idProperty`), with the history of `propertiesWithHistory`; null when it does not exist.
   */
  readObject(objectType: string, id: string, properties: readonly string[], options?: { idProperty?: string; propertiesWithHistory?: readonly string[]; associations?: readonly string[] }): Promise<CrmRecordDetail | null>;
  /** Records by id or unique property in batches of 100, keyed by the id asked for; missing ones are absent. */
  readObjects(objectType: string, ids: readonly string[], properties: readonly string[], options?: { idProperty?: string }): Promise<Map<string, CrmProperties>>;
  listObjects(objectType: string, request: { after?: string; limit?: number; properties: string[] }): Promise<CrmPage>;
  createObject(objectType: string, properties: Record<string, string>): Promise<CrmRecord>;
  updateObject(objectType: string, id: string, properties: Record<string, string>, options?: { idProperty?: string }): Promise<CrmRecord>;
  /** A user of the account (`GET /settings/v3/users/{id}`); null when there is none with that id. */
  getUser(userId: string): Promise<CrmUser | null>;
  /** The account the token belongs to: its id, time zone and currencies (one request). */
  getAccountInfo(): Promise<CrmAccountInfo>;
  /** A call's transcript by its id; null when there is none. */
  getCallTranscript(transcriptId: string): Promise<CrmCallTranscript | null>;
  stats(): CrmStats;
  resetStats(): void;
  /**
   * The same client (limiters, retries, statistics shared) whose calls also stop when `signal` aborts:
   * for work with its own deadline, such as one webhook delivery. With `withinMs` (the work's time
   * left), a retry whose wait would end past that deadline is not waited for: the call fails at once.
   * With `oldestFirst`, every call of the work queues in the shared limiters as of now (when the work
   * begins), so pieces of work sharing them finish in the order they began instead of all slowing
   * down together.
   */
  withSignal(signal: AbortSignal, options?: { withinMs?: number; oldestFirst?: boolean }): CrmClient;
}

/** The app's one door to HubSpot: batched, rate limited, retried, timed out, with errors mapped to CrmError. */
export function createCrmClient(options: CrmClientOptions): CrmClient {
  const limiters: CrmLimiters = isRateLimiter(options.limiter) ? { requests: options.limiter } : options.limiter ?? {};
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError(`createCrmClient: timeoutMs must be a positive number of milliseconds; got ${options.timeoutMs}.`);
  return buildClient({
    accessToken: options.accessToken,
    baseUrl: options.baseUrl ?? DEFAULT_HUBSPOT_API_BASE_URL,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    // Narrowest first (see limitRate): a search waits for its own 5 per second, then goes ahead in the shared queue.
    limitersFor: (operation) => [operation.endsWith('.search') ? limiters.search : undefined, limiters.requests].filter((limiter) => limiter !== undefined),
    onRequest: options.onRequest,
    concurrency: Math.min(5, Math.max(1, Math.floor(options.concurrency ?? 1))),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    timeoutMs,
    stats: createStats(),
    waitingReads: options.shareReads ? new Map() : undefined,
  }, options.signal);
}

interface SharedParts {
  accessToken: string;
  baseUrl: string;
  policy: RetryPolicy;
  limitersFor: (operation: string) => RateLimiter[];
  onRequest: ((event: CrmRequestEvent) => void) | undefined;
  concurrency: number;
  clock: Clock;
  random: () => number;
  timeoutMs: number;
  stats: ReturnType<typeof createStats>;
  /** Batch reads still waiting for a slot, by kind, that later reads may join; undefined when not shared. */
  waitingReads: Map<string, WaitingRead> | undefined;
}

type AssociationInput = { id: string; after?: string };

/** A batch read waiting for its slot: until it is sent, reads of the same kind may add their ids. */
interface WaitingRead {
  /** What it reads: the operation and the association (`contacts/deals`), or the records' properties. */
  kind: string;
  ids: string[];
  /** HubSpot's most ids per request for it. */
  capacity: number;
  /** Where it queues in the limiter: a read joins only one queued no later than itself. */
  since: number;
  sent: boolean;
  answer: Promise<unknown>;
}

function buildClient(shared: SharedParts, signal: AbortSignal | undefined, deadline?: number, since?: number): CrmClient {
  const { clock, policy, concurrency, stats } = shared;
  const transport = createTransport({ timeoutMs: shared.timeoutMs, signal });
  const sdk = createSdkApis({ accessToken: shared.accessToken, basePath: shared.baseUrl, transport });
  const { batch, contactsBasic, contactsSearch, associations, properties, groups } = sdk;
  const { schemas, objects, users, owners } = sdk;

  const decorate = composeDecorators(
    mapErrors,
    countRequests(stats, clock, shared.onRequest),
    limitRate(shared.limitersFor, signal, since),
    retryCalls(policy, clock, shared.random, (operation) => stats.retry(operation), signal, deadline),
  );

  /** A GET the SDK has no API for, through the same transport: errors shaped as the SDK's, the body checked against HubSpot's shape (`what`: "the transcript is"). */
  async function getJson<S extends z.ZodType>(path: string, schema: S, what: string): Promise<{ httpStatusCode: number; data: z.output<S> }> {
    const response = await transport({ url: `${shared.baseUrl}${path}`, method: 'GET', headers: { authorization: `Bearer ${shared.accessToken}`, accept: 'application/json' } });
    let body: unknown;
    try {
      body = JSON.parse(response.body.toString('utf8'));
    } catch {
      body = {};
    }
    if (response.status >= 300) throw Object.assign(new Error(`HTTP ${response.status}`), { code: response.status, body, headers: response.headers });
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new Error(`${what} not in HubSpot's shape (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
    return { httpStatusCode: response.status, data: parsed.data };
  }

  const calls = {
    // The SDK has neither the account-info nor the transcripts API: one GET each through the same transport.
    accountInfo: decorate('accountInfo.get', () => getJson(ACCOUNT_INFO_PATH, accountInfoSchema, 'the account details are')),
    transcriptRead: decorate('transcripts.get', (id: string) => getJson(`${TRANSCRIPTS_PATH}/${encodeURIComponent(id)}`, transcriptSchema, 'the transcript is')),
    batchRead: Object.fromEntries((['contacts', 'deals', 'companies', 'leads'] as const).map((type) => [type,
      decorate(`${type}.batch.read`, (ids: string[] | WaitingRead, names: string[], history: string[] = []) =>
        batch[type].readWithHttpInfo({ inputs: (Array.isArray(ids) ? ids : send(ids)).map((id) => ({ id })), properties: names, propertiesWithHistory: history }))])) as Record<
      CrmWritableType, (ids: string[] | WaitingRead, names: string[], history?: string[]) => ReturnType<typeof batch.contacts.readWithHttpInfo>>,
    batchUpdate: Object.fromEntries((['contacts', 'deals', 'companies', 'leads'] as const).map((type) => [type,
      decorate(`${type}.batch.update`, (updates: CrmUpdate[]) =>
        batch[type].updateWithHttpInfo({ inputs: updates.map(({ id, properties: values }) => ({ id, properties: values })) }))])) as Record<
      CrmWritableType, (updates: CrmUpdate[]) => ReturnType<typeof batch.contacts.updateWithHttpInfo>>,
    list: Object.fromEntries((['deals', 'companies'] as const).map((type) => [type,
      decorate(`${type}.list`, (limit: number, after: string | undefined, names: string[]) => sdk.basic[type].getPageWithHttpInfo(limit, after, names))])) as Record<
      'deals' | 'companies', (limit: number, after: string | undefined, names: string[]) => ReturnType<typeof sdk.basic.deals.getPageWithHttpInfo>>,
    search: Object.fromEntries((['deals', 'companies'] as const).map((type) => [type,
      decorate(`${type}.search`, (request: PublicObjectSearchRequest) => sdk.search[type].doSearchWithHttpInfo(request))])) as Record<
      'deals' | 'companies', (request: PublicObjectSearchRequest) => ReturnType<typeof sdk.search.deals.doSearchWithHttpInfo>>,
    pipelinesGetAll: decorate('pipelines.getAll', (type: 'deals' | 'leads') => sdk.pipelines.getAllWithHttpInfo(type)),
    contactsList: decorate('contacts.list', (limit: number, after: string | undefined, names: string[]) =>
      contactsBasic.getPageWithHttpInfo(limit, after, names)),
    contactsSearch: decorate('contacts.search', (request: PublicObjectSearchRequest) => contactsSearch.doSearchWithHttpInfo(request)),
    associationsRead: decorate('associations.batch.read', (from: CrmWritableType | CrmActivityType, to: CrmWritableType | CrmActivityType, inputs: AssociationInput[] | WaitingRead) =>
      associations.getPageWithHttpInfo(from, to, { inputs: Array.isArray(inputs) ? inputs : send(inputs).map((id) => ({ id })) })),
    propertiesGetAll: decorate('properties.getAll', (type: CrmObjectType) => properties.getAllWithHttpInfo(type)),
    propertiesCreate: decorate('properties.create', (type: string, input: PropertyCreate) => properties.createWithHttpInfo(type, input)),
    propertiesUpdate: decorate('properties.update', (type: CrmObjectType, name: string, input: PropertyUpdate) =>
      properties.updateWithHttpInfo(type, name, input)),
    groupsGetAll: decorate('propertyGroups.getAll', (type: CrmObjectType) => groups.getAllWithHttpInfo(type)),
    groupsCreate: decorate('propertyGroups.create', (type: CrmObjectType, input: { name: string; label: string; displayOrder?: number }) =>
      groups.createWithHttpInfo(type, { displayOrder: -1, ...input })),
    schemasGetAll: decorate('schemas.getAll', () => schemas.getAllWithHttpInfo()),
    schemasCreate: decorate('schemas.create', (input: ObjectSchemaEgg) => schemas.createWithHttpInfo(input)),
    objectRead: decorate('objects.read', (type: string, id: string, names: string[], history: string[], idProperty: string | undefined, associations: string[] = []) =>
      objects.basic.getByIdWithHttpInfo(type, id, names, history.length > 0 ? history : undefined, associations.length > 0 ? associations : undefined, undefined, idProperty)),
    objectsBatchRead: decorate('objects.batch.read', (type: string, ids: string[], names: string[], idProperty: string | undefined) =>
      objects.batch.readWithHttpInfo(type, { inputs: ids.map((id) => ({ id })), properties: names, propertiesWithHistory: [], ...(idProperty ? { idProperty } : {}) })),
    objectsList: decorate('objects.list', (type: string, limit: number, after: string | undefined, names: string[]) =>
      objects.basic.getPageWithHttpInfo(type, limit, after, names)),
    objectCreate: decorate('objects.create', (type: string, values: Record<string, string>) =>
      objects.basic.createWithHttpInfo(type, { properties: values, associations: [] })),
    objectUpdate: decorate('objects.update', (type: string, id: string, values: Record<string, string>, idProperty: string | undefined) =>
      objects.basic.updateWithHttpInfo(type, id, { properties: values }, idProperty)),
    userRead: decorate('users.read', (id: string) => users.getByIdWithHttpInfo(id)),
    ownersList: decorate('owners.list', (after: string | undefined, limit: number) => owners.getPageWithHttpInfo(undefined, after, limit, false)),
  };

  async function readRecords(type: CrmWritableType, ids: readonly string[], names: readonly string[]): Promise<Map<string, CrmProperties>> {
    const wanted = uniqueIds(ids, `${type}.batch.read`);
    const found = new Map<string, CrmProperties>();
    const pages = await inChunks(chunk(wanted, BATCH_SIZE), concurrency, (part) =>
      shareRead(`${type}.batch.read:${names.join(',')}`, part, BATCH_SIZE, (ids) => calls.batchRead[type](ids, [...names])));
    const asked = new Set(wanted);
    for (const { data } of pages) {
      for (const record of data.results) found.set(record.id, { ...record.properties });
      // Missing ids come back as OBJECT_NOT_FOUND errors: they are simply absent from the map. A shared
      // read's errors about other callers' ids are theirs.
      const other = errorsOf(data).filter((error) => error.category !== 'OBJECT_NOT_FOUND' && (error.context?.ids ?? wanted).some((id) => asked.has(String(id))));
      if (other.length > 0) throw batchError(`${type}.batch.read`, other);
    }
    // Keep the caller's order.
    return new Map(wanted.filter((id) => found.has(id)).map((id) => [id, found.get(id) as CrmProperties]));
  }

  async function readWithHistory(type: CrmObjectType, ids: readonly string[], names: readonly string[], history: readonly string[]): Promise<Map<string, CrmRecordWithHistory>> {
    const operation = `${type}.batch.read`;
    const wanted = uniqueIds(ids, operation);
    const found = new Map<string, CrmRecordWithHistory>();
    const pages = await inChunks(chunk(wanted, HISTORY_BATCH_SIZE), concurrency, (part) => calls.batchRead[type](part, [...names], [...history]));
    for (const { data } of pages) {
      for (const record of data.results) {
        const versions = record.propertiesWithHistory ?? {};
        found.set(record.id, {
          properties: { ...record.properties },
          history: Object.fromEntries(history.map((name) => [name, (versions[name] ?? []).map(toVersion)])),
        });
      }
      const other = errorsOf(data).filter((error) => error.category !== 'OBJECT_NOT_FOUND');
      if (other.length > 0) throw batchError(operation, other);
    }
    return new Map(wanted.filter((id) => found.has(id)).map((id) => [id, found.get(id) as CrmRecordWithHistory]));
  }

  async function readAssociations(from: CrmWritableType | CrmActivityType, to: CrmWritableType | CrmActivityType, ids: readonly string[]): Promise<Map<string, string[]>> {
    const operation = 'associations.batch.read';
    const wanted = uniqueIds(ids, operation);
    const result = new Map<string, string[]>(wanted.map((id) => [id, []]));
    let pending: AssociationInput[] = wanted.map((id) => ({ id }));
    let firstPages = true;
    // A record with more than a page of associations comes back with a cursor: ask again for the rest.
    while (pending.length > 0) {
      const pages = await inChunks(chunk(pending, ASSOCIATION_BATCH_SIZE), concurrency, (part) => firstPages
        ? shareRead(`${operation}:${from}/${to}`, part.map((input) => input.id), ASSOCIATION_BATCH_SIZE, (ids) => calls.associationsRead(from, to, Array.isArray(ids) ? ids.map((id) => ({ id })) : ids))
        : calls.associationsRead(from, to, part));
      firstPages = false;
      pending = [];
      for (const { data } of pages) {
        for (const item of data.results) {
          const fromId = String(item._from.id);
          // A shared read also answers for the ids other callers added.
          if (!result.has(fromId)) continue;
          result.set(fromId, [...(result.get(fromId) ?? []), ...item.to.map((target) => String(target.toObjectId))]);
          const after = item.paging?.next?.after;
          if (after) pending.push({ id: fromId, after });
        }
        // HubSpot answers "no associations" as a per-id error; that is an empty list, not a failure. A
        // shared read's errors about other callers' ids are theirs.
        const other = errorsOf(data).filter((error) => error.subCategory !== 'crm.associations.NO_ASSOCIATIONS_FOUND' && error.category !== 'OBJECT_NOT_FOUND'
          && (error.context?.fromObjectId ?? wanted).some((id) => result.has(String(id))));
        if (other.length > 0) throw batchError(operation, other);
      }
    }
    return result;
  }

  /**
   * A batch read of `ids` (at most `capacity`). With shared reads, the ids join a read of the same kind
   * that is still waiting for its slot and queued no later than this one would be, if it has room;
   * otherwise this read, if it has room, waits for its slot open to others. A caller whose shared read
   * fails reads alone. `read` sends the ids given, or those of a waiting read when its slot comes.
   */
  async function shareRead<R>(kind: string, ids: string[], capacity: number, read: (ids: string[] | WaitingRead) => Promise<R>): Promise<R> {
    const waiting = shared.waitingReads;
    if (!waiting) return read(ids);
    const queuedAs = since ?? clock.now();
    const open = waiting.get(kind);
    if (open && !open.sent && open.since <= queuedAs && new Set([...open.ids, ...ids]).size <= open.capacity) {
      for (const id of ids) if (!open.ids.includes(id)) open.ids.push(id);
      try {
        return await untilAborted(open.answer as Promise<R>, kind.split(':')[0]!);
      } catch (error) {
        if (signal?.aborted) throw error;
        return read(ids);
      }
    }
    if (ids.length >= capacity) return read(ids);
    const waitingRead: WaitingRead = { kind, ids: [...ids], capacity, since: queuedAs, sent: false, answer: Promise.resolve() };
    waiting.set(kind, waitingRead);
    const answer = read(waitingRead);
    waitingRead.answer = answer;
    const leave = () => {
      if (waiting.get(kind) === waitingRead) waiting.delete(kind);
    };
    answer.then(leave, leave);
    return answer;
  }

  /** Closes a waiting read to newcomers as its request goes out (a retry sends the same ids again). */
  function send(read: WaitingRead): string[] {
    read.sent = true;
    if (shared.waitingReads?.get(read.kind) === read) shared.waitingReads.delete(read.kind);
    return read.ids;
  }

  /** `promise`, or an ABORTED CrmError as soon as this client's signal aborts. */
  function untilAborted<T>(promise: Promise<T>, operation: string): Promise<T> {
    if (!signal) return promise;
    if (signal.aborted) return Promise.reject(abortedError(operation, signal.reason));
    const stop = signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(abortedError(operation, stop.reason));
      stop.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => stop.removeEventListener('abort', onAbort));
    });
  }

  async function updateRecords(type: CrmWritableType, updates: readonly CrmUpdate[]): Promise<CrmWriteResult> {
    const operation = `${type}.batch.update`;
    const noun = SINGULAR[type];
    // HubSpot refuses a batch with a duplicate id, so merge them (later values win).
    const merged = new Map<string, Record<string, string>>();
    for (const { id, properties: values } of updates) merged.set(id, { ...merged.get(id), ...values });
    const parts = chunk([...merged].map(([id, values]) => ({ id, properties: values })), BATCH_SIZE);
    const written: string[] = [];
    const failed: CrmWriteFailure[] = [];
    await inChunks(parts, concurrency, async (part) => {
      const ids = part.map((update) => update.id);
      let data;
      try {
        ({ data } = await calls.batchUpdate[type](part));
      } catch (thrown) {
        const error = toCrmError(thrown, operation);
        for (const id of ids) failed.push({ id, code: error.code, message: error.message, retryable: error.retryable });
        return;
      }
      const done = new Set(data.results.map((record) => record.id));
      written.push(...ids.filter((id) => done.has(id)));
      const reported = new Set<string>();
      for (const error of errorsOf(data)) {
        const code = error.category === 'OBJECT_NOT_FOUND' ? 'NOT_FOUND' : error.category === 'VALIDATION_ERROR' ? 'VALIDATION' : 'UNEXPECTED';
        const errorIds = error.context?.ids ?? error.context?.id ?? ids.filter((id) => !done.has(id));
        for (const id of errorIds) {
          if (done.has(id) || reported.has(id)) continue;
          reported.add(id);
          failed.push({ id, code, message: `${operation}: ${noun} ${id} was not written: ${error.message}`, retryable: false });
        }
      }
      for (const id of ids) {
        if (!done.has(id) && !reported.has(id)) {
          failed.push({ id, code: 'UNEXPECTED', message: `${operation}: HubSpot neither wrote ${noun} ${id} nor reported an error for it; read it back before retrying.`, retryable: true });
        }
      }
    });
    return { written, failed };
  }

  return {
    readContacts: (ids, names) => readRecords('contacts', ids, names),
    readDeals: (ids, names) => readRecords('deals', ids, names),
    readCompanies: (ids, names) => readRecords('companies', ids, names),
    dealContacts: (ids) => readAssociations('deals', 'contacts', ids),
    contactDeals: (ids) => readAssociations('contacts', 'deals', ids),
    contactCompanies: (ids) => readAssociations('contacts', 'companies', ids),
    companyContacts: (ids) => readAssociations('companies', 'contacts', ids),
    dealCompanies: (ids) => readAssociations('deals', 'companies', ids),
    companyDeals: (ids) => readAssociations('companies', 'deals', ids),
    contactLeads: (ids) => readAssociations('contacts', 'leads', ids),
    contactActivities: (ids, kind) => readAssociations('contacts', kind, ids),
    activityContacts: (ids, kind) => readAssociations(kind, 'contacts', ids),
    readLeadRecords: (ids, names) => readRecords('leads', ids, names),
    readWithHistory,
    updateContacts: (updates) => updateRecords('contacts', updates),
    updateRecords,
    async listRecords(type, { after, limit = BATCH_SIZE, properties: names }) {
      const { data } = await calls.list[type](limit, after, names);
      return withCursor({ results: data.results.map(toRecord) }, data.paging?.next?.after);
    },
    async searchRecords(type, { filterGroups = [], sorts = [], properties: names, limit = 100, after }) {
      const request = { filterGroups, properties: names, limit, after: after ?? '0', sorts: sorts as unknown as string[] } as PublicObjectSearchRequest;
      const { data } = await calls.search[type](request);
      return withCursor({ total: data.total, results: data.results.map(toRecord) }, data.paging?.next?.after);
    },
    async getPipelines(type) {
      const { data } = await calls.pipelinesGetAll(type);
      return data.results.map((pipeline) => ({
        id: pipeline.id, label: pipeline.label,
        stages: [...pipeline.stages].sort((a, b) => a.displayOrder - b.displayOrder)
          .map((stage) => ({ id: stage.id, label: stage.label, displayOrder: stage.displayOrder, metadata: { ...stage.metadata } })),
      }));
    },
    async listContacts({ after, limit = BATCH_SIZE, properties: names }) {
      const { data } = await calls.contactsList(limit, after, names);
      return withCursor({ results: data.results.map(toRecord) }, data.paging?.next?.after);
    },
    async searchContacts({ filterGroups = [], sorts = [], properties: names, limit = 100, after }) {
      const request = {
        filterGroups, properties: names, limit, after: after ?? '0',
        // The SDK types sorts as strings; HubSpot's documented form is { propertyName, direction }.
        sorts: sorts as unknown as string[],
      } as PublicObjectSearchRequest;
      const { data } = await calls.contactsSearch(request);
      return withCursor({ total: data.total, results: data.results.map(toRecord) }, data.paging?.next?.after);
    },
    async getProperties(type) {
      const { data } = await calls.propertiesGetAll(type);
      return data.results.map(toPropertyDefinition);
    },
    async createProperty(type, definition) {
      const { data } = await calls.propertiesCreate(type, definition as PropertyCreate);
      return toPropertyDefinition(data);
    },
    async updateProperty(type, name, patch) {
      const { data } = await calls.propertiesUpdate(type, name, patch as PropertyUpdate);
      return toPropertyDefinition(data);
    },
    async getPropertyGroups(type) {
      const { data } = await calls.groupsGetAll(type);
      return data.results.map(toPropertyGroup);
    },
    async createPropertyGroup(type, group) {
      const { data } = await calls.groupsCreate(type, group);
      return toPropertyGroup(data);
    },
    async getSchemas() {
      const { data } = await calls.schemasGetAll();
      return data.results.map(toObjectSchema);
    },
    async createSchema(schema) {
      const { data } = await calls.schemasCreate(schema as ObjectSchemaEgg);
      return toObjectSchema(data);
    },
    async readObject(type, id, names, { idProperty, propertiesWithHistory = [], associations = [] } = {}) {
      try {
        const { data } = await calls.objectRead(type, id, [...names], [...propertiesWithHistory], idProperty, [...associations]);
        const associated = Object.fromEntries(Object.entries(data.associations ?? {}).map(([name, page]) => [name, [...new Set(page.results.map((r) => r.id))]]));
        // Every field HubSpot gives a version, the user and the source's label included (who changed what).
        const history = Object.fromEntries(Object.entries(data.propertiesWithHistory ?? {}).map(([name, versions]) => [name, versions.map(toVersion)]));
        return { id: data.id, properties: { ...data.properties }, createdAt: toIso(data.createdAt), updatedAt: toIso(data.updatedAt), history, ...(associations.length > 0 ? { associations: associated } : {}) };
      } catch (error) {
        if (error instanceof CrmError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    async readObjects(type, ids, names, { idProperty } = {}) {
      const operation = 'objects.batch.read';
      const wanted = idProperty ? [...new Set(ids)] : uniqueIds(ids, operation);
      const asked = idProperty ? [...new Set([...names, idProperty])] : [...names];
      const found = new Map<string, CrmProperties>();
      for (const part of chunk(wanted, BATCH_SIZE)) {
        const { data } = await calls.objectsBatchRead(type, part, asked, idProperty);
        for (const record of data.results) found.set(idProperty ? String(record.properties[idProperty] ?? '') : record.id, { ...record.properties });
        const other = errorsOf(data).filter((error) => error.category !== 'OBJECT_NOT_FOUND');
        if (other.length > 0) throw batchError(operation, other);
      }
      return new Map(wanted.filter((id) => found.has(id)).map((id) => [id, found.get(id) as CrmProperties]));
    },
    async listObjects(type, { after, limit = BATCH_SIZE, properties: names }) {
      const { data } = await calls.objectsList(type, limit, after, names);
      return withCursor({ results: data.results.map(toRecord) }, data.paging?.next?.after);
    },
    async createObject(type, values) {
      const { data } = await calls.objectCreate(type, values);
      return toRecord(data);
    },
    async updateObject(type, id, values, { idProperty } = {}) {
      const { data } = await calls.objectUpdate(type, id, values, idProperty);
      return toRecord(data);
    },
    async listOwners({ after, limit = OWNERS_PAGE_SIZE } = {}) {
      const { data } = await calls.ownersList(after, Math.min(limit, OWNERS_PAGE_SIZE));
      return withCursor({ results: data.results.filter((owner) => owner.userId !== undefined).map(toOwner) }, data.paging?.next?.after);
    },
    async getUser(userId) {
      try {
        const { data } = await calls.userRead(userId);
        return {
          id: data.id, email: data.email, superAdmin: data.superAdmin === true,
          ...(data.firstName === undefined ? {} : { firstName: data.firstName }), ...(data.lastName === undefined ? {} : { lastName: data.lastName }),
        };
      } catch (error) {
        if (error instanceof CrmError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    async getAccountInfo() {
      const { data } = await calls.accountInfo();
      return data;
    },
    async getCallTranscript(id) {
      try {
        const { data } = await calls.transcriptRead(id);
        return data;
      } catch (error) {
        if (error instanceof CrmError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    withSignal: (extra, { withinMs, oldestFirst } = {}) => buildClient(
      shared,
      signal ? AbortSignal.any([signal, extra]) : extra,
      withinMs === undefined ? deadline : Math.min(deadline ?? Infinity, clock.now() + withinMs),
      oldestFirst ? clock.now() : since,
    ),
  };
}

function isRateLimiter(value: RateLimiter | CrmLimiters | undefined): value is RateLimiter {
  return typeof (value as Partial<RateLimiter> | undefined)?.acquire === 'function';
}

function uniqueIds(ids: readonly string[], operation: string): string[] {
  const bad = ids.find((id) => typeof id !== 'string' || !/^\d+$/.test(id));
  if (bad !== undefined) {
    throw new CrmError({ code: 'VALIDATION', operation, retryable: false, message: `${operation}: ${JSON.stringify(bad)} is not a HubSpot record id; ids are numeric strings such as "101".` });
  }
  return [...new Set(ids)];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

/** Runs `work` over the chunks with at most `limit` in flight; results keep the chunks' order. */
async function inChunks<T, R>(parts: T[][], limit: number, work: (part: T[]) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(parts.length);
  let next = 0;
  const worker = async () => {
    while (next < parts.length) {
      const index = next++;
      results[index] = await work(parts[index] as T[]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, parts.length) }, worker));
  return results;
}

function errorsOf(data: object): StandardError[] {
  return 'errors' in data && Array.isArray(data.errors) ? (data.errors as StandardError[]) : [];
}

function batchError(operation: string, errors: StandardError[]): CrmError {
  const first = errors[0];
  return new CrmError({
    code: 'UNEXPECTED', operation, retryable: false, category: first?.category,
    message: `${operation}: HubSpot reported ${errors.length} unexpected per-record error(s), first: ${first?.category ?? '?'} ${first?.message ?? ''}. Report this with the operation name.`,
  });
}

/** The SDK parses timestamps into Dates; HubSpot sends ISO strings, and so do we. */
function toVersion(version: { value: string; timestamp: Date | string; sourceType: string; sourceId?: string; sourceLabel?: string; updatedByUserId?: number }): CrmPropertyVersion {
  return {
    value: version.value,
    timestamp: new Date(version.timestamp).toISOString(),
    sourceType: version.sourceType,
    ...(version.sourceId === undefined ? {} : { sourceId: version.sourceId }),
    ...(version.sourceLabel === undefined ? {} : { sourceLabel: version.sourceLabel }),
    ...(version.updatedByUserId === undefined ? {} : { updatedByUserId: version.updatedByUserId }),
  };
}

function toOwner(owner: PublicOwner): CrmOwner {
  return { userId: String(owner.userId), ownerId: owner.id, firstName: owner.firstName || null, lastName: owner.lastName || null, email: owner.email ?? null };
}

function toRecord(record: SimplePublicObject): CrmRecord {
  return { id: record.id, properties: { ...record.properties } };
}

function withCursor<T extends object>(page: T, after: string | undefined): T & { after?: string } {
  return after === undefined ? page : { ...page, after };
}

function toPropertyDefinition(property: Property): CrmPropertyDefinition {
  return {
    name: property.name,
    label: property.label,
    type: property.type,
    fieldType: property.fieldType,
    groupName: property.groupName,
    description: property.description,
    options: property.options.map((option) => ({
      label: option.label, value: option.value, displayOrder: option.displayOrder, hidden: option.hidden,
      ...(option.description === undefined ? {} : { description: option.description }),
    })),
    hubspotDefined: property.hubspotDefined ?? false,
    calculated: property.calculated ?? false,
    readOnlyValue: property.modificationMetadata?.readOnlyValue ?? false,
    hidden: property.hidden ?? false,
    archived: property.archived ?? false,
  };
}

function toObjectSchema(schema: ObjectSchema): CrmObjectSchema {
  return {
    objectTypeId: schema.objectTypeId ?? `2-${schema.id}`, name: schema.name, fullyQualifiedName: schema.fullyQualifiedName ?? '',
    labels: { singular: schema.labels.singular ?? schema.name, plural: schema.labels.plural ?? schema.name },
    requiredProperties: [...schema.requiredProperties], properties: schema.properties.map((property) => toPropertyDefinition(property as Property)),
  };
}

/** The SDK turns HubSpot's timestamps into Dates; the app keeps the ISO text. */
function toIso(value: Date | string | undefined): string {
  if (value === undefined) return '';
  return value instanceof Date ? value.toISOString() : value;
}

function toPropertyGroup(group: PropertyGroup): CrmPropertyGroup {
  return { name: group.name, label: group.label, displayOrder: group.displayOrder, archived: group.archived };
}
