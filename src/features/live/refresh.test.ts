import { describe, expect, it } from 'vitest';
import { updatedAgo } from './refresh';

describe('updatedAgo', () => {
  it('counts seconds, then minutes, never below zero', () => {
    expect(updatedAgo(10_000, 10_400)).toBe('updated 0 s ago');
    expect(updatedAgo(10_000, 22_000)).toBe('updated 12 s ago');
    expect(updatedAgo(0, 125_000)).toBe('updated 2 min ago');
    expect(updatedAgo(5_000, 1_000)).toBe('updated 0 s ago');
  });
});
