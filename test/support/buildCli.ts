import { buildCli } from '../../src/cli/build';

/** Vitest global setup: tests that start `bin/bant.js` run the bundle of the sources under test. */
export default async function setup(): Promise<void> {
  await buildCli();
}
