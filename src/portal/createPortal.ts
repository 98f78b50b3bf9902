import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { errorBody, unwrap } from './errors';
import type { HubSpotErrorBody } from './errors';
import { createRandom } from './random';
import { createRateWindow } from './rateWindow';
import type { RateWindow } from './rateWindow';
import { createTranscriptStore } from './transcripts';
import type { TranscriptUtterance } from './transcripts';
import { createRoutes } from './routes';
import type { Route, RouteResponse } from './routes';
import { createStore } from './store';
import type { PortalStore, SchemaInput, SimplePublicObjectJson } from './store';
import type { AnyObjectType, ObjectType, PortalUser, PropertyDefinition, PropertyGroup, PropertyInput, PropertyValueInput, StoredSchema, WriteSource } from './types';

export const DEFAULT_PORTAL_TOKEN = 'local-portal-token';
/** The id HubSpot gives the app: writes made with its token appear in history as INTEGRATION from this id. */
export const DEFAULT_APP_ID = '3141592';
/**
 * A Hub ID for tests that want a fixed one. A local portal otherwise gets a random one, as a new
 * HubSpot account would, so two portals are never taken for one (custom objects are named `p<id>_<name>`).
 */
export const DEFAULT_PORTAL_ID = 4010;

export interface PortalRateLimit {
  /** Requests per rolling window (HubSpot Professional/Enterprise private apps: 190 per 10 s). */
  limit: number;
  windowMs: number;
  /** Search requests per rolling search window (HubSpot: 5 per second). */
  searchLimit: number;
  searchWindowMs: number;
}

export interface PortalFaults {
  /** Probability (0..1) that an accepted request answers 429 anyway. */
  rate429: number;
  /** Probability (0..1) that an accepted request answers 500. */
  rate500: number;
  /** Added latency for every request, in real milliseconds. */
  delayMs: number;
  /** Seed of the PRNG drawing the random faults: the same seed fails the same requests. */
  seed: number;
  /** Retry-After (seconds) sent with random 429s. */
  retryAfterSeconds: number;
  /**
   * Probability (0..1) that an accepted request is carried out but never answered: the connection
   * stays open until the client gives up (logged with status 0).
   */
  rateHang: number;
}

export interface PortalOptions {
  /** The bearer token the portal accepts; `false` turns authentication off. */
  token?: string | false;
  /**
   * Whether the account has HubSpot's Leads object (Sales Hub Professional and Enterprise) and the
   * app its scopes (default true); without, every request about leads answers 403 MISSING_SCOPES.
   */
  leads?: boolean;
  rateLimit?: Partial<PortalRateLimit> | false;
  faults?: Partial<PortalFaults>;
  /** The portal's clock (ms); inject one to test rate windows without waiting. */
  now?: () => number;
  /** The account id (Hub ID); a new random one per portal unless given. */
  portalId?: number;
  /** The app's id, recorded as the source of every write made through the API (default DEFAULT_APP_ID). */
  appId?: string;
  /** The rest of the account's details (`GET /account-info/v3/details`). */
  account?: Partial<Omit<PortalAccount, 'portalId'>>;
}

/** What HubSpot's account details say about an account. */
export interface PortalAccount {
  portalId: number;
  accountType: 'STANDARD' | 'DEVELOPER_TEST' | 'SANDBOX' | 'APP_DEVELOPER';
  timeZone: string;
  companyCurrency: string;
  additionalCurrencies: string[];
  utcOffset: string;
  utcOffsetMilliseconds: number;
  uiDomain: string;
  dataHostingLocation: string;
}

export interface PortalRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  status: number;
  time: number;
}

export type RequestLog = PortalRequest[] & { clear(): void };

