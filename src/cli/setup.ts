import { parseArgs } from 'node:util';
import { CrmError } from '../crm';
import type { CrmClient, CrmObjectType, CrmPropertyCreate } from '../crm';
import type { CrmObject, Model } from '../engine';
import { MODEL_VERSION_SCHEMA } from '../modelstore';
import { planModelVersionObject } from '../setup/planModelVersionObject';
import type { ModelVersionObjectPlan } from '../setup/planModelVersionObject';
import { planSetup } from '../setup/planSetup';
import type { OptionAddition, SetupPlan } from '../setup/planSetup';
import { objectsWritten } from '../setup/propertySpecs';
import type { PropertySpec } from '../setup/types';
import { crmFromEnv } from './crmFromEnv';
import { interruptedStatus, loadModel, UsageError, write } from './io';
import { modelForCommand } from './modelSource';
import type { CliIo } from './io';
import { formatIssue, INTERACTIVE_RETRY, plural } from './issues';
import { resolveText } from '../i18n';

export const SETUP_HELP = `bant setup [--dry-run] [--add-options] [--model <file>]

Creates, in the HubSpot portal the token points at, the contact property group of the model and
every property the model needs: the reps' answers (contact sources marked "managed") and the
derived outputs (bant_score, bant_<criterion>_points, bant_qualified, bant_grade, ...); when the
model rolls up committees, the same group and derived outputs on deals and companies, with
bant_committee_size; and the custom object bant_model_version that stores the model's versions
(Enterprise accounts).
Existing properties are never deleted, and never changed without --add-options. One that does not
fit the model (wrong type, missing options) is reported with the fix. Running it again changes nothing.
  --dry-run       print the plan, change nothing
  --add-options   add the options the model needs to existing enumerations that lack them (e.g.
                  after bant model use): existing options, their labels and order, the type, field
                  type, label and group stay as they are; a property of the wrong type stays a conflict
  --model <file>  set up for another model file (default: the published model, or the bundled
                  src/models/bant-model.json while none is published)
Environment: PRIVATE_APP_ACCESS_TOKEN (required), HUBSPOT_API_BASE_URL (default https://api.hubapi.com).
Exit status: 0 everything is in place, 1 conflicts or failed creations or updates, 2 could not start.`;

/** `bant setup`: reads the portal's contact properties, plans, creates what is missing. */
export async function setupCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'dry-run': { type: 'boolean', default: false }, 'add-options': { type: 'boolean', default: false },
      model: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${SETUP_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`bant setup takes no arguments, got ${positionals.join(' ')}`);
  const fromFile = values.model ? await loadModel(values.model) : undefined;
  // Ctrl-C aborts the request in flight; what was created stays, and a second run creates the rest.
  const { crm, baseUrl } = crmFromEnv(io.env, { retry: INTERACTIVE_RETRY, ...(io.signal ? { signal: io.signal } : {}) });
  const stopped = async () => {
    await write(io.stderr, 'bant setup: stopped; what was created stays, and bant setup again creates only what is still missing\n');
    return interruptedStatus(io.signal);
  };
  try {
    // The properties the published model needs (the bundled model's while none is published).
    const model = fromFile ?? (await modelForCommand(undefined, crm)).model;
    let code = 0;
    for (const object of objectsWritten(model)) {
      if (io.signal?.aborted) return await stopped();
      code = Math.max(code, await setupObject(crm, model, object, { dryRun: values['dry-run'], addOptions: values['add-options'], baseUrl }, io));
      // A portal that could not be read for one object will not be read for the next.
      if (code === 2 && !io.signal?.aborted) return code;
    }
    if (io.signal?.aborted) return await stopped();
    code = Math.max(code, await setupModelVersionObject(crm, values['dry-run'], io));
    return io.signal?.aborted ? await stopped() : code;
  } catch (error) {
    if (io.signal?.aborted) return stopped();
    throw error;
  }
}

/**
 * The custom object that holds the model's versions (Enterprise): created when missing, completed
 * with the properties an older one lacks; returns the exit status of this part.
 */
