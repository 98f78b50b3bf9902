export { createModelResolver, ModelUnavailableError } from './createModelResolver';
export type { ModelResolver, ModelResolverOptions, ResolvedModel } from './createModelResolver';
export { createVersionStore } from './createVersionStore';
export type { PointerRead, PublishResult, PushResult, VersionCrm, VersionStore } from './createVersionStore';
