import type { NestedTaskSummary } from '../../../../contract/ray';

/** A lineage tree node (a group named preprocess, no counts, no children) with `over` applied. */
export const lineageNode = (over: Partial<NestedTaskSummary>): NestedTaskSummary => ({
  name: 'preprocess',
  key: 'k',
  type: 'GROUP',
  timestamp: null,
  state_counts: {},
  children: [],
  link: null,
  ...over,
});