/** Make the next `count` requests matching `path` (and `method`) fail with `status`. */
export interface FailNextRule {
  path: string | RegExp;
  method?: string;
  count?: number;
  status?: number;
  /** For 429s: the Retry-After header in seconds; omitted when undefined. */
  retryAfterSeconds?: number;
  /** For 429s: HubSpot's policy name (default TEN_SECONDLY_ROLLING). */
  policyName?: string;
  /** Accept the request and never answer it (until the client gives up); `status` is then ignored. */
  hang?: boolean;
}

export interface Portal {
  readonly store: PortalStore;
  readonly requests: RequestLog;
  readonly token: string | false;
  readonly rateLimit: PortalRateLimit | false;
  readonly faults: PortalFaults;
  readonly account: PortalAccount;
  /** msw handlers serving HubSpot's API under `baseUrl`, e.g. `https://api.hubapi.com`. */
  handlers(baseUrl: string): HttpHandler[];
  failNext(rule: FailNextRule): void;
  /** The app's id: the source id of every write made through the API. */
  readonly appId: string;
  /**
   * The helpers below write as someone other than the app: by default the account's first user
   * (created with the portal) in HubSpot's record page (`CRM_UI`); pass `source` for an import, a
   * workflow or another integration (`asUser` for another user).
   */
  createRecord(type: AnyObjectType, properties?: Record<string, PropertyValueInput>, source?: WriteSource): SimplePublicObjectJson;
  createContact(properties?: Record<string, PropertyValueInput>, source?: WriteSource): SimplePublicObjectJson;
  createDeal(properties?: Record<string, PropertyValueInput>, source?: WriteSource): SimplePublicObjectJson;
  createCompany(properties?: Record<string, PropertyValueInput>, source?: WriteSource): SimplePublicObjectJson;
  updateRecord(type: AnyObjectType, id: string, properties: Record<string, PropertyValueInput>, source?: WriteSource): SimplePublicObjectJson;
  /** The write source of a user editing a record in HubSpot's record page. */
  asUser(userId: string | number): WriteSource;
  archiveRecord(type: AnyObjectType, id: string): void;
  /** Every stored value of a live record, or undefined. */
  getRecord(type: AnyObjectType, id: string): { id: string; properties: Record<string, string> } | undefined;
  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void;
  dissociate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void;
  associatedIds(fromType: ObjectType, fromId: string, toType: ObjectType): string[];
  defineProperty(type: ObjectType, input: PropertyInput): PropertyDefinition;
  defineGroup(type: ObjectType, input: { name: string; label: string; displayOrder?: number }): PropertyGroup;
  /** Creates a custom object as the schemas API does; records then live under its type id `2-<n>`. */
  defineSchema(input: SchemaInput): StoredSchema;
  /** A custom object's type id from `2-<n>`, `p<account>_<name>` or `p_<name>`. */
  customObjectType(name: string): AnyObjectType | undefined;
  /** Attaches a call transcript (HubSpot's calling transcripts API); its id, or null when the call does not exist. */
  addTranscript(callId: string, utterances: TranscriptUtterance[], source?: 'HUBSPOT_GENERATED' | 'INTEGRATOR_GENERATED'): string | null;
  /** Adds a user to the account (superAdmin false unless given). */
  defineUser(input: Omit<PortalUser, 'id' | 'roleIds' | 'superAdmin'> & Partial<Pick<PortalUser, 'id' | 'roleIds' | 'superAdmin'>>): PortalUser;
}

const DEFAULT_RATE_LIMIT: PortalRateLimit = { limit: 190, windowMs: 10_000, searchLimit: 5, searchWindowMs: 1_000 };
const DEFAULT_FAULTS: PortalFaults = { rate429: 0, rate500: 0, delayMs: 0, seed: 1, retryAfterSeconds: 1, rateHang: 0 };
/** How long a hung request holds on when its client never gives up (the HTTP server or msw then lets go). */
const HANG_MS = 120_000;

