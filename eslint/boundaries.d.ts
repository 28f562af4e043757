import type { Linter } from 'eslint';

// Types for boundaries.js (the ESLint config is plain JavaScript, so ESLint loads it untranspiled).
export const TEST_FILES: string[];
export const LAYER_ZONES: { target: string; from: string; except?: string[]; message: string }[];
export function boundaries(root: string): Linter.Config[];
