/** HubSpot's own records the verdict may move (SCORING.md §6): a contact's lead and its lifecycle stage. */

/** A HubSpot Leads record (object 0-136) as the app reads it. */
export interface HubspotLead {
  id: string;
  name: string | null;
  pipeline: string | null;
  stage: string | null;
  createdate: string | null;
}

/** One move the app makes: a record's stage from → to. */
export interface StageMove {
  id: string;
  from: string | null;
  to: string;
}
