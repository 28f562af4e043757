/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML is untyped */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../server/config.ts';

// There is no cluster here: parse every manifest under deploy/ and check the names and the
// security settings the deployment promises (issue 8).

interface Doc {
  file: string;
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

const DEPLOY = join(REPO_ROOT, 'deploy');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function docsOf(file: string): Doc[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    expect(doc.errors, relative(REPO_ROOT, file)).toEqual([]);
    return { ...(doc.toJS() as object), file };
  });
}

const all = yamlFiles(DEPLOY).flatMap(docsOf);
const base = yamlFiles(join(DEPLOY, 'base')).flatMap(docsOf);
const find = (docs: Doc[], kind: string, name = 'ray-history-server') => {
  const found = docs.find((d) => d.kind === kind && d.metadata?.name === name);
  expect(found, `${kind} ${name}`).toBeDefined();
  return found as Doc & Record<string, any>;
};

describe('deploy manifests', () => {
  it('parse, and every resource and patch a kustomization names exists', () => {
    expect(all.length).toBeGreaterThan(8);
    for (const k of all.filter((d) => d.kind === 'Kustomization')) {
      const files = [
        ...((k.resources as string[] | undefined) ?? []),
        ...((k.patches as { path: string }[] | undefined) ?? []).map((p) => p.path),
      ];
      for (const entry of files) {
        const target = join(dirname(k.file), entry);
        expect(
          all.some((d) => d.file === target || dirname(d.file) === target),
          `${relative(REPO_ROOT, k.file)} names ${entry}`,
        ).toBe(true);
      }
    }
  });

  it('put everything in the kuberay namespace', () => {
    expect(base.find((d) => d.kind === 'Kustomization')?.namespace).toBe('kuberay');
    expect(find(base, 'Namespace', 'kuberay')).toBeDefined();
  });

  it('expose Service ray-history-server as ClusterIP: port 80 to http 8080, 3000 to Grafana', () => {
    const service = find(base, 'Service');
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([
      expect.objectContaining({ port: 80, targetPort: 'http' }),
      expect.objectContaining({ port: 3000, targetPort: 'grafana' }),
    ]);
    const [history, grafana] = find(base, 'Deployment').spec.template.spec.containers;
    expect(history.ports).toContainEqual({ name: 'http', containerPort: 8080 });
    expect(grafana.ports).toContainEqual({ name: 'grafana', containerPort: 3000 });
  });

  it('run the container locked down, with resources and probes on /livez and /readz', () => {
    const pod = find(base, 'Deployment').spec.template.spec;
    expect(pod.serviceAccountName).toBe('ray-history-server');
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const [container] = pod.containers;
    expect(container.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    for (const kind of ['requests', 'limits'])
      expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory']);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readz', port: 'http' });
    // A read-only root filesystem: the only writable places are the /tmp and snapshot emptyDirs.
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'snapshots', mountPath: '/var/cache/ray-history/snapshots' },
    ]);
    expect(pod.volumes).toContainEqual(
      expect.objectContaining({ name: 'tmp', emptyDir: expect.anything() }),
    );
  });

  it('keep persisted snapshots on their own emptyDir, capped below its size limit', () => {
    const pod = find(base, 'Deployment').spec.template.spec;
    const settings = find(base, 'ConfigMap').data;
    expect(settings.SNAPSHOT_DIR).toBe('/var/cache/ray-history/snapshots');
    const volume = pod.volumes.find((v: any) => v.name === 'snapshots');
    const limitMiB = Number(/^(\d+)Gi$/.exec(volume.emptyDir.sizeLimit)![1]) * 1024;
    // The kubelet evicts a pod whose emptyDir outgrows its limit; the cache prunes itself first.
    expect(Number(settings.SNAPSHOT_DIR_MAX_MB)).toBeLessThan(limitMiB);
  });

  it('read the OIDC app id and secret from webapp-secret', () => {
    const env = find(base, 'Deployment').spec.template.spec.containers[0].env;
    const fromSecret = Object.fromEntries(env.map((e: any) => [e.name, e.valueFrom?.secretKeyRef]));
    expect(fromSecret.OIDC_CLIENT_ID).toMatchObject({ name: 'webapp-secret', key: 'webapp-id' });
    expect(fromSecret.OIDC_CLIENT_SECRET).toMatchObject({
      name: 'webapp-secret',
      key: 'webapp-secret',
    });
  });

  it('mount a Kubernetes API token only into the history-server pod, for discovery', () => {
    expect(find(base, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(find(base, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(true);
  });

  it('let discovery read RayClusters and their owners, and Secrets only where bound per namespace', () => {
    const discovery = find(base, 'ClusterRole', 'ray-history-server-discovery');
    expect(discovery.rules).toEqual([
      {
        apiGroups: ['ray.io'],
        resources: ['rayclusters', 'rayjobs', 'rayservices'],
        verbs: ['get', 'list', 'watch'],
      },
    ]);
    expect(find(base, 'ClusterRoleBinding', 'ray-history-server-discovery').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'ray-history-server', namespace: 'kuberay' },
    ]);
    const tokens = find(base, 'ClusterRole', 'ray-history-server-ray-tokens');
    expect(tokens.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]);
    // Not bound cluster-wide: only RoleBindings, in the token-auth overlay.
    const bindings = all.filter((d) => d.kind?.endsWith('Binding'));
    const tokenBindings = bindings.filter(
      (d) => (d.roleRef as { name: string }).name === 'ray-history-server-ray-tokens',
    );
    expect(tokenBindings.map((d) => d.kind)).toEqual(['RoleBinding']);
  });

  it('run Grafana beside it, locked down, provisioned with Prometheus and the Ray dashboard', () => {
    const pod = find(base, 'Deployment').spec.template.spec;
    const grafana = pod.containers.find((c: any) => c.name === 'grafana');
    expect(grafana.securityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    });
    const env = Object.fromEntries(grafana.env.map((e: any) => [e.name, e]));
    expect(env.GF_SECURITY_ALLOW_EMBEDDING.value).toBe('true');
    expect(env.GF_AUTH_ANONYMOUS_ORG_ROLE.value).toBe('Viewer');
    expect(env.PROMETHEUS_URL.valueFrom.secretKeyRef).toEqual({
      name: 'ray-history-prometheus',
      key: 'url',
    });
    const provisioning = parseAllDocuments(
      readFileSync(join(DEPLOY, 'base/grafana/datasources.yaml'), 'utf8'),
    )[0]!.toJS();
    expect(provisioning.datasources[0]).toMatchObject({
      type: 'prometheus',
      url: '$PROMETHEUS_URL',
      secureJsonData: { basicAuthPassword: '$PROMETHEUS_PASSWORD' },
    });
    const dashboard = JSON.parse(
      readFileSync(join(DEPLOY, 'base/grafana/ray-default-dashboard.json'), 'utf8'),
    );
    // The UID the SPA opens by default, and the variable its iframe sets (var-SessionName).
    expect(dashboard.uid).toBe('rayDefaultDashboard');
    expect(dashboard.templating.list.map((v: any) => v.name)).toContain('SessionName');
    for (const panel of dashboard.panels)
      for (const target of panel.targets)
        expect(target.expr, panel.title).toContain('SessionName=~"$SessionName"');
  });

  it('limit traffic with a NetworkPolicy: in on 8080 and 3000, out to DNS, storage and Ray heads', () => {
    const policy = find(base, 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'ray-history-server',
    });
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([
      {
        ports: [
          { port: 8080, protocol: 'TCP' },
          { port: 3000, protocol: 'TCP' },
        ],
      },
    ]);
    const egressPorts = policy.spec.egress.flatMap((rule: any) =>
      rule.ports.map((p: any) => p.port),
    );
    expect(egressPorts).toEqual(expect.arrayContaining([53, 443, 6443, 8265]));
  });

  it('annotate the ServiceAccount for RRSA in the ACK overlay and name the OSS settings', () => {
    const overlay = all.filter((d) => d.file.includes('/overlays/ack-oss-rrsa/'));
    expect(find(overlay, 'ServiceAccount').metadata?.annotations).toHaveProperty(
      'pod-identity.alibabacloud.com/role-name',
    );
    expect(find(overlay, 'Namespace', 'kuberay').metadata?.labels).toEqual({
      'pod-identity.alibabacloud.com/injection': 'on',
    });
    expect(Object.keys(find(overlay, 'ConfigMap').data)).toEqual(
      expect.arrayContaining(['OSS_BUCKET', 'OSS_ENDPOINT', 'OSS_REGION', 'STORAGE_ROOT_DIR']),
    );
  });

  it('point the S3/MinIO overlay at a bucket with path-style addressing', () => {
    const overlay = all.filter((d) => d.file.includes('/overlays/s3-minio/'));
    expect(find(overlay, 'ConfigMap').data).toMatchObject({
      STORAGE_URL: expect.stringMatching(/^s3:\/\//),
      S3_FORCE_PATH_STYLE: 'true',
    });
  });
});
