/**
 * The name of version n of a model in a portal, which contacts carry in `bant_model_version`.
 * @example versionName('bant-default', 4) // "bant-default@4"
 */
export function versionName(modelId: string, number: number): string {
  return `${modelId}@${number}`;
}
