// The tag that marks what sparkify created. The tool reuses or deletes only tagged resources, so it
// can never adopt (and later destroy) a same-named role or cluster that someone else owns.

export const MANAGED_TAG_KEY = 'sparkify:managed';
export const MANAGED_TAG_VALUE = 'true';
export const MANAGED_TAG = { Key: MANAGED_TAG_KEY, Value: MANAGED_TAG_VALUE } as const;

export function hasManagedTag(tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): boolean {
  return (tags ?? []).some((tag) => tag.Key === MANAGED_TAG_KEY && tag.Value === MANAGED_TAG_VALUE);
}
