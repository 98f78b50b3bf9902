import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineWriter } from '../../src/cli/lineWriter';

/** A stream that keeps every chunk written to it. */
function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** A text's UTF-8 bytes, one character per byte, as `explainJsonBytes` gives them. */
const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('lineWriter', () => {
  it('writes lines given as text and lines given as UTF-8 bytes, in order, each with its newline', async () => {
    const { stream, bytes } = collector();
    const out = lineWriter(stream, 64);
    out.line('{"a":"1–3 months"}');
    out.bytesLine(asBytes('{"b":"Ünïcode – 😀"}'));
    out.line('plain');
    await out.flush();
    expect(bytes().toString('utf8')).toBe('{"a":"1–3 months"}\n{"b":"Ünïcode – 😀"}\nplain\n');
  });

  it('writes a bytes line longer than its buffer whole, after what was buffered', async () => {
    const { stream, bytes } = collector();
    const out = lineWriter(stream, 32);
    const long = `{"text":"${'ä–'.repeat(40)}"}`;
    out.bytesLine(asBytes('{"first":1}'));
    out.bytesLine(asBytes(long));
    out.bytesLine(asBytes('{"last":"é"}'));
    await out.flush();
    expect(bytes().toString('utf8')).toBe(`{"first":1}\n${long}\n{"last":"é"}\n`);
  });

  it('fills its buffer to the byte: lines of exactly the room left go in the same chunk', async () => {
    const { stream, bytes } = collector();
    const out = lineWriter(stream, 16);
    for (let i = 0; i < 10; i += 1) out.bytesLine(asBytes(`${i}–${'x'.repeat(i)}`));
    await out.flush();
    expect(bytes().toString('utf8')).toBe(Array.from({ length: 10 }, (_, i) => `${i}–${'x'.repeat(i)}\n`).join(''));
  });
});
