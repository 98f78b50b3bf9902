/**
 * What a dismissal remembers: this criterion's suggestion from this activity (or the job title).
 * @example suggestionKey({ criterion: 'budget', source: { id: '123' } }) // 'budget:123'
 */
export function suggestionKey(suggestion: { criterion: string; source: { id: string } }): string {
  return `${suggestion.criterion}:${suggestion.source.id}`;
}
