import { describe, expect, it } from 'vitest';
import { checkActiveModel } from '../../src/cli/build';
import { ACTIVE_MODEL } from '../../src/models';

describe('the command line bundle starts with the active model checked at build time', () => {
  it('is what checking the model file at start-up gives', async () => {
    const checked = await checkActiveModel();
    expect(checked.ok).toBe(true);
    expect(checked).toStrictEqual(ACTIVE_MODEL);
  });

  it('survives being written into the bundle as JSON, nothing lost or changed', async () => {
    const checked = await checkActiveModel();
    expect(JSON.parse(JSON.stringify(checked))).toStrictEqual(checked);
  });
});
