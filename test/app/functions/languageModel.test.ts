import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import { languageModelSetting, suggestAnswers } from '../../../src/app/functions/languageModel';
import type { LanguageModelSetting } from '../../../src/app/functions/languageModel';
import { extractSuggestions } from '../../../src/extract';
import type { ExtractInput } from '../../../src/extract';
import { BANT_DEFAULT } from '../../../src/models';
import { bantPortal } from '../../support/bantPortal';
import { ACTIVITY_OBJECTS } from '../../../src/app/functions/readActivities';
import { SETTINGS_CATALOGS } from '../../../src/app/settings/messages';

/** A local OpenAI-compatible chat endpoint: records each request and answers as the test says. */
interface Received { method: string; url: string; authorization: string | undefined; body: { model: string; messages: Array<{ role: string; content: string }>; response_format: { type: string } } }
let reply: (res: ServerResponse) => void;
const received: Received[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) as Received['body'] });
      reply(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
});

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const chat = (content: string) => json(200, { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });

const NOW = new Date('2026-03-10T09:00:00Z');
const INPUT: ExtractInput = {
  model: BANT_DEFAULT, now: NOW, contactTitle: 'VP Operations',
  texts: [{ id: 'c1', kind: 'call_note', date: '2026-03-02', text: 'They have about 150k approved for this. Decision by end of January next year.' }],
};
const RULES = extractSuggestions(INPUT);
const on = (extra: Record<string, string> = {}): LanguageModelSetting => languageModelSetting({ BANT_LLM_URL: base, BANT_LLM_KEY: 'sk-test-secret', BANT_LLM_MODEL: 'gpt-test', ...extra });

async function suggest(setting: LanguageModelSetting) {
  const lines: string[] = [];
  const suggestions = await suggestAnswers(INPUT, { setting, log: (line) => lines.push(line) });
  return { suggestions, lines };
}

