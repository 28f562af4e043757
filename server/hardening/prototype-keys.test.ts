import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namespaceFilter } from '../auth/namespace-access.ts';
import { loadConfig } from '../config.ts';
import { single } from '../http/query-params.ts';
import { ownCookie } from '../http/session-cookies.ts';

// User ids, query keys and cookie names are written by clients. Looked up on a plain object,
// `toString` or `constructor` finds Object.prototype's members: a user named `toString` saw every
// namespace. Every such lookup goes through a Map or the object's own keys.

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'];
const NAMESPACES = ['team-a', 'team-b', 'ml', 'research', 'secret', 'constructor', '__proto__'];

const { auth } = loadConfig({
  ALLOWED_NAMESPACES: 'team-a',
  NAMESPACE_RULES: 'alice=ml|research,root=*',
});
const configured = new Map([
  ['alice', ['ml', 'research']],
  ['root', NAMESPACES],
]);
const visible = (userId: string) => NAMESPACES.filter(namespaceFilter(auth, userId));

const anyUserId = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES, 'alice', 'root'),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
);

describe('prototype-free lookups of client-written keys', () => {
  it('shows any user exactly the namespaces configured for them', () => {
    fc.assert(
      fc.property(anyUserId, (userId) => {
        expect(visible(userId)).toEqual(configured.get(userId) ?? ['team-a']);
      }),
      { examples: PROTOTYPE_NAMES.map((name) => [name]) },
    );
  });

  it('keeps a NAMESPACE_RULES entry named like a prototype member as a plain rule', () => {
    for (const name of PROTOTYPE_NAMES) {
      const rules = loadConfig({ ALLOWED_NAMESPACES: 'team-a', NAMESPACE_RULES: `${name}=ml` });
      expect(NAMESPACES.filter(namespaceFilter(rules.auth, name))).toEqual(['ml']);
      expect(NAMESPACES.filter(namespaceFilter(rules.auth, 'someone'))).toEqual(['team-a']);
      expect(Object.getPrototypeOf(rules.metrics.grafanaDashboards)).toBe(Object.prototype);
    }
    const dashboards = loadConfig({ GRAFANA_DASHBOARDS: '__proto__=abc' }).metrics;
    expect(Object.getPrototypeOf(dashboards.grafanaDashboards)).toBe(Object.prototype);
    expect(Object.hasOwn(dashboards.grafanaDashboards, '__proto__')).toBe(true);
  });

  it('reads only the query keys and cookies the client actually sent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTOTYPE_NAMES), (name) => {
        expect(single({}, name)).toBeUndefined();
        expect(ownCookie({}, name)).toBeUndefined();
      }),
    );
    expect(single({ toString: 'x' }, 'toString')).toBe('x');
  });
});
