import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
type Parsed = Awaited<ReturnType<typeof translate>>;

describe('the HubSpot project, as HubSpot parses it', () => {
  let parsed: Parsed;
  beforeAll(async () => {
    const project = JSON.parse(await readFile(join(ROOT, 'hsproject.json'), 'utf8')) as { srcDir: string; platformVersion: string };
    parsed = await translate({ projectSourceDir: join(ROOT, project.srcDir), platformVersion: project.platformVersion }, { skipValidation: true });
  });

  it('is a 2026.03 project with its sources in src/', async () => {
    expect(JSON.parse(await readFile(join(ROOT, 'hsproject.json'), 'utf8'))).toEqual({ name: 'bant-qualification', srcDir: 'src', platformVersion: '2026.03' });
  });

  it('skips no metafile', () => {
    expect(parsed.skippedHsMetaFiles).toEqual([]);
  });

  it('has one private app with static auth and the contact and deal scopes', () => {
    const app = parsed.intermediateRepresentation.intermediateNodesIndexedByUid.bant_app;
    expect(app).toMatchObject({ componentType: 'APPLICATION', metaFilePath: 'app/app-hsmeta.json' });
    expect(app?.config).toMatchObject({
      distribution: 'private',
      auth: {
        type: 'static',
        requiredScopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.deals.read', 'crm.objects.deals.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'],
      },
    });
  });
});
