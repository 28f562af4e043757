import { BUDGETS, checkBundleBudgets, routeBundles } from './bundle-size.ts';

// `npm run size`: fails when the built SPA breaks its size budgets (deterministic: gzip of files).
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const problems: string[] = [];
for (const check of checkBundleBudgets(routeBundles())) {
  console.log(`${kb(check.route.gzipBytes).padStart(9)} gzip  ${check.route.name}`);
  problems.push(...check.problems);
}
if (problems.length > 0) {
  console.error(`Bundle budget broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Bundle budgets hold (initial ≤ ${kb(BUDGETS.initialGzipBytes)}, each route ≤ ${kb(BUDGETS.routeGzipBytes)}).`,
);