async function setupModelVersionObject(crm: CrmClient, dryRun: boolean, io: CliIo): Promise<number> {
  const name = MODEL_VERSION_SCHEMA.name;
  let plan: ModelVersionObjectPlan;
  try {
    plan = planModelVersionObject(await crm.getSchemas());
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    await write(io.stderr, `bant setup: could not read the custom objects, so the ${name} object that stores model versions was not checked: ${error.message}${customObjectHint(error)}\n`);
    return 1;
  }
  await write(io.stdout, `\nModel versions: the custom object ${name}\n`);
  for (const issue of plan.conflicts) await write(io.stdout, `  error   ${name}.${issue.property}: ${issue.message}\n          fix: ${issue.fix}\n`);
  if (plan.existing && plan.missing.length === 0) {
    await write(io.stdout, plan.conflicts.length === 0 ? `  ok      the object and its ${plural(MODEL_VERSION_SCHEMA.properties.length, 'property')} are in place\n` : '');
    return plan.conflicts.length === 0 ? 0 : 1;
  }
  const todo = plan.existing ? `add ${plural(plan.missing.length, 'property')} to it: ${plan.missing.map((p) => p.name).join(', ')}` : `create it with ${plural(MODEL_VERSION_SCHEMA.properties.length, 'property')}`;
  if (dryRun) {
    await write(io.stdout, `  Dry run: nothing was changed. Without --dry-run, bant setup would ${todo}.\n`);
    return plan.conflicts.length === 0 ? 0 : 1;
  }
  try {
    if (!plan.existing) {
      const created = await crm.createSchema(MODEL_VERSION_SCHEMA);
      await write(io.stdout, `  created the object ${name} (${created.objectTypeId})\n`);
    } else {
      for (const property of plan.missing) {
        await crm.createProperty(plan.existing.objectTypeId, property as CrmPropertyCreate);
        await write(io.stdout, `  created ${name}.${property.name}\n`);
      }
    }
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    // CONFLICT: created by someone else since the plan was read; the next run checks it.
    const why = error.code === 'CONFLICT' ? 'it was created by someone else meanwhile; run bant setup again to check it' : `${error.message}${customObjectHint(error)}`;
    await write(io.stderr, `bant setup: could not ${todo.replace(/: .*/, '')} (the ${name} object): ${why}\n`);
    return 1;
  }
  return plan.conflicts.length === 0 ? 0 : 1;
}

function customObjectHint(error: CrmError): string {
  return error.code === 'FORBIDDEN'
    ? ' Model versions need an Enterprise account and the app\'s crm.schemas.custom.read/write and crm.objects.custom.read/write scopes (upload the project again, then reinstall the app). Until then every adapter scores with the bundled model.'
    : '';
}

const OBJECT_TYPES: Record<CrmObject, CrmObjectType> = { contact: 'contacts', deal: 'deals', company: 'companies' };

/** Plans and applies one object's properties (contacts; deals and companies for committees); returns its exit status. */
async function setupObject(
  crm: CrmClient, model: Model, object: CrmObject, options: { dryRun: boolean; addOptions: boolean; baseUrl: string }, io: CliIo,
): Promise<number> {
  const type = OBJECT_TYPES[object];
  let plan: SetupPlan;
  try {
    const groups = await crm.getPropertyGroups(type);
    const properties = await crm.getProperties(type);
    plan = planSetup(model, { groups, properties }, { addOptions: options.addOptions, object });
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    await write(io.stderr, `bant setup: could not read the ${object} properties of ${options.baseUrl}: ${error.message}\n`);
    return 2;
  }

  await write(io.stdout, `bant setup: model ${model.version} (${resolveText(model.name, 'en')}), ${object} properties of ${options.baseUrl}\n${formatPlan(plan)}`);
  const total = plan.create.length + plan.inPlace.length + plan.addOptions.length + plan.conflicts.length;
  if (plan.create.length === 0 && plan.addOptions.length === 0 && plan.group.exists) {
    await write(io.stdout, plan.conflicts.length === 0
      ? `Nothing to change: the group ${plan.group.name} and all ${total} properties are in place.\n`
      : `Nothing to create. ${conflictSummary(plan)}\n`);
    return plan.conflicts.length === 0 ? 0 : 1;
  }
  if (options.dryRun) {
    await write(io.stdout, `Dry run: nothing was changed. Without --dry-run, bant setup would ${changes(plan)}.${plan.conflicts.length > 0 ? ` ${conflictSummary(plan)}` : ''}\n`);
    return plan.conflicts.length === 0 ? 0 : 1;
  }

  const failures = await apply(crm, model, type, plan, io);
  const updateFailures = await addOptions(crm, type, plan.addOptions, io);
  const created = plan.create.length - failures.length;
  const lines = [];
  if (plan.create.length > 0 || !plan.group.exists) lines.push(`Created ${plural(created, 'property')}${plan.group.exists ? '' : ` and the group ${plan.group.name}`}.`);
  if (failures.length > 0) lines.push(`${plural(failures.length, 'property')} could not be created (see above); run bant setup again once fixed.`);
  if (plan.addOptions.length > 0) {
    const updated = plan.addOptions.filter((addition) => !updateFailures.includes(addition));
    lines.push(`Added ${plural(updated.reduce((sum, addition) => sum + addition.added.length, 0), 'option')} to ${plural(updated.length, 'property')}.`);
    if (updateFailures.length > 0) lines.push(`${plural(updateFailures.length, 'property')} could not be updated (see above); run bant setup --add-options again once fixed.`);
  }
  if (plan.conflicts.length > 0) lines.push(conflictSummary(plan));
  await write(io.stdout, `${lines.join(' ')}\n`);
  return failures.length > 0 || updateFailures.length > 0 || plan.conflicts.length > 0 ? 1 : 0;
}

