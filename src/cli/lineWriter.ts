import type { Writable } from 'node:stream';

export interface LineWriter {
  /** Adds `text` and a newline; true when the stream asks to wait (then `await drain()`). */
  line(text: string): boolean;
  /** Adds a line given as its UTF-8 bytes, one character per byte (0–255), and a newline; true when the stream asks to wait. */
  bytesLine(bytes: string): boolean;
  /** Hands what is buffered to the stream; true when the stream asks to wait. */
  send(): boolean;
  /** Resolves when the stream takes more, or has closed. */
  drain(): Promise<void>;
  /** Writes what is buffered and waits until the stream took it. */
  flush(): Promise<void>;
  /** Set when the stream closed or failed (a reader such as `head` went away): stop writing. */
  readonly closed: boolean;
}

/**
 * Writes lines to a stream as UTF-8 bytes, encoded straight into large buffers: no string is ever
 * concatenated (one non-Latin-1 character would make a whole chunk two-byte and slow to encode),
 * and the stream's back-pressure is passed on to the caller.
 * @example const out = lineWriter(process.stdout); if (out.line(json)) await out.drain(); await out.flush();
 */
export function lineWriter(stream: Writable, size = 256 * 1024): LineWriter {
  let buffer = Buffer.allocUnsafe(size);
  let used = 0;
  let closed = false;
  const close = () => {
    closed = true;
  };
  stream.once('error', close);
  stream.once('close', close);

  const send = (bytes: Buffer): boolean => (closed ? false : !stream.write(bytes));
  const flushBuffer = (): boolean => {
    if (used === 0) return false;
    const full = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(size);
    used = 0;
    return send(full);
  };
  const drain = () =>
    new Promise<void>((resolve) => {
      if (closed || !stream.writableNeedDrain) return resolve();
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
      stream.on('error', done);
    });

  return {
    line(text) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      const most = text.length * 3 + 1;
      let wait = false;
      if (used + most > size) {
        wait = flushBuffer();
        if (most > size) return send(Buffer.from(`${text}\n`)) || wait;
      }
      used += buffer.write(text, used);
      buffer[used] = 10;
      used += 1;
      return wait;
    },
    bytesLine(bytes) {
      const most = bytes.length + 1;
      let wait = false;
      if (used + most > size) {
        wait = flushBuffer();
        if (most > size) return send(Buffer.from(`${bytes}\n`, 'latin1')) || wait;
      }
      used += buffer.write(bytes, used, 'latin1');
      buffer[used] = 10;
      used += 1;
      return wait;
    },
    send: flushBuffer,
    drain,
    async flush() {
      flushBuffer();
      await drain();
    },
    get closed() {
      return closed;
    },
  };
}
