import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrmClient } from '../../src/crm';
import { signRequest } from '../../src/crm/verifySignature';
import { BANT_DEFAULT } from '../../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../src/portal';
import type { RunningPortal } from '../../src/portal';
import { defineBantProperties } from '../support/bantPortal';
import { runCli } from '../support/runCli';
import { RECEIVER_REQUEST_TIMEOUT_MS, receiverCrmOptions } from '../../src/cli/receiver';
import { createVersionStore } from '../../src/versions';
import { budgetVariant, contactsWrongUnder, editPublishedByHand, seedPublishedModel } from '../versions/support';

let running: RunningPortal;
beforeAll(async () => {
  running = await startPortal({ rateLimit: false });
  defineBantProperties(running.portal, BANT_DEFAULT);
});
afterAll(() => running.close());

describe('bant receiver', () => {
  it('refuses to start without the client secret, naming the variable', async () => {
    expect(await runCli(['receiver', '--port', '0'], '', { PRIVATE_APP_ACCESS_TOKEN: 'x' })).toEqual({
      code: 2,
      stdout: '',
      stderr: "bant receiver: HUBSPOT_CLIENT_SECRET is missing: set it to the app's client secret so webhook signatures can be checked\n",
    });
  });

  it("builds its CRM client to send a delivery's chunks together, share reads between deliveries and retry a 5xx sooner, with its short request timeout unless HUBSPOT_TIMEOUT_MS sets one", () => {
    expect(receiverCrmOptions({})).toEqual({ concurrency: 5, shareReads: true, retry: { baseDelayMs: 100 }, timeoutMs: RECEIVER_REQUEST_TIMEOUT_MS });
    expect(receiverCrmOptions({ HUBSPOT_TIMEOUT_MS: '3000' })).toEqual({ concurrency: 5, shareReads: true, retry: { baseDelayMs: 100 } });
  });

  it('refuses a port that is not a number', async () => {
    expect((await runCli(['receiver', '--port', 'http'], '', { HUBSPOT_CLIENT_SECRET: 's' })).stderr).toBe('bant receiver: --port "http" is not a port number (0–65535)\n');
  });

  it('refuses to start against a portal without the properties it writes, naming them and the fix', async () => {
    const bare = await startPortal({ rateLimit: false });
    try {
      const { code, stdout, stderr } = await runCli(['receiver', '--port', '0'], '', { HUBSPOT_CLIENT_SECRET: 's', PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: bare.url });
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(/^bant receiver: the portal lacks \d+ of the contact properties bant receiver writes \(.*bant_score.*\), so no score could be stored; run bant setup \(then bant check\), then start bant receiver again\n$/);
      // One request for the check (after the one that looks for a published model), and nothing written.
      expect(bare.portal.requests.map((r) => `${r.method} ${r.path}`).filter((call) => call.includes('/properties/'))).toEqual(['GET /crm/v3/properties/contacts']);
      expect(bare.portal.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await bare.close();
    }
  });

  it('serves signed webhooks against the portal in the environment until stopped', async () => {
    const deal = running.portal.createDeal({ dealname: 'CLI', amount: '65000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    const contact = running.portal.createContact({ email: 'cli@acme.example' }).id;
    running.portal.associate('deals', deal, 'contacts', contact);

    const stop = new AbortController();
    const env = { HUBSPOT_CLIENT_SECRET: 'secret', PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: running.url };
    let announce: (url: string) => void = () => {};
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const finished = runCli(['receiver', '--port', '0'], '', env, {
      signal: stop.signal,
      onStdout: (text) => {
        const match = /listening on (http:\/\/\S+)/.exec(text);
        if (match) announce(match[1]!);
      },
    });
    const url = await listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const body = JSON.stringify([{ eventId: 1, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: Number(deal), propertyName: 'amount', propertyValue: '65000' }]);
    const timestamp = Date.now();
    const response = await fetch(`${url}/webhooks`, { method: 'POST', body, headers: { 'X-HubSpot-Signature-v3': signRequest('POST', `${url}/webhooks`, body, 'secret', timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) } });
    expect(response.status).toBe(200);
    expect(running.portal.getRecord('contacts', contact)!.properties.bant_budget_points).toBe('15');
    stop.abort('SIGINT');
    const result = await finished;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/POST \/webhooks → 200 1 contact\(s\) recalculated, 1 written/);
    expect(result.stdout).toMatch(/stopping: no new deliveries; those in flight get 1 s, then answer 500 and HubSpot redelivers them\n.*stopped\n$/);
  });

  it('on SIGTERM, answers a delivery still waiting for HubSpot with 500 within the grace period and exits 143', async () => {
    const deal = running.portal.createDeal({ dealname: 'CLI', amount: '65000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    running.portal.requests.clear();
    running.portal.failNext({ path: /\/associations\/deals\/contacts\/batch\/read$/, hang: true });
    const stop = new AbortController();
    const env = { HUBSPOT_CLIENT_SECRET: 'secret', PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: running.url, HUBSPOT_TIMEOUT_MS: '60000' };
    let announce: (url: string) => void = () => {};
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const finished = runCli(['receiver', '--port', '0'], '', env, {
      signal: stop.signal,
      onStdout: (text) => {
        const match = /listening on (http:\/\/\S+)/.exec(text);
        if (match) announce(match[1]!);
      },
    });
    const url = await listening;
    const body = JSON.stringify([{ eventId: 2, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: Number(deal), propertyName: 'amount', propertyValue: '65000' }]);
    const timestamp = Date.now();
    const delivery = fetch(`${url}/webhooks`, { method: 'POST', body, headers: { 'X-HubSpot-Signature-v3': signRequest('POST', `${url}/webhooks`, body, 'secret', timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) } });
    while (!running.portal.requests.some((r) => r.status === 0)) await new Promise((resolve) => setTimeout(resolve, 5));

    stop.abort('SIGTERM');

    const response = await delivery;
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ status: 'error', message: 'the receiver is stopping; HubSpot will redeliver' });
    expect((await finished).code).toBe(143);
  });

  it('scores with the version published in the portal, and refuses to start when that version was edited by hand', async () => {
    const objectTypeId = seedPublishedModel(running.portal, budgetVariant(25), 2);
    const deal = running.portal.createDeal({ dealname: 'Published', amount: '130000', createdate: '2026-09-01', dealstage: 'qualifiedtobuy' }).id;
    const contact = running.portal.createContact({ email: 'published@acme.example' }).id;
    running.portal.associate('deals', deal, 'contacts', contact);

    const stop = new AbortController();
    const env = { HUBSPOT_CLIENT_SECRET: 'secret', PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: running.url };
    let announce: (line: string) => void = () => {};
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const finished = runCli(['receiver', '--port', '0', '--no-rescore'], '', env, { signal: stop.signal, onStdout: (text) => text.includes('listening on') && announce(text) });
    const line = await listening;
    expect(line).toMatch(/, scoring with the published version bant-default@2\n$/);
    const url = /listening on (http:\/\/\S+)/.exec(line)![1]!;
    const body = JSON.stringify([{ eventId: 2, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: Number(deal), propertyName: 'amount', propertyValue: '130000' }]);
    const timestamp = Date.now();
    const response = await fetch(`${url}/webhooks`, { method: 'POST', body, headers: { 'X-HubSpot-Signature-v3': signRequest('POST', `${url}/webhooks`, body, 'secret', timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) } });
    expect(response.status).toBe(200);
    expect(running.portal.getRecord('contacts', contact)!.properties).toMatchObject({ bant_budget_points: '25', bant_model_version: 'bant-default@2' });
    stop.abort('SIGINT');
    expect((await finished).code).toBe(130);

    editPublishedByHand(running.portal, objectTypeId, (json) => json.replace('"points":25', '"points":30'));
    expect(await runCli(['receiver', '--port', '0'], '', env)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bant receiver: the published model cannot be used: bant-default@2: the stored model does not match its checksum; it was changed outside the BANT app; push a corrected model as a new version (bant model push), then publish it\n',
    });
  });

  it('after a publish, brings every contact to the new version in the background, with its progress in the portal', async () => {
    const own = await startPortal({ rateLimit: false });
    const dir = await mkdtemp(join(tmpdir(), 'bant-receiver-'));
    try {
      defineBantProperties(own.portal, BANT_DEFAULT);
      seedPublishedModel(own.portal, BANT_DEFAULT, 1);
      for (let i = 0; i < 30; i++) {
        const contact = own.portal.createContact(i % 2 === 0 ? { bant_budget: String(20_000 * i), bant_authority: 'director' } : { bant_need: 'partial' }).id;
        if (i % 3 === 0) {
          const deal = own.portal.createDeal({ dealname: `Deal ${i}`, amount: '120000', closedate: '2030-01-15', dealstage: 'qualifiedtobuy' }).id;
          own.portal.associate('contacts', contact, 'deals', deal);
        }
      }
      const store = createVersionStore(createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: own.url }));
      const doneWith = async (name: string) => {
        for (let waited = 0; waited < 20_000; waited += 100) {
          const progress = await store.readRescoreProgress();
          if (progress?.name === name && progress.state === 'done') return progress;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`the background rescore to ${name} did not finish`);
      };
      const stop = new AbortController();
      const env = { HUBSPOT_CLIENT_SECRET: 'secret', PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: own.url };
      const finished = runCli(['receiver', '--port', '0', '--checkpoint', join(dir, 'checkpoint.json')], '', env, { signal: stop.signal });

      // Started with version 1 published and no contact scored: it catches up at once.
      expect(await doneWith('bant-default@1')).toMatchObject({ done: 30, total: 30, written: 30, errors: 0 });
      expect(contactsWrongUnder(own.portal, BANT_DEFAULT, new Date())).toEqual([]);

      await store.push(budgetVariant(25), { by: 'ann', note: 'Budget worth less' });
      await store.publish(2, { by: 'ann', note: 'Friday change', at: new Date().toISOString() });
      expect(await doneWith('bant-default@2')).toMatchObject({ done: 30, total: 30, errors: 0 });
      expect(contactsWrongUnder(own.portal, { ...budgetVariant(25), version: 'bant-default@2' }, new Date())).toEqual([]);

      stop.abort();
      const result = await finished;
      expect(result.code).toBe(130);
      expect(result.stdout).toMatch(/background rescore: every contact is scored with bant-default@1: 30 contacts, 30 written\n/);
      expect(result.stdout).toMatch(/background rescore: every contact is scored with bant-default@2: 30 contacts, \d+ written\n/);
    } finally {
      await own.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
