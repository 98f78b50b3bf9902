import type { Model } from '../engine';
import type { CrmPipeline } from '../crm/types';
import type { PropertyIssue } from './types';

/**
 * Checks the lead stages a model moves leads to (`leads.qualify`, `leads.unqualify`) against the
 * portal's lead pipelines. `pipelines` is null when the portal has no Leads or the app lacks their
 * scopes: then nothing would move, which is a warning, not an error. Nothing to check when the
 * model moves no lead.
 * @example checkLeadStages(model, [{ id: 'lead-pipeline-id', label: 'Leads', stages: [...] }]) // []
 */
export function checkLeadStages(model: Pick<Model, 'leads'>, pipelines: readonly CrmPipeline[] | null): PropertyIssue[] {
  const leads = model.leads;
  if (!leads || (!leads.qualify && !leads.unqualify)) return [];
  const base = { object: 'lead' as const, property: 'hs_pipeline_stage' };
  if (pipelines === null) {
    return [{
      ...base, severity: 'warning', code: 'no_leads', path: 'leads',
      message: "the model moves leads, but this portal has no Leads object or the app lacks the crm.objects.leads.read and .write scopes, so no lead will move.",
      fix: 'Grant the optional Leads scopes when installing the app (Sales Hub Professional or Enterprise), or set leads.qualify and leads.unqualify to false.',
    }];
  }
  const stages = pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => ({ ...stage, pipeline: pipeline.label })));
  const wanted: Array<[string, string]> = [
    ...(leads.qualify ? [['leads.qualifiedStage', leads.qualifiedStage] as [string, string]] : []),
    ...(leads.unqualify ? [['leads.unqualifiedStage', leads.unqualifiedStage] as [string, string]] : []),
  ];
  return wanted.filter(([, id]) => !stages.some((stage) => stage.id === id)).map(([path, id]) => ({
    ...base, severity: 'error', code: 'missing_stage', path,
    message: `${path} "${id}" is not a stage of any lead pipeline in this portal, so leads cannot be moved to it.`,
    fix: `Set ${path} to one of ${stages.map((stage) => `${stage.id} (${stage.label}, ${stage.pipeline})`).join(', ') || 'the lead stages'}.`,
  }));
}
