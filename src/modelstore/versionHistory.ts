import type { PublishedPointer, VersionHistoryRow, VersionSummary } from './types';

/**
 * Every version, newest first, with its status: `published` (the pointer names it), `previously
 * published` (it was, and was replaced), or `draft` (never published); and its last publication.
 * @example versionHistory(versions, pointer)[0].status // "draft" for a fresh push
 */
export function versionHistory(versions: readonly VersionSummary[], pointer: PublishedPointer | null): VersionHistoryRow[] {
  return [...versions].sort((a, b) => b.number - a.number).map((version) => {
    const publications = (pointer?.publications ?? []).filter((p) => p.number === version.number);
    const lastPublished = publications[publications.length - 1] ?? null;
    const status = pointer?.number === version.number ? 'published' : lastPublished ? 'previously published' : 'draft';
    return { ...version, status, lastPublished };
  });
}
