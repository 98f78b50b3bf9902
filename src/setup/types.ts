import type { CrmObject } from '../engine';
import type { CrmPropertyCreate, CrmPropertyDefinition, CrmPropertyOption } from '../crm/types';
import type { PropertyShape } from './propertyShape';

/** What setup and check need to know about a HubSpot property definition. */
export type PortalProperty = Pick<CrmPropertyDefinition, 'name' | 'label' | 'type' | 'fieldType'> & {
  /** As HubSpot returns them; `bant setup --add-options` sends them back unchanged. */
  options: CrmPropertyOption[];
  groupName?: string;
};

export type IssueCode =
  | 'multi_currency'
  | 'missing_property'
  | 'wrong_object'
  | 'missing_stage'
  | 'no_leads'
  | 'incompatible_type'
  | 'unmapped_option'
  | 'missing_option'
  | 'single_select'
  | 'option_label'
  | 'multi_currency';

/** One thing wrong (or worth knowing) about a property the model needs: what, where in the model, and the fix. */
export interface PropertyIssue {
  severity: 'error' | 'warning';
  code: IssueCode;
  /** `lead` for HubSpot's Leads object (0-136). */
  object: CrmObject | 'lead';
  property: string;
  /** Where the model asks for this property, e.g. `criteria[1].sources[0]`, `derived` for the app's outputs, `stamps` for who answered when, `override` for the override's fields. */
  path: string;
  message: string;
  fix: string;
}

/** A property the app creates: HubSpot's definition, why the model needs it, and what fits it. */
export interface PropertySpec {
  name: string;
  /** `override`: the verdict a rep sets by hand, written by the card (SCORING.md §6). */
  role: 'input' | 'derived' | 'override';
  /** `criteria[i].sources[j]` for an input, `derived` for an output, `override` for the override's fields. */
  path: string;
  /** Exactly what `bant setup` sends to HubSpot's properties API. */
  definition: CrmPropertyCreate;
  shape: PropertyShape;
}
