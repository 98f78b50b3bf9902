import { derivedPropertyNames, propertiesRead } from '../engine';
import type { Model } from '../engine';
import { autofillOn } from '../recalc/autofillLeads';

/** HubSpot's activity objects by their webhook object names (generic subscriptions list CALL, MEETING_EVENT, NOTE, EMAIL). */
const ACTIVITY_OBJECT_NAMES = ['call', 'meeting_event', 'note', 'email'] as const;

/**
 * The profile variable holding the URL of the recalculation endpoint: the `bant_recalculate`
 * endpoint function (`https://<domain>/hs/serverless/bant/recalculate`) or a self-hosted receiver.
 * Webhook batches and workflow action callbacks both POST there; the endpoint tells them apart by
 * shape (an array of events, or one callback object).
 */
export const RECALC_URL_VARIABLE = 'BANT_RECALC_URL';

/** Deal properties that change which deal is open, though the engine reads `hs_is_closed` (see src/recalc). */
const DEAL_STAGE_PROPERTIES = ['dealstage', 'pipeline'];

export interface GeneratedFile {
  /** Relative to the project root, with forward slashes. */
  path: string;
  content: string;
}

/**
 * Every HubSpot config file that follows from the model, exactly as `bant sync` writes it.
 * @example generatedFiles(model).map((f) => f.path) // ['src/app/webhooks/webhooks-hsmeta.json', ...]
 */
export function generatedFiles(model: Model): GeneratedFile[] {
  return [
    { path: 'src/app/webhooks/webhooks-hsmeta.json', content: json(webhooksComponent(model)) },
    { path: 'src/app/workflow-actions/recalculate-bant-score-hsmeta.json', content: json(workflowActionComponent()) },
    { path: 'src/app/cards/generated/model-properties.json', content: json(modelProperties(model)) },
  ];
}

/**
 * The `webhooks` component: a property-change subscription for every contact, deal and company
 * property the model reads (plus the deal stage and pipeline, which close deals), deal association
 * changes, which fire when a deal is linked to or unlinked from a contact, and, only when the model
 * reads company properties or rolls up companies' committees, company association changes (a
 * contact's company changing, a contact or deal joining a company).
 */
export function webhooksComponent(model: Model) {
  const read = propertiesRead(model);
  const propertyChange = (objectType: 'contact' | 'deal' | 'company', propertyName: string) =>
    ({ subscriptionType: 'object.propertyChange', objectType, propertyName, active: true });
  return {
    uid: 'bant_webhooks',
    type: 'webhooks',
    config: {
      settings: { targetUrl: `\${${RECALC_URL_VARIABLE}}`, maxConcurrentRequests: 10 },
      subscriptions: {
        crmObjects: [
          ...read.contact.map((name) => propertyChange('contact', name)),
          ...[...new Set([...read.deal, ...DEAL_STAGE_PROPERTIES])].map((name) => propertyChange('deal', name)),
          ...read.company.map((name) => propertyChange('company', name)),
          { subscriptionType: 'object.associationChange', objectType: 'deal', active: true },
          ...(read.company.length > 0 || model.committee?.companies ? [{ subscriptionType: 'object.associationChange', objectType: 'company', active: true }] : []),
          // With auto-fill on, a new call, meeting, note or email may fill EMPTY answers (HubSpot's generic
          // subscriptions; the object names of calls and meetings in a project's webhooks are UNCONFIRMED).
          ...(autofillOn(model) ? ACTIVITY_OBJECT_NAMES.map((objectType) => ({ subscriptionType: 'object.creation', objectType, active: true })) : []),
        ],
      },
    },
  };
}

/** The custom workflow action "Recalculate BANT score" for deal- and contact-based workflows. */
export function workflowActionComponent() {
  return {
    uid: 'bant_recalculate_action',
    type: 'workflow-action',
    config: {
      actionUrl: `\${${RECALC_URL_VARIABLE}}`,
      isPublished: true,
      supportedClients: [{ client: 'WORKFLOWS' }],
      inputFields: [],
      outputFields: [
        { typeDefinition: { name: 'contacts_recalculated', type: 'number', fieldType: 'number' }, supportedValueTypes: ['STATIC_VALUE'] },
        { typeDefinition: { name: 'contacts_written', type: 'number', fieldType: 'number' }, supportedValueTypes: ['STATIC_VALUE'] },
      ],
      labels: {
        en: {
          actionName: 'Recalculate BANT score',
          actionDescription: 'Scores the enrolled contact, or every contact of the enrolled deal, with the BANT model and stores the result on the contact.',
          actionCardContent: 'Recalculate the BANT score',
          outputFieldLabels: { contacts_recalculated: 'Contacts recalculated', contacts_written: 'Contacts whose score changed' },
        },
      },
      objectTypes: ['DEAL', 'CONTACT'],
    },
  };
}

/**
 * The property names the card and its function read for the model: the rep's answers, every
 * contact, deal and company property a source reads, and the derived outputs.
 */
export function modelProperties(model: Model) {
  const read = propertiesRead(model);
  const answers = model.criteria.flatMap((c) => c.sources.filter((s) => s.object === 'contact' && s.managed).map((s) => s.property));
  return {
    $comment: 'Generated by bant sync from src/models/bant-model.json; do not edit.',
    modelId: model.id,
    modelVersion: model.version,
    answers: [...new Set(answers)],
    contact: read.contact,
    derived: derivedPropertyNames(model),
    deal: read.deal,
    company: read.company,
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
