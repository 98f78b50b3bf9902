import { vi } from 'vitest';
import { hubspot } from '@hubspot/ui-extensions';

/** Makes `hubspot.serverless` answer each call with the next reply (an Error is thrown, a pending promise never settles). */
export function answerServerless(replies: unknown[]) {
  return vi.spyOn(hubspot, 'serverless').mockImplementation(async () => {
    if (replies.length === 0) throw new Error('the test expected no more function calls');
    const reply = replies.shift();
    if (reply instanceof Error) throw reply;
    return reply as never;
  });
}

interface Node {
  nodeType: string;
  text?: string | null;
  childNodes?: Node[];
}

/** All the text a rendered node shows, its descendants' included (a node's own `text` holds only its direct text). */
export function textOf(node: Node): string {
  if (node.nodeType === 'text') return node.text ?? '';
  return (node.childNodes ?? []).map(textOf).join('');
}

/**
 * Fires a control's onChange with a value. The SDK types `trigger`'s argument as the handler
 * itself, so the value goes through `unknown`.
 */
export function change(node: { trigger: (name: 'onChange', arg?: never) => void }, value: unknown): void {
  (node.trigger as (name: 'onChange', arg: unknown) => void)('onChange', value);
}

interface CountedNode {
  nodeType: string;
  childNodes?: CountedNode[];
}

/**
 * The components a rep sees before opening anything: element nodes under the root, following
 * children only (an overlay such as a Panel is a fragment prop, shown only once opened).
 */
export function countComponents(node: CountedNode): number {
  const own = node.nodeType === 'element' ? 1 : 0;
  return own + (node.childNodes ?? []).reduce((sum, child) => sum + countComponents(child), 0);
}

/** Intl writes narrow no-break spaces and direction marks; compare with plain spaces. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f\u061c]/g, '');

/** The names of the components on the card's surface (children only, overlays left out), in order. */
export function surfaceComponents(node: CountedNode & { name?: string }): string[] {
  const own = node.nodeType === 'element' && node.name ? [node.name] : [];
  return [...own, ...(node.childNodes ?? []).flatMap((child) => surfaceComponents(child))];
}
