/**
 * What a part of the card in a slot may do besides showing `CardData` (BantCard passes it to the
 * slots): put a value in the rep's unsaved answers (the rep still saves), or hide a suggestion.
 */
export interface CardActions {
  /** Whether the rep can save answers here. */
  canEdit: boolean;
  /** The rep's unsaved answers, by property. */
  edits: Record<string, string>;
  /** Puts a raw HubSpot value in the rep's unsaved answers. */
  fill: (property: string, raw: string) => void;
  /** Hides a suggestion on this contact for every rep. */
  dismiss: (criterion: string, sourceId: string) => Promise<void>;
}
