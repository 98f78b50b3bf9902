/**
 * The built bant_settings_api, executed by HubSpot's own local app-function runtime (the one
 * `hs project dev` runs), against the local portal over real HTTP.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../../src/portal';
import type { RunningPortal } from '../../../src/portal';
import { buildFunctions } from '../../../src/app/functions/build';
import type { ContactPreview, SettingsOverview, SettingsResponse } from '../../../src/app/settings/lib/settingsApi';
import { defineBantProperties } from '../../support/bantPortal';

const ROOT = join(import.meta.dirname, '../../..');
const FUNCTIONS_DIR = join(ROOT, 'src/app/functions');

type ExecuteFunction = (config: Record<string, unknown>, name: string, inputs: { parameters?: unknown }, callback: (response: unknown) => void) => Promise<void>;

let running: RunningPortal;
let executeFunction: ExecuteFunction;
let builtFile: string;
let buildDir: string;
let uid: string;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  const meta = JSON.parse(await readFile(join(FUNCTIONS_DIR, 'bant-settings-api-hsmeta.json'), 'utf8')) as { uid: string; config: { entrypoint: string } };
  uid = meta.uid;
  // A private build folder inside the functions folder, so the bundle resolves @hubspot/api-client like the real one.
  buildDir = await mkdtemp(join(FUNCTIONS_DIR, 'dist', 'settings-runtime-test-'));
  const built = await buildFunctions(buildDir);
  builtFile = built.find((file) => basename(file) === basename(meta.config.entrypoint)) ?? '';
  const executor = pathToFileURL(join(ROOT, 'node_modules/@hubspot/ui-extensions-dev-server/dist/lib/serverless/executor.js')).href;
  ({ executeFunction } = (await import(executor)) as { executeFunction: ExecuteFunction });
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
});

afterAll(async () => {
  await running?.close();
  await rm(buildDir, { recursive: true, force: true });
});

/** Runs the function the way `hs project dev` does, with the token and the portal's URL in the environment. */
async function run(parameters: unknown): Promise<unknown> {
  const saved = { PRIVATE_APP_ACCESS_TOKEN: process.env.PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL: process.env.HUBSPOT_API_BASE_URL };
  process.env.PRIVATE_APP_ACCESS_TOKEN = DEFAULT_PORTAL_TOKEN;
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
  return response;
}

describe("the built bant_settings_api in HubSpot's local runtime", () => {
  it('builds to the entry point its hsmeta names', () => {
    expect(basename(builtFile)).toBe('bantSettingsApi.js');
  });

  it('answers the overview with the bundled model and the mapping checks, through the real api-client', async () => {
    running.portal.requests.clear();
    const response = (await run({ action: 'overview' })) as SettingsResponse<SettingsOverview>;
    expect(response.ok && response.data.model?.version).toBe('bant-default@1');
    expect(response.ok && response.data.check).toEqual({ checked: true, mappings: 18, problems: [], warnings: [] });
    expect(running.portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /crm/v3/properties/contacts 200', 'GET /crm/v3/properties/deals 200']);
  });

  it('scores a contact found by email', async () => {
    running.portal.createContact({ email: 'grace@example.com', bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' });
    const response = (await run({ action: 'preview', contact: 'grace@example.com' })) as SettingsResponse<ContactPreview>;
    expect(response.ok && response.data.result).toMatchObject({ score: 80, qualified: true, grade: 'A' });
  });
});
