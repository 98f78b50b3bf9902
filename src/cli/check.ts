import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CrmError } from '../crm';
import type { CrmClient, CrmObjectType, CrmPipeline } from '../crm';
import { formatProblem, modelWarnings, suggestionProblems, totalMax } from '../engine';
import { readModelText } from '../engine/parseModelText';
import { MODEL_VERSION_OBJECT } from '../modelstore';
import type { CrmObject, Model, ModelProblem } from '../engine';
import { ACTIVE_MODEL } from '../models';
import { checkLeadStages } from '../setup/checkLeadStages';
import { checkMappings, objectsToCheck } from '../setup/checkMappings';
import { checkCurrencies } from '../setup/checkCurrencies';
import { planModelVersionObject } from '../setup/planModelVersionObject';
import type { ObjectIssue } from '../setup/planModelVersionObject';
import type { PortalProperty, PropertyIssue } from '../setup/types';
import { uncoveredSubscriptions } from '../sync/subscriptionCoverage';
import { createModelResolver, ModelUnavailableError } from '../versions';
import type { ResolvedModel } from '../versions';
import { crmFromEnv } from './crmFromEnv';
import { interruptedStatus, UsageError, write } from './io';
import type { CliIo } from './io';
import { formatIssue, INTERACTIVE_RETRY, plural } from './issues';
import { PROJECT_ROOT } from './sync';

export const CHECK_HELP = `bant check [--offline] [--json] [--model <file>]

Checks the model the portal scores with (the published version, or the bundled model
src/models/bant-model.json when none is published; --model: that file), then its property
mappings against the HubSpot portal the token points at: every source exists on its object with a
type that fits its rule, every HubSpot option earns points (unmapped options are listed by name),
model options HubSpot lacks (unreachable points) are warnings, and the app's outputs exist (the
dismissed suggestions included). Suggestions the model maps to a criterion whose options cannot
take them are warnings. Also
the bant_model_version object that stores versions, and that the webhook subscriptions in
src/app/webhooks (what hs project upload deployed) cover every property the model reads.
  --offline  check the model file only (default: the bundled model)
  --json     print one JSON report instead of text
Environment: PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL (default https://api.hubapi.com).
Exit status: 0 ok (warnings allowed), 1 problems, 2 could not check (bad model file, portal
unreachable, missing token).`;

const OBJECT_TYPES: Record<CrmObject, CrmObjectType> = { contact: 'contacts', deal: 'deals', company: 'companies' };

interface CheckReport {
  ok: boolean;
  status: 'ok' | 'problems' | 'could_not_check';
  model: { file: string; valid: boolean; id?: string; version?: string; summary?: string; problems: ReportedProblem[]; warnings: ReportedProblem[]; source?: string };
  /** Where the checked model comes from: the portal's published version, the bundled file (none published), or --model. */
  modelSource?: 'portal' | 'bundled' | 'file';
  portal: { checked: boolean; url?: string; mappings?: number; reason?: string };
  problems: PropertyIssue[];
  /** The custom object that stores model versions: what it lacks. */
  modelVersions?: { problems: ObjectIssue[] };
  /** Changes the model reads that the deployed webhook subscriptions do not send. */
  uncoveredSubscriptions?: string[];
  warnings: PropertyIssue[];
}

/** A problem as `bant check` reports it: where and what, in English (the settings page says it by its code). */
type ReportedProblem = Pick<ModelProblem, 'path' | 'message'>;
const reported = ({ path, message }: ReportedProblem): ReportedProblem => ({ path, message });

