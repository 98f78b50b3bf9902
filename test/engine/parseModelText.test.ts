import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/engine';
import { parseModelText, readModelText } from '../../src/engine/parseModelText';
import { BANT_DEFAULT } from '../../src/models';

/** The default model as a file, pretty-printed as RevOps would edit it. */
const FILE = JSON.stringify(BANT_DEFAULT, null, 2);

describe('reading a model file', () => {
  it('refuses a key given twice, naming it, both lines and both values', () => {
    // "max": 30 of the budget criterion, then the same key again on the next line.
    const lines = FILE.split('\n');
    const at = lines.findIndex((line) => line.trim() === '"max": 30,');
    lines.splice(at + 1, 0, '      "max": 3000,');
    const read = readModelText(lines.join('\n'));
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([
      `criteria[0].max: is given twice, on line ${at + 1} (30) and line ${at + 2} (3000); JSON keeps only the last one, so delete the line you did not mean`,
    ]);
  });

  it('finds duplicates at the top level and inside arrays, in document order', () => {
    const read = parseModelText('{\n "id": "a",\n "grades": [{"grade": "A", "min": 1,\n "min": 2}],\n "id": "b"\n}');
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([
      'grades[0].min: is given twice, on line 3 (1) and line 4 (2); JSON keeps only the last one, so delete the line you did not mean',
      'id: is given twice, on line 2 ("a") and line 5 ("b"); JSON keeps only the last one, so delete the line you did not mean',
    ]);
  });

  it('accepts a file that starts with a byte-order mark', () => {
    expect(readModelText(`\ufeff${FILE}`)).toEqual({ ok: true, model: BANT_DEFAULT });
  });

  it('says text is not JSON with the parser\'s message', () => {
    const read = parseModelText('{ "id": ');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.notJson).toMatch(/JSON/);
  });
});
