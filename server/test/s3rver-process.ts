import S3rver from 's3rver';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';

// Runs s3rver in its own process (started by s3-server.ts) so that tests can kill it like
// a real outage. Node must run with --openssl-legacy-provider: s3rver encrypts its listing
// continuation tokens with DES. Arguments: <port> <directory> <bucket>; prints `ready <port>`.

// s3rver 3.7 prunes folders below the first delimiter before it has seen an object in them, so
// delimited listings miss every common prefix deeper than one level (real S3 does not). Fold
// the common prefixes from a full listing instead.
const listObjects = FilesystemStore.prototype.listObjects;
FilesystemStore.prototype.listObjects = async function (bucket, options) {
  const delimiter = options.delimiter ?? '';
  if (!delimiter) return listObjects.call(this, bucket, options);
  const prefix = options.prefix ?? '';
  const maxKeys = options.maxKeys ?? Infinity;
  const all = await listObjects.call(this, bucket, {
    ...options,
    delimiter: '',
    maxKeys: Infinity,
  });
  const objects: typeof all.objects = [];
  const commonPrefixes = new Set<string>();
  for (const object of all.objects) {
    const rest = object.key.slice(prefix.length);
    const at = rest.indexOf(delimiter);
    if (at === -1) objects.push(object);
    else commonPrefixes.add(prefix + rest.slice(0, at + delimiter.length));
  }
  return {
    objects: objects.slice(0, maxKeys),
    commonPrefixes: [...commonPrefixes].sort(),
    isTruncated: objects.length > maxKeys,
  };
};

const [port = '0', directory = '', bucket = ''] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  silent: process.env.S3RVER_LOG !== '1',
  directory,
  configureBuckets: [{ name: bucket }],
});
const address = await server.run();
process.stdout.write(`ready ${address.port}\n`);