/** `bant check`: the model offline, then its mappings against the portal; text or JSON, exit 0/1/2. */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { offline: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, model: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await write(io.stdout, `${CHECK_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`bant check takes no arguments, got ${positionals.join(' ')}; use --model <file>`);

  const file = values.model ?? join(PROJECT_ROOT, 'src/models/bant-model.json');
  const shown = values.model ?? (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file));
  const report: CheckReport = {
    ok: false, status: 'could_not_check', model: { file: shown, valid: false, problems: [], warnings: [] },
    portal: { checked: false }, problems: [], warnings: [],
  };
  const finish = async (): Promise<number> => {
    if (io.signal?.aborted) {
      await write(io.stderr, 'bant check: stopped before the check was done; nothing was changed\n');
      return interruptedStatus(io.signal);
    }
    report.ok = report.status === 'ok';
    await write(values.json ? io.stdout : report.status === 'could_not_check' ? io.stderr : io.stdout, values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.status === 'ok' ? 0 : report.status === 'problems' ? 1 : 2;
  };

  // Without --model, the portal's published version is the model to check; the bundled file when none is published.
  let resolved: ResolvedModel | undefined;
  let resolveFailure: string | undefined;
  if (!values.offline && !values.model) {
    try {
      resolved = await createModelResolver({ bundled: ACTIVE_MODEL }).resolve(crmFromEnv(io.env, { retry: INTERACTIVE_RETRY, ...(io.signal ? { signal: io.signal } : {}) }).crm);
    } catch (error) {
      if (error instanceof ModelUnavailableError && error.source === 'portal') {
        report.model = { file: 'the published version', valid: false, problems: [{ path: '', message: error.message }], warnings: [] };
        return finish();
      }
      if (!(error instanceof CrmError) && !(error instanceof UsageError) && !(error instanceof ModelUnavailableError)) throw error;
      resolveFailure = error.message;
    }
  }
  report.modelSource = values.model ? 'file' : resolved?.source;
  if (resolved) report.model.source = resolved.description;
  if (resolved?.version) report.model.file = `${resolved.version.name} (published in the portal)`;
  const loaded = resolved?.source === 'portal' ? { ok: true as const, model: resolved.model } : await loadModelFile(file);
  if (!loaded.ok) {
    report.model.problems = loaded.problems.map(reported);
    return finish();
  }
  const model = loaded.model;
  const sources = model.criteria.reduce((n, c) => n + c.sources.length, 0);
  const summary = `${plural(model.criteria.length, 'criterion').replace('criterions', 'criteria')}, ${plural(sources, 'source')}, max ${totalMax(model)} points`;
  // Suggestions that cannot fit their criterion are never made: worth fixing, not a broken model.
  report.model = { ...report.model, valid: true, id: model.id, version: model.version, summary, warnings: [...modelWarnings(model), ...suggestionProblems(model)].map(reported) };
  if (values.offline) {
    report.status = 'ok';
    report.portal.reason = 'offline: the portal was not checked';
    return finish();
  }

  try {
    const { crm, baseUrl } = crmFromEnv(io.env, { retry: INTERACTIVE_RETRY, ...(io.signal ? { signal: io.signal } : {}) });
    report.portal.url = baseUrl;
    if (resolveFailure) throw new UsageError(`could not read the published model: ${resolveFailure}`);
    const portal: Partial<Record<CrmObject, PortalProperty[]>> = {};
    for (const object of objectsToCheck(model)) portal[object] = await crm.getProperties(OBJECT_TYPES[object]);
    const check = checkMappings(model, portal);
    const leadIssues = checkLeadStages(model, model.leads?.qualify || model.leads?.unqualify ? await leadPipelines(crm) : null);
    report.portal = { checked: true, url: baseUrl, mappings: check.checked };
    report.problems = [...check.problems, ...leadIssues.filter((i) => i.severity === 'error')];
    report.warnings = [...check.warnings, ...leadIssues.filter((i) => i.severity === 'warning'), ...checkCurrencies(model, await crm.getAccountInfo())];
    report.modelVersions = { problems: modelVersionProblems(planModelVersionObject(await crm.getSchemas())) };
    report.uncoveredSubscriptions = uncoveredSubscriptions(model, await readDeployedWebhooks());
    const problems = report.problems.length + report.modelVersions.problems.length + (report.uncoveredSubscriptions.length > 0 ? 1 : 0);
    report.status = problems === 0 ? 'ok' : 'problems';
  } catch (error) {
    if (!(error instanceof CrmError) && !(error instanceof UsageError)) throw error;
    report.portal.reason = error.message;
  }
  return finish();
}

/** What an upgraded portal still lacks to store model versions. */
function modelVersionProblems(plan: ReturnType<typeof planModelVersionObject>): ObjectIssue[] {
  if (!plan.existing) {
    return [{ property: MODEL_VERSION_OBJECT, message: `the custom object ${MODEL_VERSION_OBJECT} does not exist, so model versions cannot be stored and every adapter scores with the bundled model.`, fix: 'Run bant setup (model versions need an Enterprise account).' }];
  }
  return [
    ...plan.missing.map((property) => ({ property: property.name, message: `${MODEL_VERSION_OBJECT}.${property.name} does not exist.`, fix: 'Run bant setup to add it.' })),
    ...plan.conflicts,
  ];
}

const WEBHOOKS_FILE = 'src/app/webhooks/webhooks-hsmeta.json';

async function readDeployedWebhooks(): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(PROJECT_ROOT, WEBHOOKS_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** The portal's lead pipelines; null when it has no Leads or the app may not read them. */
async function leadPipelines(crm: CrmClient): Promise<CrmPipeline[] | null> {
  try {
    return await crm.getPipelines('leads');
  } catch (error) {
    if (error instanceof CrmError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) return null;
    throw error;
  }
}

async function loadModelFile(file: string): Promise<{ ok: true; model: Model } | { ok: false; problems: ModelProblem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, problems: [{ path: '', code: 'file.unreadable', params: { file, reason }, message: `cannot read ${file}: ${reason}` }] };
  }
  const checked = readModelText(text);
  if (!checked.ok && checked.notJson !== undefined) return { ok: false, problems: [{ path: '', code: 'file.notJson', params: { file, reason: checked.notJson }, message: `${file} is not JSON: ${checked.notJson}` }] };
  return checked;
}

function formatReport(report: CheckReport): string {
  const { model, portal } = report;
  if (!model.valid) {
    return `bant check: the model ${model.file} is invalid, so nothing else was checked:\n${model.problems.map((p) => `  ${formatProblem(p)}\n`).join('')}Fix the model file, then run bant check again.\n`;
  }
  const bundled = report.modelSource === 'bundled' ? `The portal scores with this bundled model: ${model.source?.replace(/^[^:]*: /, '')}.\n` : '';
  const head = `Model ${model.file}: ${model.version} is valid (${model.summary})${model.warnings.length > 0 ? `, with ${plural(model.warnings.length, 'warning')}:` : '.'}\n${model.warnings.map((w) => `  warning ${formatProblem(w)}\n`).join('')}${bundled}`;
  if (!portal.checked) {
    if (report.status === 'ok') return `${head}Offline: the portal was not checked.\n`;
    return `${head}bant check: could not check the portal${portal.url ? ` ${portal.url}` : ''}: ${portal.reason ?? 'unknown error'}\n`;
  }
  const versionIssues = (report.modelVersions?.problems ?? []).map((issue) => `  error   ${MODEL_VERSION_OBJECT}: ${issue.message}\n          fix: ${issue.fix}\n`).join('');
  const uncovered = report.uncoveredSubscriptions ?? [];
  const coverage = uncovered.length === 0 ? '' : `  error   webhooks: the model reads properties the deployed subscriptions do not send: ${uncovered.join(', ')}. Until then those changes reach stored scores only through bant rescore; the card and backtest already use them.
          fix: npm run build, then hs project upload (${WEBHOOKS_FILE} is regenerated from the model in src/models/bant-model.json: publish the same model there first, e.g. bant model pull --out src/models/bant-model.json).\n`;
  const issues = [...report.problems, ...report.warnings].map(formatIssue).join('') + versionIssues + coverage;
  const problems = report.problems.length + (report.modelVersions?.problems.length ?? 0) + (uncovered.length > 0 ? 1 : 0);
  const summary = problems === 0
    ? `All ${portal.mappings} property mappings fit the model${report.warnings.length > 0 ? `, with ${plural(report.warnings.length, 'warning')}` : ''}.\n`
    : `${plural(problems, 'problem')}, ${plural(report.warnings.length, 'warning')}: apply the fixes, then run bant check again.\n`;
  return `${head}Portal ${portal.url}: checked ${portal.mappings} property mappings.\n${issues}${summary}`;
}

