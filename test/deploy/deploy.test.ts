/**
 * The deployment files, checked statically (no Docker engine or cluster runs here): they parse, their
 * pieces point at each other, their configuration passes Cadenza's own validation, and the dashboard
 * charts only metrics the server exports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/server/config.js';
import { createMetrics } from '../../src/server/metrics.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

// manifests are checked field by field below; their shape is Kubernetes', not ours to type here
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };

describe('Kubernetes manifests', () => {
  const manifests = parseAllDocuments(read('deploy/kubernetes/cadenza.yaml')).map((document) => document.toJS() as Manifest);
  const byKind = (kind: string) => manifests.find((manifest) => manifest.kind === kind)!;

  it('hold a Deployment, Service, HPA, PodDisruptionBudget, ConfigMap and Secret', () => {
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Secret', 'Service']);
  });

  it('configure Cadenza with values its own validation accepts', () => {
    const environment = { ...byKind('ConfigMap').data, ...byKind('Secret').stringData };
    const config = loadConfig(environment, '/app');
    expect(config.store.backend).toBe('redis');
    expect(config.auth.mode).not.toBe('none');
    expect(config.http.port).toBe(Number(environment['CADENZA_PORT']));
    expect(config.store.encryption?.current.key).toHaveLength(32);
  });

  it('probe liveness and readiness on the server’s endpoints, run as non-root, with resources set', () => {
    const pod = byKind('Deployment').spec.template.spec;
    const container = pod.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.ports[0].containerPort).toBe(Number(byKind('ConfigMap').data!['CADENZA_PORT']));
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits).toBeDefined();
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(byKind('ConfigMap').data!['CADENZA_SHUTDOWN_GRACE_MS']));
  });

  it('size the memory limit from the workers it sets (2 workers peaked at 1.6 GB RSS), and protect /metrics with a token', () => {
    const environment = { ...byKind('ConfigMap').data, ...byKind('Secret').stringData };
    const config = loadConfig(environment, '/app');
    const limit = String(byKind('Deployment').spec.template.spec.containers[0].resources.limits.memory);
    const mib = Number(/^(\d+)Gi$/.exec(limit)?.[1] ?? NaN) * 1024 || Number(/^(\d+)Mi$/.exec(limit)?.[1]);
    expect(environment['CADENZA_WORKERS']).toBeDefined();
    expect(mib).toBeGreaterThanOrEqual(config.work.threads * 800 + 400);
    expect(config.http.metricsToken).toBeDefined();
  });

  it('select the Deployment’s pods from the Service and the PDB, and scale the Deployment', () => {
    const deployment = byKind('Deployment');
    const podLabels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(podLabels);
    expect(byKind('Service').spec.selector).toEqual(podLabels);
    expect(byKind('PodDisruptionBudget').spec.selector.matchLabels).toEqual(podLabels);
    expect(byKind('HorizontalPodAutoscaler').spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(byKind('PodDisruptionBudget').spec.minAvailable).toBeLessThan(byKind('HorizontalPodAutoscaler').spec.minReplicas);
  });
});

describe('docker compose', () => {
  const compose = parse(read('deploy/compose/docker-compose.yml'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string>; ports?: string[]; secrets?: string[] }>;
    secrets: Record<string, { file: string }>;
  };

  it('runs two Cadenza replicas on Redis, with Prometheus and Grafana', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['cadenza-a', 'cadenza-b', 'grafana', 'prometheus', 'redis']);
    for (const name of ['cadenza-a', 'cadenza-b']) {
      const config = loadConfig({ ...compose.services[name]!.environment, CADENZA_HOST: '0.0.0.0', CADENZA_ENCRYPTION_KEY_FILE: undefined }, '/app');
      expect(config.store).toMatchObject({ backend: 'redis', redisUrl: 'redis://redis:6379' });
    }
  });

  it('encrypts at rest with a key from a compose secret, mounted where the replicas read it', () => {
    for (const name of ['cadenza-a', 'cadenza-b']) {
      const service = compose.services[name]!;
      expect(service.secrets).toEqual(['encryption-key']);
      expect(service.environment?.['CADENZA_ENCRYPTION_KEY_FILE']).toBe('/run/secrets/encryption-key');
    }
    expect(compose.secrets['encryption-key']?.file).toBe('./encryption-key');
    expect(read('.gitignore').split('\n')).toContain('deploy/compose/encryption-key');
  });

  it('has Prometheus scrape both replicas on the port the image serves', () => {
    const prometheus = parse(read('deploy/compose/prometheus.yml')) as { scrape_configs: { metrics_path: string; authorization?: unknown; static_configs: { targets: string[] }[] }[] };
    const port = loadConfig({}, '/').http.port;
    expect(prometheus.scrape_configs[0]!.metrics_path).toBe('/metrics');
    expect(prometheus.scrape_configs[0]!.static_configs[0]!.targets).toEqual([`cadenza-a:${port}`, `cadenza-b:${port}`]);
    // the replicas keep /metrics behind a token off loopback; Prometheus must send theirs
    const token = loadConfig({ ...compose.services['cadenza-a']!.environment, CADENZA_HOST: '0.0.0.0', CADENZA_ENCRYPTION_KEY_FILE: undefined }, '/app').http.metricsToken;
    expect(prometheus.scrape_configs[0]!.authorization).toEqual({ type: 'Bearer', credentials: token });
  });

  it('provisions a Grafana dashboard whose every query uses a metric the server exports', async () => {
    const dashboard = JSON.parse(read('deploy/compose/grafana/dashboards/cadenza.json')) as { panels: { targets: { expr: string }[] }[] };
    const metrics = createMetrics({ queueDepth: () => 0, workerUtilization: () => 0, workerThreads: () => 0, storedScores: async () => ({ scores: 0, bytes: 0 }), cachedBytes: () => 0 });
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name));
    const used = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/cadenza_[a-z0-9_]+/g) ?? []));
    expect(used.length).toBeGreaterThan(10);
    for (const name of used) expect(exported.has(name.replace(/_(bucket|sum|count)$/, '')), name).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds in stages and runs the HTTP server as a non-root user with a health check', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/cli.js", "serve", "--http"\]$/m);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${loadConfig({}, '/').http.port}$`, 'm'));
    expect(read('.dockerignore').split('\n')).toContain('node_modules');
  });

  it('copies into the build stage every file the build compiles (types/ was once left out and tsc failed)', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \.\/\S*$/gm)].flatMap(([, sources]) => sources!.split(' '));
    const build = JSON.parse(read('tsconfig.build.json')) as { extends: string; include: string[] };
    const needed = [build.extends, 'tsconfig.build.json', 'package.json', 'package-lock.json', ...build.include].map((path) => path.replace(/^\.\//, '').split('/')[0]!);
    expect(needed.filter((path) => !copied.includes(path))).toEqual([]);
  });
});
