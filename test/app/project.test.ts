import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { remoteBuild } from '@hubspot/ui-extensions-dev-server/build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunctions } from '../../src/app/functions/build';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../../src/models';
import { generatedFiles, webhooksComponent } from '../../src/sync/hubspotConfig';

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

  it('has one private app with static auth, the contact and deal scopes, the model versions object\'s and the users read scope', () => {
    const app = parsed.intermediateRepresentation.intermediateNodesIndexedByUid.bant_app;
    expect(app).toMatchObject({ componentType: 'APPLICATION', metaFilePath: 'app/app-hsmeta.json' });
    expect(app?.config).toMatchObject({
      distribution: 'private',
      auth: {
        type: 'static',
        requiredScopes: [
          'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.deals.read', 'crm.objects.deals.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write',
          'crm.schemas.custom.read', 'crm.schemas.custom.write', 'crm.objects.custom.read', 'crm.objects.custom.write', 'settings.users.read',
        ],
        // Only a model that reads company properties needs it.
        optionalScopes: [
          'crm.objects.companies.read', 'crm.objects.companies.write', 'crm.schemas.deals.read', 'crm.schemas.deals.write',
          'crm.schemas.companies.read', 'crm.schemas.companies.write', 'crm.objects.leads.read', 'crm.objects.leads.write', 'crm.objects.owners.read',
          // The bodies of emails for suggestions; without it HubSpot redacts them and the card works from calls, meetings and notes.
          'sales-email-read',
          // Call transcripts, read only when a rep opens one; without it the card works from call notes.
          'crm.extensions_calling_transcripts.read',
        ],
      },
    });
  });

  it('has the BANT card in the contact record sidebar', () => {
    const card = parsed.intermediateRepresentation.intermediateNodesIndexedByUid.bant_card;
    expect(card).toMatchObject({ componentType: 'CARD', metaFilePath: 'app/cards/bant-card-hsmeta.json', componentDeps: { app: 'bant_app' } });
    expect(card?.config).toEqual({ name: 'BANT qualification', location: 'crm.record.sidebar', entrypoint: '/app/cards/BantCard.tsx', objectTypes: ['contacts'] });
  });

  it('has the buying-committee card on deals and companies, with its own app function', () => {
    const nodes = parsed.intermediateRepresentation.intermediateNodesIndexedByUid;
    expect(nodes.bant_committee_card).toMatchObject({ componentType: 'CARD', metaFilePath: 'app/cards/committee-card-hsmeta.json', componentDeps: { app: 'bant_app' } });
    expect(nodes.bant_committee_card?.config).toEqual({ name: 'BANT buying committee', location: 'crm.record.sidebar', entrypoint: '/app/cards/CommitteeCard.tsx', objectTypes: ['deals', 'companies'] });
    expect(nodes.bant_committee_api).toMatchObject({ componentType: 'APP_FUNCTION', metaFilePath: 'app/functions/bant-committee-api-hsmeta.json', componentDeps: { app: 'bant_app' } });
    expect(nodes.bant_committee_api?.config).toEqual({ entrypoint: '/app/functions/dist/bantCommitteeApi.js', secretKeys: [] });
  });

  it("has the card's app function, with the functions' shared package", () => {
    const nodes = parsed.intermediateRepresentation.intermediateNodesIndexedByUid;
    const api = nodes.bant_card_api;
    expect(api).toMatchObject({ componentType: 'APP_FUNCTION', metaFilePath: 'app/functions/bant-card-api-hsmeta.json', componentDeps: { app: 'bant_app' } });
    expect(api?.config).toEqual({ entrypoint: '/app/functions/dist/bantCardApi.js', secretKeys: ['BANT_LLM_URL', 'BANT_LLM_KEY', 'BANT_LLM_MODEL', 'BANT_LLM_TIMEOUT_MS'] });
    const packageUid = (api?.componentDeps as { serverlessPackage?: string }).serverlessPackage ?? '';
    expect(nodes[packageUid]).toMatchObject({ componentType: 'SERVERLESS_PACKAGE', config: { packageFile: 'app/functions/package.json' } });
  });

  it('has the recalculation endpoint function that webhooks and the workflow action can call', () => {
    const recalculate = parsed.intermediateRepresentation.intermediateNodesIndexedByUid.bant_recalculate;
    expect(recalculate).toMatchObject({ componentType: 'APP_FUNCTION', metaFilePath: 'app/functions/bant-recalculate-hsmeta.json', componentDeps: { app: 'bant_app' } });
    expect(recalculate?.config).toEqual({ entrypoint: '/app/functions/dist/bantRecalculate.js', secretKeys: [], endpoint: { path: 'bant/recalculate', methods: ['POST'] } });
  });
});

