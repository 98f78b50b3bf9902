export { createModelResolver, ModelUnavailableError } from './createModelResolver';
export type { ModelResolver, ModelResolverOptions, ResolvedModel } from './createModelResolver';
export { modelInUse } from './modelInUse';
export type { ModelInUse, ModelSource } from './modelInUse';
export { createVersionStore, readPublishedPointer } from './createVersionStore';
export type { PointerCrm, PointerRead, PublishResult, PushResult, VersionCrm, VersionStore } from './createVersionStore';
