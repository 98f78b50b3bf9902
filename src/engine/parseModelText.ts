import { parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { ModelProblem, ModelValidation } from './validateModel';
import { validateModel } from './validateModel';

export type ModelText = { ok: true; json: unknown } | { ok: false; problems: ModelProblem[]; notJson?: string };

/**
 * Reads the text of a model file as JSON, stricter than `JSON.parse`: a key given twice in one
 * object is a problem naming the key and both lines (JSON would silently keep the last), and a
 * leading byte-order mark is allowed. Text that is not JSON comes back as `notJson` (the parser's
 * message). Pure: text in, JSON or problems out.
 * @example parseModelText('{"max": 30,\n "max": 3000}')
 * // { ok: false, problems: [{ path: 'max', code: 'json.keyTwice', params: {…}, message: 'is given twice, on line 1 (30) and line 2 (3000); ...' }] }
 */
export function parseModelText(text: string): ModelText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const notJson = (error as Error).message;
    return { ok: false, notJson, problems: [{ path: '', code: 'json.invalid', params: { reason: notJson }, message: `is not JSON: ${notJson}` }] };
  }
  const tree = parseTree(body, [], { disallowComments: true, allowTrailingComma: false });
  const problems = tree ? duplicateKeys(tree, lineOf(body), '') : [];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, json };
}

/**
 * `parseModelText`, then `validateModel`: the one way to read a model file's text.
 * @example const checked = readModelText(await readFile(file, 'utf8'));
 */
export function readModelText(text: string): ModelValidation & { notJson?: string } {
  const parsed = parseModelText(text);
  if (!parsed.ok) return parsed;
  return validateModel(parsed.json);
}

/** Every key given twice in one object, anywhere in the tree, in document order. */
function duplicateKeys(node: Node, line: (offset: number) => number, path: string): ModelProblem[] {
  const problems: ModelProblem[] = [];
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const name = String(key.value);
      const at = path ? `${path}.${name}` : name;
      const first = seen.get(name);
      if (first) {
        problems.push({
          path: at,
          code: 'json.keyTwice',
          params: { firstLine: String(line(first.offset)), first: shown(first.children?.[1]), line: String(line(key.offset)), value: shown(value) },
          message: `is given twice, on line ${line(first.offset)} (${shown(first.children?.[1])}) and line ${line(key.offset)} (${shown(value)}); JSON keeps only the last one, so delete the line you did not mean`,
        });
      } else {
        seen.set(name, property);
      }
      problems.push(...duplicateKeys(value, line, at));
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, index) => problems.push(...duplicateKeys(child, line, `${path}[${index}]`)));
  }
  return problems;
}

/** The JSON of a value as written, shortened: 3000, "manager", {…}, […]. */
function shown(node: Node | undefined): string {
  if (!node) return 'nothing';
  if (node.type === 'object') return '{…}';
  if (node.type === 'array') return '[…]';
  const text = JSON.stringify(node.value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Offset → 1-based line number. */
function lineOf(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
