import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/i18n';
import { SETTINGS_CATALOGS } from '../../../src/app/settings/messages';

/**
 * Every word the settings page shows comes from its message catalogs (en, fi, nb, ar): a literal
 * sentence in a component, a hook or a helper of the page fails here with its file and line.
 * Model texts, HubSpot's property names and values, and the function's own messages are data.
 */
const ROOT = join(__dirname, '../../../src/app/settings');
const CODE = ['BantSettings.tsx', ...['components', 'hooks', 'lib'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => join(dir, name)))]
  .filter((name) => /\.tsx?$/.test(name));

/** A word of at least two letters, in any script the catalogs cover. */
const WORD = /\p{L}{2,}/u;
const PROPS = /\b(label|title|description|placeholder|validationMessage|tooltip|helpText)=(["'])([^"']*)\2/g;

function literals(file: string): string[] {
  return scan(readFileSync(join(ROOT, file), 'utf8'), file);
}

function scan(source: string, file: string): string[] {
  const found: string[] = [];
  const lines = source.split('\n');
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    const code = line.replace(/\/\/.*$/, '');
    if (/^\s*(\*|\/\*|import |export \{)/.test(code) || /console\.(error|warn|log)/.test(code)) return;
    for (const match of code.matchAll(PROPS)) if (WORD.test(match[3] ?? '')) found.push(`${at}: ${match[1]}="${match[3]}"`);
    if (file.endsWith('.tsx')) {
      // Text between JSX tags: `<Text>Hello</Text>`.
      for (const match of code.matchAll(/<(\w+)[^<>]*>([^<>{}]+)<\/\1>/g)) if (WORD.test(match[2] ?? '')) found.push(`${at}: <${match[1]}>${match[2]}`);
      // A string or template in braces as a child: `{'Hello'}`, {`Score ${n}`}.
      for (const match of code.matchAll(/[>\s]\{\s*(['"`])((?:(?!\1).)*)\1\s*\}/g)) {
        if (WORD.test((match[2] ?? '').replace(/\$\{[^}]*\}/g, ''))) found.push(`${at}: {${match[1]}${match[2]}${match[1]}}`);
      }
    }
    // A sentence in a string: three words or more outside a template's placeholders.
    for (const match of code.matchAll(/(['"`])((?:(?!\1).)*)\1/g)) {
      const text = (match[2] ?? '').replace(/\$\{[^}]*\}/g, ' ');
      if (/\p{L}{2,}[ ,.:;]+\p{L}+[ ,.:;]+\p{L}+/u.test(text) && !/^[\w.-]+$/.test(text.trim())) found.push(`${at}: ${match[0]}`);
    }
  });
  return found;
}

describe('the settings page\'s words', () => {
  it('reads the files it checks', () => {
    expect(CODE.map((file) => relative(ROOT, join(ROOT, file)))).toEqual(expect.arrayContaining(['BantSettings.tsx', 'components/CheckResults.tsx', 'components/ModelEditor.tsx', 'hooks/useSettings.ts', 'lib/describeModel.ts']));
  });

  it.each(CODE)('%s has no literal user-facing text: every word comes from the catalogs', (file) => {
    expect(literals(file)).toEqual([]);
  });

  it.each([
    ['a label', '<Input label="Contact id" />'],
    ['text between tags', '      <Heading>Grades</Heading>'],
    ['Arabic text between tags', '      <Heading>الدرجات</Heading>'],
    ['a string child', "      {cond ? <Text>{'No versions yet'}</Text> : null}"],
    ['a template child', '      <Text>{`${count} problems found`}</Text>'],
    ['a sentence in a helper', "  return { message: 'Enter a contact first' };"],
  ])('catches %s where one slips in', (_, line) => {
    expect(scan(line, 'sample.tsx').length).toBeGreaterThan(0);
  });

  it.each([
    ['a catalog message', "<Input label={t('preview.input')} testId=\"bant-preview-input\" />"],
    ['a test id and a variant', '<Alert variant="danger" testId="bant-check-problems">'],
    ['a placeholder-only template', '<Text>{`${words.what}: ${count}`}</Text>'],
    ['a comment', '  // The app\'s own results are fixed by its setup.'],
  ])('lets %s pass', (_, line) => {
    expect(scan(line, 'sample.tsx')).toEqual([]);
  });
});

describe('the settings page\'s steps for admins', () => {
  it.each(LOCALES)('name no file path in %s: steps are said in words', (locale) => {
    const paths = Object.entries(SETTINGS_CATALOGS[locale]).flatMap(([key, message]) =>
      (typeof message === 'string' ? [message] : Object.values(message)).filter((text) => /(^|[\s(])[\w.-]*\/[\w./-]+|\.(json|tsx?|js)\b/.test(text ?? '')).map((text) => `${key}: ${text}`));
    expect(paths).toEqual([]);
  });
});
