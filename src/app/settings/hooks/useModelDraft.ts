/**
 * The draft RevOps edit: the model as JSON text (what the raw editor shows) and the same JSON as a
 * value (what the fields edit); every change runs the same checks as `bant check --offline`.
 */
import { useCallback, useMemo, useState } from 'react';
import { validateModel } from '@bant/engine';
import type { Model, ModelProblem } from '@bant/engine';

export interface ModelDraft {
  text: string;
  /** The draft as a value; undefined while the text is not JSON. */
  value: Record<string, unknown> | undefined;
  /** Why the text is not a JSON object (the parser's words; `reason` null: valid JSON, but not one object), or null. */
  notJson: { reason: string | null } | null;
  problems: ModelProblem[];
  /** The checked model, when the draft passes every check. */
  model: Model | null;
  changed: boolean;
  setText: (text: string) => void;
  /** Sets one value (a number, a property name) at a model path such as ['criteria', 0, 'max']. */
  setAt: (path: ReadonlyArray<string | number>, value: unknown) => void;
  reset: () => void;
}

const show = (value: unknown) => JSON.stringify(value, null, 2);

export function useModelDraft(base: Model): ModelDraft {
  const initial = useMemo(() => show(base), [base]);
  const [text, setText] = useState(initial);
  const parsed = useMemo(() => {
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === 'object' && !Array.isArray(value) ? { value: value as Record<string, unknown>, notJson: null } : { value: undefined, notJson: { reason: null } };
    } catch (error) {
      return { value: undefined, notJson: { reason: (error as Error).message } };
    }
  }, [text]);
  const checked = useMemo(() => (parsed.value ? validateModel(parsed.value) : null), [parsed]);
  const setAt = useCallback((path: ReadonlyArray<string | number>, next: unknown) => {
    if (!parsed.value) return;
    const copy = structuredClone(parsed.value);
    let node: Record<string | number, unknown> = copy;
    for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
    node[path[path.length - 1] as string | number] = next;
    setText(show(copy));
  }, [parsed]);
  return {
    text, value: parsed.value, notJson: parsed.notJson,
    problems: checked && !checked.ok ? checked.problems : [],
    model: checked?.ok ? checked.model : null,
    changed: text !== initial,
    setText, setAt, reset: () => setText(initial),
  };
}
