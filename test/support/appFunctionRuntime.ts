import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildFunctions } from '../../src/app/functions/build';
import { DEFAULT_PORTAL_TOKEN } from '../../src/portal';

const ROOT = join(import.meta.dirname, '../..');
const FUNCTIONS_DIR = join(ROOT, 'src/app/functions');
const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

type ExecuteFunction = (config: Record<string, unknown>, functionName: string, inputs: { parameters?: unknown }, callback: (response: unknown) => void) => Promise<void>;

export interface AppFunctionRuntime {
  /** The built JavaScript file HubSpot would run. */
  builtFile: string;
  /** Runs the function as `hs project dev` does, with the token and portal URL in the environment. */
  run(parameters: unknown, options?: { token?: string }): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Builds the app functions into a private folder and loads HubSpot's own local function runtime
 * (`@hubspot/ui-extensions-dev-server` dist/lib/serverless) to execute one of them against `portalUrl`.
 */
export async function loadAppFunction(hsmetaFile: string, portalUrl: string): Promise<AppFunctionRuntime> {
  const meta = JSON.parse(await readFile(join(FUNCTIONS_DIR, hsmetaFile), 'utf8')) as { uid: string; config: { entrypoint: string } };
  // Inside the functions folder, so the bundle resolves @hubspot/api-client as the real one does.
  // dist/ is not committed: a fresh clone has none yet.
  await mkdir(join(FUNCTIONS_DIR, 'dist'), { recursive: true });
  const buildDir = await mkdtemp(join(FUNCTIONS_DIR, 'dist', 'runtime-test-'));
  const builtFile = (await buildFunctions(buildDir)).find((file) => basename(file) === basename(meta.config.entrypoint)) ?? '';
  // The package exports only `.` and `./build`; the runtime is imported by file, as PLATFORM.md records.
  const executor = pathToFileURL(join(ROOT, 'node_modules/@hubspot/ui-extensions-dev-server/dist/lib/serverless/executor.js')).href;
  const { executeFunction } = (await import(executor)) as { executeFunction: ExecuteFunction };
  return {
    builtFile,
    async run(parameters, options = {}) {
      const saved = { PRIVATE_APP_ACCESS_TOKEN: process.env.PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL: process.env.HUBSPOT_API_BASE_URL };
      process.env.PRIVATE_APP_ACCESS_TOKEN = options.token ?? DEFAULT_PORTAL_TOKEN;
      process.env.HUBSPOT_API_BASE_URL = portalUrl;
      let response: unknown;
      try {
        await executeFunction(
          {
            accountId: 123, app: { path: join(ROOT, 'src/app') }, functionTimeoutMs: 15_000, platformVersion: '2026.03',
            hubspotApiOrigin: portalUrl, hubspotWebsiteOrigin: portalUrl, logger: SILENT,
            appFunctions: { [meta.uid]: { resolvedPath: builtFile, secrets: [], componentRoot: FUNCTIONS_DIR } },
          },
          meta.uid,
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
    },
    close: () => rm(buildDir, { recursive: true, force: true }),
  };
}
