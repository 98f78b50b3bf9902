export { createModelResolver, ModelUnavailableError, RECEIVER_MODEL_TTL_MS } from './createModelResolver';
export type { ModelResolver, ModelResolverOptions, ResolvedModel } from './createModelResolver';
export { modelInUse } from './modelInUse';
export type { ModelInUse, ModelSource } from './modelInUse';
export { createVersionStore, readPublishedPointer } from './createVersionStore';
export type { PointerCrm, PointerRead, PublishResult, PushResult, VersionCrm, VersionStore } from './createVersionStore';
export { followPublished } from './followPublished';
export type { FollowerCrm, FollowerOptions } from './followPublished';
