// Types for s3rver (an S3 stand-in used by tests and the e2e suite); it ships none.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs?: unknown[] }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 's3rver/lib/stores/filesystem.js' {
  interface ListOptions {
    delimiter?: string;
    startAfter?: string;
    prefix?: string;
    maxKeys?: number;
  }
  interface ListResult {
    objects: { key: string }[];
    commonPrefixes: string[];
    isTruncated: boolean;
  }
  export default class FilesystemStore {
    constructor(rootDirectory: string);
    putObject(object: {
      bucket: string;
      key: string;
      content: Buffer;
      metadata: Record<string, string>;
    }): Promise<{ size: number; md5: string }>;
    listObjects(bucket: string, options: ListOptions): Promise<ListResult>;
  }
}
