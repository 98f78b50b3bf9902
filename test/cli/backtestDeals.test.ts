import { describe, expect, it } from 'vitest';
import { startPortal } from '../../src/portal';
import { history } from '../backtest/dealHistory';
import { runCli } from '../support/runCli';

describe('bant backtest --from-portal --object deals', () => {
  it('is what bant backtest --from-portal --object deals prints, and refuses --object deals without the portal', async () => {
    const clock = { now: 0 };
    const running = await startPortal({ rateLimit: false, now: () => clock.now });
    try {
      history(running.portal, clock);
      const env = { PRIVATE_APP_ACCESS_TOKEN: 'local-portal-token', HUBSPOT_API_BASE_URL: running.url };
      const { code, stdout } = await runCli(['backtest', '--from-portal', '--object', 'deals', '--json', '--now', '2026-11-23T00:00:00Z'], '', env);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).input).toMatchObject({ source: 'portal', name: `${running.url} (closed deals)`, used: 2 });
      const refused = await runCli(['backtest', 'export.csv', '--object', 'deals'], '', env);
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--object deals reads closed deals and their committees from the portal; add --from-portal') });
    } finally {
      await running.close();
    }
  });
});