describe('building the project offline', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'bant-build-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("builds the card with HubSpot's own card build, the engine bundled and React left to HubSpot", async () => {
    const cardDir = join(ROOT, 'src/app/cards');
    await remoteBuild({ root: cardDir, entryPoint: join(cardDir, 'BantCard.tsx'), outputDir: join(out, 'card'), logLevel: 'silent' });
    const bundle = await readFile(join(out, 'card', 'BantCard.js'), 'utf8');
    expect(bundle).toContain('bant_card_api');
    expect(bundle).toContain('is below the lowest band');
    // React is HubSpot's: the bundle is an IIFE handed the page's React and RemoteUI globals.
    expect(bundle.trimEnd()).toMatch(/,React,RemoteUI\);$/);
  });

  it("builds the committee card with HubSpot's own card build, its function called, React left to HubSpot, under 40 KiB gzipped", async () => {
    const cardDir = join(ROOT, 'src/app/cards');
    await remoteBuild({ root: cardDir, entryPoint: join(cardDir, 'CommitteeCard.tsx'), outputDir: join(out, 'committee'), logLevel: 'silent' });
    const bundle = await readFile(join(out, 'committee', 'CommitteeCard.js'), 'utf8');
    expect(bundle).toContain('bant_committee_api');
    expect(bundle).toContain('No one at {target} level or above yet');
    expect(bundle.trimEnd()).toMatch(/,React,RemoteUI\);$/);
    expect(gzipSync(bundle).length).toBeLessThan(40 * 1024);
  });

  it('builds every app function to the entry point its hsmeta names', async () => {
    const built = await buildFunctions(join(ROOT, 'src/app/functions/dist', basename(out)));
    try {
      const names = built.map((file) => basename(file));
      for (const meta of ['bant-card-api-hsmeta.json', 'bant-committee-api-hsmeta.json']) {
        const { config } = JSON.parse(await readFile(join(ROOT, 'src/app/functions', meta), 'utf8')) as { config: { entrypoint: string } };
        expect(names).toContain(basename(config.entrypoint));
      }
      expect(built.every((file) => existsSync(file))).toBe(true);
    } finally {
      await rm(join(ROOT, 'src/app/functions/dist', basename(out)), { recursive: true, force: true });
    }
  });
});

describe('the config generated from the model, as HubSpot parses it', () => {
  const model = ACTIVE_MODEL.ok ? ACTIVE_MODEL.model : null;
  let plain: Parsed;
  let profiled: Parsed;
  beforeAll(async () => {
    const context = { projectSourceDir: join(ROOT, 'src'), platformVersion: '2026.03' };
    plain = await translate(context, { skipValidation: true });
    profiled = await translate(context, { skipValidation: true, profile: 'example' });
  });

  it.each(generatedFiles(BANT_DEFAULT).map((f) => [f.path]))('has %s up to date with the active model (if not: npm run build, then commit)', async (path) => {
    if (!model) throw new Error('the active model is invalid: run bant check --offline');
    const expected = generatedFiles(model).find((f) => f.path === path)!.content;
    expect(await readFile(join(ROOT, path), 'utf8')).toBe(expected);
  });

  it("has the webhooks component with the model's subscriptions", () => {
    const node = plain.intermediateRepresentation.intermediateNodesIndexedByUid.bant_webhooks;
    expect(node).toMatchObject({ componentType: 'WEBHOOKS', metaFilePath: 'app/webhooks/webhooks-hsmeta.json', componentDeps: { app: 'bant_app' } });
    expect(node?.config).toEqual(webhooksComponent(model!).config);
  });

  it('has the "Recalculate BANT score" workflow action for deals and contacts', () => {
    const node = plain.intermediateRepresentation.intermediateNodesIndexedByUid.bant_recalculate_action;
    expect(node).toMatchObject({
      componentType: 'WORKFLOW_ACTION', metaFilePath: 'app/workflow-actions/recalculate-bant-score-hsmeta.json', componentDeps: { app: 'bant_app' },
    });
    expect(node?.config).toMatchObject({ actionUrl: '${BANT_RECALC_URL}', objectTypes: ['DEAL', 'CONTACT'], labels: { en: { actionName: 'Recalculate BANT score' } } });
  });

  it('fills BANT_RECALC_URL from the profile in src/hsprofile.<name>.json', () => {
    const url = 'https://example-domain.com/hs/serverless/bant/recalculate';
    const nodes = profiled.intermediateRepresentation.intermediateNodesIndexedByUid;
    expect((nodes.bant_webhooks?.config as { settings: { targetUrl: string } }).settings.targetUrl).toBe(url);
    expect((nodes.bant_recalculate_action?.config as { actionUrl: string }).actionUrl).toBe(url);
    expect(profiled.intermediateRepresentation.profileData?.vars.profileVariables).toEqual({ BANT_RECALC_URL: { variableType: 'PROFILE_STRING', value: url } });
  });
});

describe('the settings page, as HubSpot parses and builds it', () => {
  let parsed: Parsed;
  let out: string;
  beforeAll(async () => {
    parsed = await translate({ projectSourceDir: join(ROOT, 'src'), platformVersion: '2026.03' }, { skipValidation: true });
    out = await mkdtemp(join(tmpdir(), 'bant-settings-build-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('has one settings page and its app function', () => {
    const nodes = parsed.intermediateRepresentation.intermediateNodesIndexedByUid;
    expect(Object.values(nodes).filter((node) => node.componentType === 'SETTINGS')).toHaveLength(1);
    expect(nodes.bant_settings).toMatchObject({
      componentType: 'SETTINGS', metaFilePath: 'app/settings/settings-hsmeta.json', componentDeps: { app: 'bant_app' },
      config: { entrypoint: '/app/settings/BantSettings.tsx' },
    });
    expect(nodes.bant_settings_api).toMatchObject({
      componentType: 'APP_FUNCTION', metaFilePath: 'app/functions/bant-settings-api-hsmeta.json',
      config: { entrypoint: '/app/functions/dist/bantSettingsApi.js', secretKeys: ['BANT_LLM_URL', 'BANT_LLM_KEY', 'BANT_LLM_MODEL', 'BANT_LLM_TIMEOUT_MS'] },
    });
  });

  it("builds with HubSpot's own extension build, calling its function, with React left to HubSpot", async () => {
    const dir = join(ROOT, 'src/app/settings');
    await remoteBuild({ root: dir, entryPoint: join(dir, 'BantSettings.tsx'), outputDir: out, logLevel: 'silent' });
    const bundle = await readFile(join(out, 'BantSettings.js'), 'utf8');
    expect(bundle).toContain('bant_settings_api');
    expect(bundle.trimEnd()).toMatch(/,React,RemoteUI\);$/);
  });
});
