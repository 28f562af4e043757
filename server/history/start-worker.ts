import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits next to the caller (`base`: the caller's
 * import.meta.url). Compiled (scripts/build-server.ts), dist-server/ holds each worker as its own
 * entry point beside the bundle. Run from source, the server's TypeScript goes through tsx, whose
 * hooks a worker does not inherit: a small bootstrap registers them in the worker first, then
 * loads the worker module.
 */
export function startWorkerModule(base: string, name: string, workerData?: unknown): Worker {
  const compiled = base.endsWith('.js');
  const url = new URL(`./${name}.${compiled ? 'js' : 'ts'}`, base);
  if (compiled) return new Worker(url, { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((tsx) => tsx.register())
    .then(() => import(${JSON.stringify(url.href)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}
