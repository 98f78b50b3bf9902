/**
 * Bundles the app functions' TypeScript into the JavaScript entry points their hsmeta files name:
 * `npm run build:functions` (run it before `hs project upload`). Each `*-hsmeta.json` of type
 * `app-function` names `/app/functions/dist/<name>.js`, built from `<name>.ts` beside it. Everything
 * is bundled except `@hubspot/api-client`, which HubSpot installs from this folder's package.json.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FUNCTIONS_DIR = dirname(fileURLToPath(import.meta.url));

/** Built file name (without .js) → its TypeScript source, read from the functions' hsmeta files. */
function functionEntryPoints(dir = FUNCTIONS_DIR): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith('-hsmeta.json')).sort()) {
    const meta = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { type?: string; config?: { entrypoint?: string } };
    const entrypoint = meta.config?.entrypoint ?? '';
    if (meta.type !== 'app-function') continue;
    if (!/^\/app\/functions\/dist\/[A-Za-z0-9_-]+\.js$/.test(entrypoint)) {
      throw new Error(`${file}: entrypoint "${entrypoint}" must be /app/functions/dist/<name>.js, built from <name>.ts in src/app/functions.`);
    }
    const name = basename(entrypoint, '.js');
    entries[name] = join(dir, `${name}.ts`);
  }
  return entries;
}

/** Builds every function into `outdir` (default `src/app/functions/dist`); returns the built files. */
export async function buildFunctions(outdir = join(FUNCTIONS_DIR, 'dist')): Promise<string[]> {
  const entryPoints = functionEntryPoints();
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['@hubspot/api-client'],
    logLevel: 'warning',
  });
  return Object.keys(entryPoints).map((name) => join(outdir, `${name}.js`));
}

// No top-level await: this folder's package.json is CommonJS, as HubSpot's runtime needs for the bundles.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildFunctions().then(
    (built) => console.log(`Built ${built.map((file) => file.slice(process.cwd().length + 1)).join(', ')}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
