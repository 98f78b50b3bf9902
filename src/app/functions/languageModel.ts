/**
 * The optional language-model path of suggested answers (off unless RevOps add its secrets): the
 * texts go to an OpenAI-compatible chat endpoint and its answer is checked by src/extract
 * (`languageModelAnswer`); whenever the endpoint is off, fails, times out or answers something
 * unusable, the app's own rules (`extractSuggestions`) answer instead. Nothing is stored.
 */
import { z } from 'zod';
import { extractSuggestions, languageModelAnswer, languageModelPrompt } from '../../extract';
import type { ExtractInput, Suggestion } from '../../extract';

/** The app secrets that turn the path on (`hs secret add`; they reach the function as environment variables). */
export const LANGUAGE_MODEL_SECRETS = { url: 'BANT_LLM_URL', key: 'BANT_LLM_KEY', model: 'BANT_LLM_MODEL', timeout: 'BANT_LLM_TIMEOUT_MS' } as const;
/** How long a card waits for the endpoint by default, and at most: the card function has 15 s in all. */
export const LANGUAGE_MODEL_TIMEOUT_MS = 5_000;
export const LANGUAGE_MODEL_MAX_TIMEOUT_MS = 8_000;

export interface LanguageModelConfig {
  /** The chat completions URL (`…/chat/completions`; a base URL such as `https://api.openai.com/v1` gets it appended). */
  url: string;
  key: string;
  model: string;
  timeoutMs: number;
}

/** Off, on, or set up wrongly (the problem names the secret, its value and the fix; the app's own rules answer meanwhile). */
export type LanguageModelSetting = { state: 'off' } | { state: 'on'; config: LanguageModelConfig } | { state: 'invalid'; problem: string };

const local = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads the language-model secrets: all empty is off; a URL needs a key and a model name, must be
 * https (http only to this machine, for tests), and the timeout stays inside the function's budget.
 * @example languageModelSetting({ BANT_LLM_URL: 'https://api.openai.com/v1', BANT_LLM_KEY: 'sk-…', BANT_LLM_MODEL: 'gpt-4o-mini' }).state // 'on'
 */
export function languageModelSetting(env: Record<string, string | undefined>): LanguageModelSetting {
  const read = (name: string) => env[name]?.trim() ?? '';
  const [url, key, model, timeout] = [read(LANGUAGE_MODEL_SECRETS.url), read(LANGUAGE_MODEL_SECRETS.key), read(LANGUAGE_MODEL_SECRETS.model), read(LANGUAGE_MODEL_SECRETS.timeout)];
  if (url === '' && key === '' && model === '') return { state: 'off' };
  const missing = Object.entries({ [LANGUAGE_MODEL_SECRETS.url]: url, [LANGUAGE_MODEL_SECRETS.key]: key, [LANGUAGE_MODEL_SECRETS.model]: model }).filter(([, value]) => value === '').map(([name]) => name);
  if (missing.length > 0) return { state: 'invalid', problem: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty: add ${missing.length > 1 ? 'them' : 'it'} with hs secret add, or remove the other language-model secrets to turn it off` };
  const parsed = z.url().safeParse(url);
  const address = parsed.success ? new URL(url) : null;
  if (!address || !(address.protocol === 'https:' || (address.protocol === 'http:' && local.has(address.hostname)))) {
    return { state: 'invalid', problem: `${LANGUAGE_MODEL_SECRETS.url} "${url}" is not an https address; give the endpoint's https URL, e.g. https://api.openai.com/v1` };
  }
  let timeoutMs = LANGUAGE_MODEL_TIMEOUT_MS;
  if (timeout !== '') {
    timeoutMs = Number(timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 500 || timeoutMs > LANGUAGE_MODEL_MAX_TIMEOUT_MS) {
      return { state: 'invalid', problem: `${LANGUAGE_MODEL_SECRETS.timeout} "${timeout}" must be a whole number of milliseconds from 500 to ${LANGUAGE_MODEL_MAX_TIMEOUT_MS}` };
    }
  }
  const path = address.pathname.replace(/\/+$/, '');
  const endpoint = path.endsWith('/chat/completions') ? `${address.origin}${path}${address.search}` : `${address.origin}${path}/chat/completions${address.search}`;
  return { state: 'on', config: { url: endpoint, key, model, timeoutMs } };
}

export interface SuggestOptions {
  /** Default: read from the function's environment, where HubSpot puts the app's secrets. */
  setting?: LanguageModelSetting;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

/**
 * Suggested answers for a contact's texts: the language model's when it is on and answers in time
 * with a usable answer, else the app's own rules. Never throws for the endpoint's sake.
 * @example await suggestAnswers({ model, now, texts }) // the same Suggestion[] extractSuggestions returns
 */
export async function suggestAnswers(input: ExtractInput, options: SuggestOptions = {}): Promise<Suggestion[]> {
  const setting = options.setting ?? languageModelSetting(process.env);
  const log = options.log ?? ((line: string) => console.warn(line));
  if (setting.state === 'off') return extractSuggestions(input);
  if (setting.state === 'invalid') {
    log(`bant suggestions: the language model is set up wrongly (${setting.problem}); using the app's own rules`);
    return extractSuggestions(input);
  }
  const prompt = languageModelPrompt(input, setting.config.model);
  // Nothing to read: no request.
  if (!prompt || (prompt.sent.length === 0 && !input.contactTitle?.trim())) return extractSuggestions(input);
  const why = await ask(setting.config, prompt.request, options.fetch ?? fetch).then((content) => {
    const answer = languageModelAnswer(content, input);
    if (!answer.ok) return answer.reason;
    if (answer.dropped.length > 0) log(`bant suggestions: dropped ${answer.dropped.length} of the language model's suggestions: ${answer.dropped.map((d) => `${d.criterion}: ${d.reason}`).join('; ')}`);
    return answer.suggestions;
  }, (error: unknown) => (error as Error).message);
  if (typeof why !== 'string') return why;
  log(`bant suggestions: the language model at ${new URL(setting.config.url).host} gave no usable answer (${why}); using the app's own rules`);
  return extractSuggestions(input);
}

/** One chat completion; the message content, or an Error saying what went wrong (never the key). */
async function ask(config: LanguageModelConfig, request: unknown, fetchFn: typeof fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.key}` },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    throw new Error(name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${config.timeoutMs} ms` : `could not reach it: ${(error as Error).message}`, { cause: error });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    const name = (error as Error).name;
    throw new Error(name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${config.timeoutMs} ms` : `HTTP ${response.status}, a body that is not JSON (${(error as Error).message})`, { cause: error });
  }
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(`HTTP ${response.status}${typeof message === 'string' ? `: ${message.slice(0, 200)}` : ''}`);
  }
  const content = (body as { choices?: Array<{ message?: { content?: unknown; refusal?: unknown } }> } | null)?.choices?.[0]?.message;
  if (typeof content?.refusal === 'string' && content.refusal) throw new Error(`it refused: ${content.refusal.slice(0, 200)}`);
  if (typeof content?.content !== 'string') throw new Error('the reply has no choices[0].message.content');
  return content.content;
}
