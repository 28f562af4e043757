import { describe, expect, it, vi } from 'vitest';
import { probeGrafana } from './grafana-probe';

describe('probeGrafana', () => {
  it('asks Grafana’s health opaquely, without credentials or referrer', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(new Response(null));
    expect(await probeGrafana('http://grafana.example:3000', fetchImpl)).toBe(true);
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('http://grafana.example:3000/api/health');
    expect(init).toMatchObject({
      mode: 'no-cors',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    expect(init?.headers).toBeUndefined();
  });

  it('calls a refused or blocked connection unreachable', async () => {
    const refused = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch'));
    expect(await probeGrafana('/grafana', refused)).toBe(false);
  });
});