function formatPlan(plan: SetupPlan): string {
  const lines: string[] = [];
  if (!plan.group.exists) lines.push(`  create  group ${plan.group.name} "${plan.group.label}"\n`);
  for (const spec of plan.create) lines.push(`  create  ${spec.name.padEnd(30)} ${describe(spec)}, "${spec.definition.label}"\n`);
  for (const { spec, added } of plan.addOptions) {
    lines.push(`  add     ${spec.name.padEnd(30)} ${plural(added.length, 'option')} after the existing ones: ${added.map((o) => `"${o.value}" (${o.label})`).join(', ')}\n`);
  }
  if (plan.inPlace.length > 0) lines.push(`  ok      ${plural(plan.inPlace.length, 'property')} already in place${plan.group.exists ? `, and the group ${plan.group.name}` : ''}\n`);
  for (const issue of [...plan.conflicts, ...plan.warnings]) lines.push(formatIssue(issue));
  return lines.join('');
}

function describe(spec: PropertySpec): string {
  const { type, fieldType, options } = spec.definition;
  return `${type} / ${fieldType}${type === 'enumeration' && options ? ` with ${plural(options.length, 'option')}` : ''}`;
}

function changes(plan: SetupPlan): string {
  const parts: string[] = [];
  if (plan.create.length > 0 || !plan.group.exists) parts.push(`create ${plan.group.exists ? '' : `the group ${plan.group.name} and `}${plural(plan.create.length, 'property')}`);
  if (plan.addOptions.length > 0) {
    parts.push(`add ${plural(plan.addOptions.reduce((sum, addition) => sum + addition.added.length, 0), 'option')} to ${plural(plan.addOptions.length, 'existing property')}`);
  }
  return parts.join(' and ');
}

function conflictSummary(plan: SetupPlan): string {
  const never = plan.addOptions.length > 0 ? 'bant setup never changes the type of an existing property' : 'bant setup never changes an existing property';
  return `${plural(plan.conflicts.length, 'conflict')} left as ${plan.conflicts.length === 1 ? 'it is' : 'they are'}: ${never}; apply the fix above, then run bant setup again.`;
}

/** Creates the group, then each missing property; returns the properties that could not be created. */
async function apply(crm: CrmClient, model: Model, type: CrmObjectType, plan: SetupPlan, io: CliIo): Promise<PropertySpec[]> {
  if (!plan.group.exists) {
    try {
      await crm.createPropertyGroup(type, { name: model.propertyGroup.name, label: model.propertyGroup.label });
      await write(io.stdout, `created group ${model.propertyGroup.name}\n`);
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      // CONFLICT: someone created it since the plan was read, which is the outcome we wanted.
      if (error.code !== 'CONFLICT') {
        await write(io.stderr, `bant setup: could not create the group ${model.propertyGroup.name}, so no property was created: ${error.message}\n`);
        return [...plan.create];
      }
    }
  }
  const failed: PropertySpec[] = [];
  for (const spec of plan.create) {
    if (io.signal?.aborted) {
      failed.push(...plan.create.slice(plan.create.indexOf(spec)));
      break;
    }
    try {
      await crm.createProperty(type, spec.definition);
      await write(io.stdout, `created ${spec.name}\n`);
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      failed.push(spec);
      const why = error.code === 'CONFLICT' ? 'it was created by someone else meanwhile; run bant check to see whether it fits' : error.message;
      await write(io.stderr, `bant setup: could not create ${spec.name}: ${why}\n`);
      // A portal that stopped answering will not answer the next property either.
      if (error.isTransport) {
        failed.push(...plan.create.slice(plan.create.indexOf(spec) + 1));
        break;
      }
    }
  }
  return failed;
}

/**
 * Appends the missing options to each property, one PATCH each with the whole list (HubSpot's update
 * replaces it); returns the additions that failed.
 */
async function addOptions(crm: CrmClient, type: CrmObjectType, additions: readonly OptionAddition[], io: CliIo): Promise<OptionAddition[]> {
  const failed: OptionAddition[] = [];
  for (const addition of additions) {
    if (io.signal?.aborted) {
      failed.push(...additions.slice(additions.indexOf(addition)));
      break;
    }
    try {
      await crm.updateProperty(type, addition.spec.name, { options: addition.options });
      await write(io.stdout, `added ${plural(addition.added.length, 'option')} to ${addition.spec.name}\n`);
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      failed.push(addition);
      await write(io.stderr, `bant setup: could not add options to ${addition.spec.name}: ${error.message}\n`);
      if (error.isTransport) {
        failed.push(...additions.slice(additions.indexOf(addition) + 1));
        break;
      }
    }
  }
  return failed;
}
