/**
 * The built function, executed by HubSpot's own local app-function runtime (the one `hs project dev`
 * runs), against the local portal over real HTTP.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../../src/portal';
import type { RunningPortal } from '../../../src/portal';
import { buildFunctions } from '../../../src/app/functions/build';
import type { CardResponse } from '../../../src/app/cards/lib/cardApi';
import { defineBantProperties } from '../../support/bantPortal';

const ROOT = join(import.meta.dirname, '../../..');
const FUNCTIONS_DIR = join(ROOT, 'src/app/functions');

type ExecuteFunction = (
  config: Record<string, unknown>,
  functionName: string,
  inputs: { parameters?: unknown },
  callback: (response: unknown) => void,
) => Promise<void>;

let running: RunningPortal;
let executeFunction: ExecuteFunction;
let builtFile: string;
let buildDir: string;
let uid: string;
let contactId: string;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  const meta = JSON.parse(await readFile(join(FUNCTIONS_DIR, 'bant-card-api-hsmeta.json'), 'utf8')) as { uid: string; config: { entrypoint: string } };
  uid = meta.uid;
  // A private build folder inside the functions folder, so the bundle resolves @hubspot/api-client like the real one.
  buildDir = await mkdtemp(join(FUNCTIONS_DIR, 'dist', 'runtime-test-'));
  const built = await buildFunctions(buildDir);
  builtFile = built.find((file) => basename(file) === basename(meta.config.entrypoint)) ?? '';
  // The package exports only `.` and `./build`; the runtime is imported by file, as PLATFORM.md records.
  const executor = pathToFileURL(join(ROOT, 'node_modules/@hubspot/ui-extensions-dev-server/dist/lib/serverless/executor.js')).href;
  ({ executeFunction } = (await import(executor)) as { executeFunction: ExecuteFunction });
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
});

afterAll(async () => {
  await running?.close();
  await rm(buildDir, { recursive: true, force: true });
});

beforeEach(() => {
  contactId = running.portal.createContact({ bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' }).id;
  running.portal.requests.clear();
});

/** Runs the function the way `hs project dev` does, with the token and the portal's URL in the environment. */
async function run(parameters: unknown, token = DEFAULT_PORTAL_TOKEN): Promise<CardResponse> {
  const saved = { PRIVATE_APP_ACCESS_TOKEN: process.env.PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL: process.env.HUBSPOT_API_BASE_URL };
  process.env.PRIVATE_APP_ACCESS_TOKEN = token;
  process.env.HUBSPOT_API_BASE_URL = running.url;
  let response: unknown;
  try {
    await executeFunction(
      {
        accountId: 123, app: { path: join(ROOT, 'src/app') }, functionTimeoutMs: 15_000, platformVersion: '2026.03',
        hubspotApiOrigin: running.url, hubspotWebsiteOrigin: running.url, logger: silent,
        appFunctions: { [uid]: { resolvedPath: builtFile, secrets: [], componentRoot: FUNCTIONS_DIR } },
      },
      uid,
      { parameters },
      (answer) => {
        response = answer;
      },
    );
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return response as CardResponse;
}

describe('the built bant_card_api in HubSpot\'s local runtime', () => {
  it('builds to the entry point its hsmeta names', () => {
    expect(basename(builtFile)).toBe('bantCardApi.js');
  });

  it('loads a contact through the real api-client', async () => {
    const response = await run({ action: 'load', portalId: 123, contactId });
    expect(response.ok && response.data.result).toMatchObject({ score: 80, qualified: true, grade: 'A' });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'GET /crm/v3/properties/contacts 200',
      'POST /crm/v3/objects/contacts/batch/read 200',
      // HubSpot answers "this contact has no deals" as a multi-status with a per-id error.
      'POST /crm/v4/associations/contacts/deals/batch/read 207',
    ]);
  });

  it('saves answers and derived properties in exactly one batch update', async () => {
    const response = await run({ action: 'save', portalId: 123, contactId, answers: { bant_authority: 'director' } });
    expect(response.ok && response.data.result.score).toBe(85);
    const updates = running.portal.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/objects/contacts/batch/update');
    expect(updates).toHaveLength(1);
    const [input] = (updates[0]?.body as { inputs: Array<{ id: string; properties: Record<string, string> }> }).inputs;
    expect(input?.id).toBe(contactId);
    expect(input?.properties).toMatchObject({ bant_authority: 'director', bant_score: '85', bant_authority_points: '20', bant_grade: 'A', bant_qualified: 'true', bant_model_version: 'bant-default@1' });
    expect(running.portal.getRecord('contacts', contactId)?.properties).toMatchObject({ bant_authority: 'director', bant_score: '85' });
  });

  it('refuses an invalid answer and sends HubSpot nothing', async () => {
    const response = await run({ action: 'save', portalId: 123, contactId, answers: { bant_budget: 'lots' } });
    expect(response).toEqual({
      ok: false,
      error: {
        code: 'invalid_answers',
        retryable: false,
        message: 'Nothing was saved: 1 answer needs fixing. Budget: "lots" is not a number; enter digits only, like 120000.',
        fields: [{ property: 'bant_budget', criterion: 'budget', value: 'lots', message: 'Budget: "lots" is not a number; enter digits only, like 120000.' }],
      },
    });
    expect(running.portal.requests).toHaveLength(0);
  });

  it('answers a failure as data, never a stack trace, when the token is wrong', async () => {
    const response = await run({ action: 'load', portalId: 123, contactId }, 'not-the-token');
    expect(!response.ok && response.error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(JSON.stringify(response)).not.toMatch(/\bat .+\.(js|ts):\d+/);
    expect(running.portal.requests.map((r) => r.status)).toEqual([401, 401, 401]);
  });
});
