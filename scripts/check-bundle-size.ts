import { BUDGETS, NOT_IN_INITIAL, routeBundles } from './bundle-size.ts';

// `npm run size`: fails when the built SPA breaks its size budgets (deterministic: gzip of files).
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const problems: string[] = [];
for (const route of routeBundles()) {
  const budget = route.name === 'initial' ? BUDGETS.initialGzipBytes : BUDGETS.routeGzipBytes;
  console.log(`${kb(route.gzipBytes).padStart(9)} gzip  ${route.name}`);
  if (route.gzipBytes > budget) {
    problems.push(`${route.name}: ${kb(route.gzipBytes)} gzip exceeds ${kb(budget)}`);
  }
  if (route.name === 'initial') {
    for (const heavy of NOT_IN_INITIAL.filter((name) => route.packages.includes(name))) {
      problems.push(`initial JavaScript contains ${heavy}; load it lazily`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Bundle budget broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Bundle budgets hold (initial ≤ ${kb(BUDGETS.initialGzipBytes)}, each route ≤ ${kb(BUDGETS.routeGzipBytes)}).`,
);
