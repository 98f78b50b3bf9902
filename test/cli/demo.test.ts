import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../src/crm/verifySignature';
import { DEMO_CLIENT_SECRET } from '../../src/demo/runDemo';
import { runCli } from '../support/runCli';

describe('bant demo (npm start)', () => {
  it('sets up and scores the demo portal, then shows each scripted change with scores before and after', async () => {
    // What an interrupted earlier demo (or another portal) could leave behind: it must not be continued.
    await mkdir(join('.bant', 'demo'), { recursive: true });
    await writeFile(join('.bant', 'demo', 'rescore-checkpoint.json'), JSON.stringify({ version: 2, identity: { portalId: '1', baseUrl: 'http://127.0.0.1:4010', modelVersion: 'bant-default@1', modelChecksum: 'x', selection: { kind: 'all' }, now: null }, cursor: '99999', done: 19_300, written: 19_300, unchanged: 0, missing: [], failed: [], grades: {}, startedAt: '2026-11-01T00:00:00.000Z' }));
    const { code, stdout, stderr } = await runCli(['demo', '--once', '--portal-port', '0', '--port', '0', '--contacts', '120']);
    // stderr carries only rescore's progress lines.
    expect(stderr.split('\n').filter((line) => line && !line.startsWith('rescore: '))).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Local HubSpot portal on http:\/\/127\.0\.0\.1:\d+: 120 contacts/);
    // The bundled model with deal committees turned on, set up (deal properties too), pushed and published.
    const modelFile = join('.bant', 'demo', 'bant-model.json');
    expect(stdout).toContain(`$ bant setup --model ${modelFile}`);
    expect(stdout).toMatch(/bant setup: model bant-default@1 \(BANT \(default\)\), deal properties of /);
    expect(stdout).toContain(`$ bant model push ${modelFile} --note "The bundled model, rolling up deal committees"\nversion 1\nPushed bant-default@1 as a draft`);
    expect(stdout).toContain('$ bant model publish 1 --note "Go live"\nPublished bant-default@1.\n');
    expect(stdout).toContain(`$ bant rescore --checkpoint ${join('.bant', 'demo', 'rescore-checkpoint.json')} --restart`);
    expect(stdout).toMatch(/rescored 120 contacts with bant-default@1 .*: 120 written, 0 unchanged/);
    // The same run rolls up every deal's committee, since the model stores them.
    expect(stdout).toMatch(/rescore[^\n]*120 contacts[^]*\nrescored \d+ deals with bant-default@1 .*: \d+ written, 0 unchanged/);
    expect(stdout).toMatch(/• A rep raises a deal amount: ".+" amount [\d,]+ → 150,000\n {2}\d\d:\d\d:\d\d receiver: POST \/webhooks → 200 \d+ contact\(s\) recalculated, [1-9]\d* written/);
    expect(stdout).toMatch(/score \d+ → \d+, grade [A-D] → [A-D]/);
    // The committee story: a deal held back only by its authority qualifies as a director joins, in one delivery.
    const joined = /• A director joins a deal's buying committee, which completes it: Dana Reyes \(Director of Operations\) joins "(.+)" \((\d+) contacts, score (\d+), not qualified: No one at Director level or above yet\)\n {2}\d\d:\d\d:\d\d receiver: POST \/webhooks → 200 1 contact\(s\) recalculated, 1 written, 0 unchanged; 1 committee\(s\) rolled up, 1 written; 0 event\(s\) ignored, 0 duplicate\(s\)\n {4}Dana Reyes \(\d+\): written, score — → \d+, grade — → [A-D]\n {4}deal "(.+)" \(\d+\): written, score (\d+) → (\d+), not qualified → qualified, committee (\d+) → (\d+) contacts\n {6}Authority: Director, from Dana Reyes\n {2}→ 200 \(\d+ API calls\)/.exec(stdout);
    expect(joined).not.toBeNull();
    const [, dealName, size, score, sameDeal, before, after, sizeBefore, sizeAfter] = joined!;
    expect([sameDeal, before, sizeBefore, Number(sizeAfter)]).toEqual([dealName, score, size, Number(size) + 1]);
    expect(Number(after)).toBeGreaterThan(Number(before));
    expect(stdout).toMatch(/• The app's own write comes back as an event and is ignored: .*\n {2}\d\d:\d\d:\d\d receiver: POST \/webhooks → 200 0 contact\(s\) recalculated, 0 written, 0 unchanged; 1 event\(s\) ignored, 0 duplicate\(s\)\n {2}→ 200 \(0 API calls\)/);
    expect(stdout).toMatch(/• HubSpot delivers the first event again: .*\n {2}\d\d:\d\d:\d\d receiver: POST \/webhooks → 200 1 event\(s\) already handled; nothing to do; 1 replayed event\(s\) answered without a CRM call\n {2}→ 200 \(0 API calls\)/);
    expect(stdout).toMatch(/Backtest of the demo export \(129 closed leads, 30 won\): win rate by grade A 42%, B 31%, C 25%, D 13%\.\n {2}Report with the precision–recall curve: .*backtest-report\.html/);
    // --once stops after the script: it does not claim to keep serving.
    expect(stdout).not.toContain('Serving until');
    expect(stdout).toMatch(/Done \(--once\): the portal and the receiver stop now\. Run npm start without --once to keep them serving\.\n$/);
  });

  it('while serving, prints every delivery the receiver handles, a user\'s own too, and exits 130 on Ctrl-C', async () => {
    const stop = new AbortController();
    let announce: (url: string) => void = () => {};
    const serving = new Promise<string>((resolve) => (announce = resolve));
    const finished = runCli(['demo', '--portal-port', '0', '--port', '0', '--contacts', '20'], '', {}, {
      signal: stop.signal,
      onStdout: (text) => {
        const match = /Serving until you press Ctrl-C[^]*receiver {2}(http:\/\/\S+)/.exec(text);
        if (match) announce(match[1]!);
      },
    });
    const url = await serving;
    const body = JSON.stringify([{ eventId: 999, subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: 1, propertyName: 'bant_grade', propertyValue: 'A' }]);
    const timestamp = Date.now();
    const response = await fetch(`${url}/webhooks`, { method: 'POST', body, headers: { 'X-HubSpot-Signature-v3': signRequest('POST', `${url}/webhooks`, body, DEMO_CLIENT_SECRET, timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) } });
    expect(response.status).toBe(200);
    stop.abort('SIGINT');
    const { code, stdout } = await finished;
    expect(code).toBe(130);
    expect(stdout.slice(stdout.indexOf('Serving until'))).toMatch(/\d\d:\d\d:\d\d receiver: POST \/webhooks → 200 0 contact\(s\) recalculated, 0 written, 0 unchanged; 1 event\(s\) ignored/);
  });

  it('runs from the built bundle as npm start does, from any folder, its files beside the bundle\'s sources', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'bant-demo-'));
    try {
      const bin = join(import.meta.dirname, '../../bin/bant.js');
      const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(process.execPath, [bin, 'demo', '--once', '--portal-port', '0', '--port', '0', '--contacts', '20'], { cwd, timeout: 120_000 }, (error, out) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out }));
      });
      expect(code).toBe(0);
      expect(stdout).toMatch(/Backtest of the demo export \(129 closed leads, 30 won\)/);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('names the problem when a port is taken, before doing any work', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as AddressInfo).port);
    try {
      expect(await runCli(['demo', '--once', '--portal-port', '0', '--port', port, '--contacts', '10'])).toEqual({
        code: 2,
        stdout: '',
        stderr: 'bant demo: a demo port is in use; pick others with --portal-port and --port (0 picks free ones)\n',
      });
    } finally {
      taken.close();
    }
  });
});
