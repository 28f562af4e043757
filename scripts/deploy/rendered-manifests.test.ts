/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is untyped */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../server/config.ts';

// Renders every kustomization under deploy/ the way `kubectl apply -k` would (kubectl's built-in
// kustomize) and validates each object against the Kubernetes OpenAPI schemas
// (kubernetes-models), so a typo in a field name or type fails here, not at deploy time.

const KUSTOMIZATIONS = [
  'deploy/base',
  'deploy/overlays/ack-oss-rrsa',
  'deploy/overlays/s3-minio',
  'deploy/overlays/ray-token-auth',
];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
}

const rendered = new Map<string, K8sObject[]>();

function render(dir: string): K8sObject[] {
  const hit = rendered.get(dir);
  if (hit) return hit;
  const text = execFileSync('kubectl', ['kustomize', join(REPO_ROOT, dir)], { encoding: 'utf8' });
  const objects = parseAllDocuments(text).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as K8sObject;
  });
  rendered.set(dir, objects);
  return objects;
}

/** kubernetes-models' class for an apiVersion and kind: `apps/v1` → kubernetes-models/apps/v1/<Kind>. */
async function validate(object: K8sObject): Promise<void> {
  const module = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`)) as Record<
    string,
    new (data: unknown) => { validate(): void }
  >;
  const Model = module[object.kind];
  if (!Model) throw new Error(`No schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

describe.each(KUSTOMIZATIONS)('kubectl kustomize %s', (dir) => {
  it('renders objects that all validate against the Kubernetes schemas', async () => {
    const objects = render(dir);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const name = `${object.kind} ${object.metadata.name}`;
      await expect(validate(object), name).resolves.toBeUndefined();
    }
  });
});

describe('the validation itself', () => {
  it('refuses an object with a field of the wrong type', async () => {
    const service = render('deploy/base').find((o) => o.kind === 'Service')!;
    const broken = { ...service, spec: { ...(service as any).spec, ports: [{ port: 'eighty' }] } };
    await expect(validate(broken)).rejects.toThrow();
  });

  it('the base renders Grafana on port 3000 of ray-history-server, with its ConfigMaps', () => {
    const objects = render('deploy/base');
    const service = objects.find((o) => o.kind === 'Service') as any;
    expect(service.metadata.name).toBe('ray-history-server');
    expect(service.spec.ports.map((p: any) => p.port)).toEqual([80, 3000]);
    const volumes = (objects.find((o) => o.kind === 'Deployment') as any).spec.template.spec
      .volumes;
    const configMaps = new Set(
      objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name),
    );
    for (const volume of volumes.filter((v: any) => v.configMap))
      expect(configMaps.has(volume.configMap.name), volume.configMap.name).toBe(true);
  });
});
