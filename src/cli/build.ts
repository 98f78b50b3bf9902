/**
 * Bundles the command line into `dist/cli` (`npm run build:cli`; `npm ci` runs it through `prepare`),
 * so `bin/bant.js` starts plain JavaScript instead of compiling TypeScript at every run. Each
 * command is a chunk of its own, loaded when it runs: `bant score` never loads the HubSpot client.
 * The active model is bundled with it, so it is checked here, once, and the bundle starts with the result.
 */
import { build } from 'esbuild';
import { readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validateModel } from '../engine';
import type { ModelValidation } from '../engine';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The active model as `validateModel` checks it (`src/models/index.ts`'s `ACTIVE_MODEL`), for the
 * bundle to start with: the model cannot change after the build, and checking it is a seventh of
 * `bant score`'s start-up.
 */
export async function checkActiveModel(): Promise<ModelValidation> {
  return validateModel(JSON.parse(await readFile(join(ROOT, 'src/models/bant-model.json'), 'utf8')));
}

/** Builds `src/cli/main.ts` and the commands it loads into `outdir` (default `dist/cli`); returns the entry file. */
export async function buildCli(outdir = join(ROOT, 'dist/cli')): Promise<string> {
  // Built beside and swapped in, so a `bant` running meanwhile (a benchmark, another test run) never
  // finds the folder half written; the old chunks go, since their names change with their content.
  const fresh = `${outdir}.${process.pid}.new`;
  const stale = `${outdir}.${process.pid}.old`;
  await rm(fresh, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(ROOT, 'src/cli/main.ts') },
    outdir: fresh,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ES module builds first: jsonc-parser's UMD build requires its parts at run time.
    mainFields: ['module', 'main'],
    // Packages written as CommonJS call require(); an ES module bundle gets one from Node.
    banner: { js: "import { createRequire as __bantRequire } from 'node:module'; const require = __bantRequire(import.meta.url);" },
    outExtension: { '.js': '.js' },
    legalComments: 'none',
    // Smaller to parse at start-up; names are kept, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    define: { BANT_ACTIVE_MODEL_CHECKED: JSON.stringify(await checkActiveModel()) },
  });
  await rename(outdir, stale).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(fresh, outdir);
  await rm(stale, { recursive: true, force: true });
  return join(outdir, 'main.js');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildCli().then(
    (entry) => console.log(`Built ${entry.slice(ROOT.length + 1)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
