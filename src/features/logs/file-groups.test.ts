import { describe, expect, it } from 'vitest';
import type { LogFileEntry } from '../../../contract/log-types';
import { foldersOf, groupFiles } from './file-groups';

const entry = (name: string, category: LogFileEntry['category'], isFolder = false) => ({
  path: name,
  name,
  isFolder,
  size: 10,
  mtime: 0,
  category,
});

const entries = [
  entry('raylet.out', 'raylet'),
  entry('worker-b.out', 'worker_out'),
  entry('worker-a.out', 'worker_out'),
  entry('job-driver-raysubmit_1.log', 'driver'),
  entry('old/', 'internal', true),
];

describe('grouping a folder of logs', () => {
  it('puts drivers first, sorts by name, and keeps folders apart', () => {
    const groups = groupFiles(entries, '');
    expect(groups.map((g) => g.category)).toEqual(['driver', 'worker_out', 'raylet']);
    expect(groups[1]!.files.map((f) => f.name)).toEqual(['worker-a.out', 'worker-b.out']);
    expect(foldersOf(entries).map((f) => f.name)).toEqual(['old/']);
  });

  it('filters by a piece of the name, ignoring case', () => {
    const groups = groupFiles(entries, 'WORKER-A');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.files.map((f) => f.name)).toEqual(['worker-a.out']);
  });
});