/** A HubSpot-compatible account in memory, served through msw handlers. */
export function createPortal(options: PortalOptions = {}): Portal {
  const now = options.now ?? Date.now;
  const portalId = options.portalId ?? 10_000_000 + Math.floor(Math.random() * 89_999_999);
  const api = createStore(now, portalId);
  const appId = options.appId ?? DEFAULT_APP_ID;
  const routes = createRoutes(api, now, { sourceType: 'INTEGRATION', sourceId: appId });
  const admin = api.defineUser({ email: 'admin@example.com', firstName: 'Portal', lastName: 'Admin', superAdmin: true });
  const asUser = (userId: string | number): WriteSource => ({ sourceType: 'CRM_UI', sourceId: `userId:${userId}`, updatedByUserId: Number(userId) });
  const token = options.token ?? DEFAULT_PORTAL_TOKEN;
  const rateLimit = options.rateLimit === false ? false : { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  const faults: PortalFaults = { ...DEFAULT_FAULTS, ...options.faults };
  const account: PortalAccount = {
    accountType: 'STANDARD', timeZone: 'US/Eastern', companyCurrency: 'USD',
    additionalCurrencies: [], utcOffset: '-05:00', utcOffsetMilliseconds: -18_000_000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1', ...options.account, portalId,
  };
  const random = createRandom(faults.seed);
  const windows: { all: RateWindow; search: RateWindow } | undefined = rateLimit
    ? { all: createRateWindow(rateLimit.limit, rateLimit.windowMs), search: createRateWindow(rateLimit.searchLimit, rateLimit.searchWindowMs) }
    : undefined;
  const failRules: Array<Required<Pick<FailNextRule, 'path' | 'count' | 'status'>> & FailNextRule> = [];
  const transcripts = createTranscriptStore(now, (id) => api.getRecord('calls', id) !== undefined, (callId, transcriptId) => {
    unwrap(api.updateRecord('calls', callId, { hs_call_has_transcript: 'true', hs_call_transcription_id: transcriptId }, asUser(admin.id)));
  });
  const requests: RequestLog = Object.assign([] as PortalRequest[], {
    clear() {
      requests.length = 0;
    },
  });

  function handlers(baseUrl: string): HttpHandler[] {
    const base = baseUrl.replace(/\/+$/, '');
    const objects = `${base}/crm/v3/objects/:objectType`;
    const properties = `${base}/crm/v3/properties/:objectType`;
    const serve = (route: Route, options: { search?: boolean } = {}) =>
      async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) =>
        handle(request, stringParams(params), route, base, options.search ?? false);
    return [
      http.post(`${objects}/batch/read`, serve(routes.batchRead)),
      http.post(`${objects}/batch/update`, serve(routes.batchUpdate)),
      http.post(`${objects}/search`, serve(routes.search, { search: true })),
      http.get(`${objects}/:objectId`, serve(routes.getOne)),
      http.patch(`${objects}/:objectId`, serve(routes.updateOne)),
      http.get(objects, serve(routes.list)),
      http.post(objects, serve(routes.createOne)),
      http.post(`${base}/crm/v4/associations/:fromObjectType/:toObjectType/batch/read`, serve(routes.associationBatchRead)),
      http.get(`${base}/crm/v3/pipelines/:objectType`, serve(routes.getPipelines)),
      http.get(`${properties}/groups`, serve(routes.getGroups)),
      http.post(`${properties}/groups`, serve(routes.createGroup)),
      http.get(`${properties}/:propertyName`, serve(routes.getProperty)),
      http.patch(`${properties}/:propertyName`, serve(routes.updateProperty)),
      http.get(properties, serve(routes.getProperties)),
      http.post(properties, serve(routes.createProperty)),
      // The SDK calls the schemas API under /crm-object-schemas; HubSpot still serves the older /crm/v3/schemas.
      ...['crm-object-schemas/v3/schemas', 'crm/v3/schemas'].flatMap((path) => [
        http.get(`${base}/${path}`, serve(routes.getSchemas)),
        http.post(`${base}/${path}`, serve(routes.createSchema)),
        http.get(`${base}/${path}/:objectType`, serve(routes.getSchema)),
      ]),
      http.get(`${base}/settings/v3/users/:userId`, serve(routes.getUser)),
      http.get(`${base}/account-info/:version/details`, serve(() => ({ status: 200, body: account }))),
      http.get(`${base}/crm/extensions/calling/:version/transcripts/:transcriptId`, serve(transcripts.routes.getTranscript)),
      http.post(`${base}/crm/extensions/calling/:version/transcripts`, serve(transcripts.routes.createTranscript)),
      http.get(`${base}/crm/v3/owners/`, serve(routes.listOwners)),
      http.get(`${base}/crm/v3/owners`, serve(routes.listOwners)),
      http.get(`${base}/crm/v3/owners/:ownerId`, serve(routes.getOwner)),
      http.all(`${base}/*`, serve(({ params }) => ({
        status: 404,
        body: errorBody('OBJECT_NOT_FOUND', `No API route matches this path (${params.routePath ?? ''}); see https://developers.hubspot.com/docs/api/overview.`),
      }))),
    ];
  }

  async function handle(request: Request, params: Record<string, string>, route: Route, base: string, isSearch: boolean): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length) || '/';
    const time = now();
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let body: unknown;
    let invalidJson: string | undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch (error) {
        invalidJson = (error as Error).message;
        body = text;
      }
    }
    if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: request.method, path, query: queryObject(url.searchParams), body, status, time });
      return HttpResponse.json(payload as HubSpotErrorBody, { status, headers });
    };
    // A request that is never answered: logged with status 0, held until the client gives up.
    const hang = async () => {
      requests.push({ method: request.method, path, query: queryObject(url.searchParams), body, status: 0, time });
      await untilAbortedOr(request.signal, HANG_MS);
      return HttpResponse.json(errorBody('INTERNAL_ERROR', 'the client gave up waiting'), { status: 504 });
    };

    if (token !== false && request.headers.get('authorization') !== `Bearer ${token}`) {
      return answer(401, errorBody('INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview'));
    }

    // Whether HubSpot refuses a single read asking `associations=leads` without the scope, or leaves
    // them out, is not documented: the local portal refuses it, the stricter of the two.
    const asksLeads = url.searchParams.getAll('associations').flatMap((v) => v.split(',')).some((type) => type === 'leads' || type === '0-136');
    if (options.leads === false && (/\/(leads|0-136)(\/|$)/.test(path) || asksLeads)) {
      return answer(403, errorBody('MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.', {
        errors: [{ message: 'One or more of the following scopes are required.', context: { requiredScopes: ['crm.objects.leads.read'] } }],
      }));
    }

    const rule = failRules.find((candidate) => candidate.count > 0 && matchesRule(candidate, request.method, path));
    if (rule) {
      rule.count -= 1;
      if (rule.hang) return hang();
      if (rule.status === 429) {
        return answer(429, rateLimitBody(rule.policyName ?? 'TEN_SECONDLY_ROLLING'),
          rule.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(rule.retryAfterSeconds) });
      }
      return answer(rule.status, errorBody(rule.status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR', `Injected failure (${rule.status}) for ${path}.`));
    }

    let rateHeaders: Record<string, string> = {};
    if (rateLimit && windows) {
      if (isSearch) {
        const taken = windows.search.take(time);
        if (!taken.ok) return answer(429, rateLimitBody('SECONDLY'), { 'Retry-After': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))) });
      }
      const taken = windows.all.take(time);
      const limitHeaders = {
        'X-HubSpot-RateLimit-Max': String(rateLimit.limit),
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(rateLimit.windowMs),
      };
      if (!taken.ok) {
        return answer(429, rateLimitBody('TEN_SECONDLY_ROLLING'), {
          ...limitHeaders,
          'X-HubSpot-RateLimit-Remaining': '0',
          'Retry-After': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))),
        });
      }
      rateHeaders = { ...limitHeaders, 'X-HubSpot-RateLimit-Remaining': String(taken.remaining) };
    }

    // Two draws per request whatever the rates, so the fault sequence depends on the seed alone.
    const draw429 = random();
    const draw500 = random();
    if (draw429 < faults.rate429) {
      return answer(429, rateLimitBody('TEN_SECONDLY_ROLLING'), { ...rateHeaders, 'Retry-After': String(faults.retryAfterSeconds) });
    }
    if (draw500 < faults.rate500) {
      return answer(500, errorBody('INTERNAL_ERROR', 'internal error'), rateHeaders);
    }

    if (invalidJson !== undefined) {
      return answer(400, errorBody('VALIDATION_ERROR', `Invalid input JSON on line 1: ${invalidJson}`), rateHeaders);
    }
    const result: RouteResponse = route({ params: { ...params, routePath: `${request.method} ${path}` }, query: url.searchParams, body, baseUrl: base });
    // Drawn only when hangs are asked for, so seeds keep failing the same requests as before this fault existed.
    if (faults.rateHang > 0 && random() < faults.rateHang) return hang();
    return answer(result.status, result.body, rateHeaders);
  }

  function matchesRule(rule: FailNextRule, method: string, path: string): boolean {
    if (rule.method && rule.method.toUpperCase() !== method) return false;
    return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
  }

  const toPlain = (type: AnyObjectType, id: string) => {
    const record = api.getRecord(type, id);
    return record ? { id: record.id, properties: Object.fromEntries(record.properties) } : undefined;
  };
  const allProperties = (type: AnyObjectType) => [...(api.store.properties[type]?.keys() ?? [])];
  const createRecord = (type: AnyObjectType, properties: Record<string, PropertyValueInput> = {}, source: WriteSource = asUser(admin.id)) =>
    api.toJson(type, unwrap(api.createRecord(type, properties, source)), allProperties(type));

  return {
    store: api.store,
    requests,
    token,
    rateLimit,
    faults,
    account,
    handlers,
    failNext(rule) {
      failRules.push({ ...rule, count: rule.count ?? 1, status: rule.status ?? 500 });
    },
    appId,
    createRecord,
    createContact: (properties, source) => createRecord('contacts', properties, source),
    createDeal: (properties, source) => createRecord('deals', properties, source),
    createCompany: (properties, source) => createRecord('companies', properties, source),
    updateRecord: (type, id, properties, source = asUser(admin.id)) => api.toJson(type, unwrap(api.updateRecord(type, id, properties, source)), allProperties(type)),
    asUser,
    archiveRecord: (type, id) => void unwrap(api.archiveRecord(type, id)),
    getRecord: toPlain,
    addTranscript: (callId, utterances, source) => transcripts.add(callId, utterances, source),
    associate: (fromType, fromId, toType, toId) => unwrap(api.associate(fromType, fromId, toType, toId)),
    dissociate: api.dissociate,
    associatedIds: api.associatedIds,
    defineProperty: (type, input) => unwrap(api.defineProperty(type, input)),
    defineGroup: (type, input) => unwrap(api.defineGroup(type, input)),
    defineSchema: (input) => unwrap(api.defineSchema(input)),
    customObjectType: (name) => api.customObjectType(name),
    defineUser: api.defineUser,
  };
}

function untilAbortedOr(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}

function rateLimitBody(policyName: string): HubSpotErrorBody {
  const secondly = policyName === 'SECONDLY';
  return {
    ...errorBody('RATE_LIMITS', secondly ? 'You have reached your secondly limit.' : `You have reached your ${policyName.toLowerCase()} limit.`),
    errorType: 'RATE_LIMIT',
    policyName,
    groupName: secondly ? 'publicapi:search' : 'publicapi:private-app',
  };
}

function stringParams(params: Record<string, string | readonly string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') result[key] = value;
    else if (value) result[key] = value.join('/');
  }
  return result;
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return result;
}