describe('the language-model path of suggested answers', () => {
  it('has something to fall back on: the rules find suggestions in these texts', () => {
    expect(RULES.map((s) => s.criterion)).toEqual(['budget', 'authority', 'timeline']);
  });

  it('is off without its secrets: the rules answer and nothing leaves HubSpot', async () => {
    const { suggestions, lines } = await suggest(languageModelSetting({}));
    expect(suggestions).toEqual(RULES);
    expect(received).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('sends the texts to the endpoint with the key and the schema, and uses its checked answer', async () => {
    reply = chat(JSON.stringify({
      suggestions: [
        { criterion: 'budget', value: '150000', evidence: 'about 150k approved', confidence: 0.92, currency: 'USD', source: { id: 'c1' } },
        // A paraphrase: not in the text, so dropped however sure the model is.
        { criterion: 'need', value: 'perfect', evidence: 'they badly need this', confidence: 0.99, currency: null, source: { id: 'c1' } },
      ],
    }));
    const { suggestions, lines } = await suggest(on());
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/v1/chat/completions', authorization: 'Bearer sk-test-secret', body: { model: 'gpt-test', response_format: { type: 'json_schema' } } });
    expect(received[0]!.body.messages[1]!.content).toContain('They have about 150k approved for this.');
    expect(suggestions.map((s) => [s.criterion, s.value, s.evidence, s.confidence])).toEqual([['budget', '150000', 'about 150k approved', 0.92]]);
    expect(lines).toEqual(['bant suggestions: dropped 1 of the language model\'s suggestions: need: the evidence is not an exact quote of activity c1']);
  });

  it.each<[string, (res: ServerResponse) => void, RegExp]>([
    ['fails (HTTP 500)', json(500, { error: { message: 'overloaded' } }), /\(HTTP 500: overloaded\)/],
    ['refuses the key (HTTP 401)', json(401, { error: { message: 'Incorrect API key provided' } }), /\(HTTP 401: Incorrect API key provided\)/],
    ['answers with prose instead of JSON', chat('Budget looks like 150k.'), /\(the answer is not JSON/],
    ['answers another shape', chat(JSON.stringify({ budget: 150000 })), /\(the answer does not match the schema/],
    ['sends no message', json(200, { choices: [] }), /\(the reply has no choices\[0\]\.message\.content\)/],
    ['does not answer in time', () => {}, /\(no answer within 500 ms\)/],
  ])('falls back to the rules when the endpoint %s', async (_, answer, why) => {
    reply = answer;
    const { suggestions, lines } = await suggest(on({ BANT_LLM_TIMEOUT_MS: '500' }));
    expect(received).toHaveLength(1);
    expect(suggestions).toEqual(RULES);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^bant suggestions: the language model at 127\.0\.0\.1:\d+ gave no usable answer /);
    expect(lines[0]).toMatch(why);
    expect(lines[0]).not.toContain('sk-test-secret');
  });

  it('asks nothing when there is nothing to read', async () => {
    const suggestions = await suggestAnswers({ ...INPUT, texts: [], contactTitle: null }, { setting: on(), log: () => {} });
    expect(suggestions).toEqual([]);
    expect(received).toEqual([]);
  });

  it('falls back to the rules, saying why, when the secrets are set up wrongly', async () => {
    const { suggestions, lines } = await suggest(languageModelSetting({ BANT_LLM_URL: base, BANT_LLM_KEY: 'sk-test-secret' }));
    expect(suggestions).toEqual(RULES);
    expect(received).toEqual([]);
    expect(lines).toEqual(['bant suggestions: the language model is set up wrongly (BANT_LLM_MODEL is empty: add it with hs secret add, or remove the other language-model secrets to turn it off); using the app\'s own rules']);
  });
});

describe('languageModelSetting', () => {
  it.each<[Record<string, string>, LanguageModelSetting]>([
    [{}, { state: 'off' }],
    [{ BANT_LLM_URL: ' ', BANT_LLM_KEY: '', BANT_LLM_MODEL: '' }, { state: 'off' }],
    [{ BANT_LLM_URL: 'https://api.openai.com/v1', BANT_LLM_KEY: 'k', BANT_LLM_MODEL: 'gpt-4o-mini' }, { state: 'on', config: { url: 'https://api.openai.com/v1/chat/completions', key: 'k', model: 'gpt-4o-mini', timeoutMs: 5000 } }],
    [{ BANT_LLM_URL: 'https://llm.example.com/openai/chat/completions/', BANT_LLM_KEY: 'k', BANT_LLM_MODEL: 'm', BANT_LLM_TIMEOUT_MS: '8000' }, { state: 'on', config: { url: 'https://llm.example.com/openai/chat/completions', key: 'k', model: 'm', timeoutMs: 8000 } }],
    [{ BANT_LLM_URL: 'http://llm.example.com/v1', BANT_LLM_KEY: 'k', BANT_LLM_MODEL: 'm' }, { state: 'invalid', problem: 'BANT_LLM_URL "http://llm.example.com/v1" is not an https address; give the endpoint\'s https URL, e.g. https://api.openai.com/v1' }],
    [{ BANT_LLM_URL: 'https://llm.example.com/v1', BANT_LLM_KEY: 'k', BANT_LLM_MODEL: 'm', BANT_LLM_TIMEOUT_MS: '20000' }, { state: 'invalid', problem: 'BANT_LLM_TIMEOUT_MS "20000" must be a whole number of milliseconds from 500 to 8000' }],
    [{ BANT_LLM_URL: 'https://llm.example.com/v1' }, { state: 'invalid', problem: 'BANT_LLM_KEY and BANT_LLM_MODEL are empty: add them with hs secret add, or remove the other language-model secrets to turn it off' }],
  ])('reads %j', (env, expected) => {
    expect(languageModelSetting(env)).toEqual(expected);
  });
});

describe('in the card function', () => {
  const { portal, crm, server: hubspot } = bantPortal(BANT_DEFAULT);
  const saved = { ...process.env };
  beforeAll(() => hubspot.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    hubspot.resetHandlers();
    process.env = { ...saved };
  });
  afterAll(() => hubspot.close());

  it('reads the secrets from the function\'s environment and returns the language model\'s suggestions with the load', async () => {
    hubspot.use(http.post(`${base}/chat/completions`, () => passthrough()));
    Object.assign(process.env, { BANT_LLM_URL: base, BANT_LLM_KEY: 'sk-test-secret', BANT_LLM_MODEL: 'gpt-test' });
    const contactId = portal.createContact({ firstname: 'Sara', jobtitle: 'VP Operations' }).id;
    const note = portal.createRecord('notes', { hs_timestamp: '2026-11-20T10:00:00Z', hs_note_body: '<p>We set aside <b>200k</b> for this rollout.</p>' }).id;
    portal.associate('contacts', contactId, 'notes', note);
    reply = chat(JSON.stringify({ suggestions: [{ criterion: 'budget', value: '200000', evidence: 'We set aside 200k for this rollout.', confidence: 0.9, currency: 'USD', source: { id: note } }] }));
    const response = await handleCardRequest({ portalId: 123, contactId, action: 'load' }, { crm: () => crm, model: { ok: true, model: BANT_DEFAULT }, now: new Date('2026-11-23T10:00:00Z') });
    expect(response.ok).toBe(true);
    expect(response.ok && response.data.suggestions).toEqual([
      { criterion: 'budget', property: 'bant_budget', value: '200000', evidence: 'We set aside 200k for this rollout.', confidence: 0.9, currency: 'USD', source: { id: note, kind: 'note', date: '2026-11-20T10:00:00.000Z' } },
    ]);
    // The text went out as the card reads it: HTML stripped.
    expect(received[0]!.body.messages[1]!.content).toContain('"text":"We set aside 200k for this rollout."');
  });
});

describe('what the settings page says leaves HubSpot', () => {
  it('names exactly the fields of each activity the card reads and sends', () => {
    // If the card reads another field, the settings page's statement must say so: change both.
    expect(ACTIVITY_OBJECTS.map((o) => [o.type, o.text])).toEqual([
      ['calls', ['hs_call_title', 'hs_call_body']],
      ['meetings', ['hs_meeting_title', 'hs_meeting_body', 'hs_internal_meeting_notes']],
      ['notes', ['hs_note_body']],
      ['emails', ['hs_email_subject', 'hs_email_text']],
    ]);
    expect(SETTINGS_CATALOGS.en['llm.sent']).toContain("the title and body of the contact's calls, the title, body and internal notes of its meetings, the body of its notes, and the subject and text of its emails");
  });
});
