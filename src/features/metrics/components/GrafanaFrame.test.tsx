import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GRAFANA_LOAD_TIMEOUT_MS, GrafanaFrame } from './GrafanaFrame';

const URL_A = 'http://grafana.test:3000/d/rayDefaultDashboard?orgId=1&kiosk';

describe('GrafanaFrame', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('replaces a frame that never loads with the setup hint', () => {
    render(<GrafanaFrame url={URL_A} title="Grafana: Cluster" base="http://grafana.test:3000" />);
    expect(screen.getByTitle('Grafana: Cluster')).toHaveAttribute('src', URL_A);
    act(() => vi.advanceTimersByTime(GRAFANA_LOAD_TIMEOUT_MS));
    expect(screen.queryByTitle('Grafana: Cluster')).not.toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Grafana setup' })).toHaveTextContent(
      'Grafana did not load from http://grafana.test:3000',
    );
    expect(screen.getByRole('status', { name: 'Grafana setup' })).toHaveTextContent('GRAFANA_URL');
  });

  it('keeps a frame that loaded in time', () => {
    render(<GrafanaFrame url={URL_A} title="Grafana: Cluster" base="http://grafana.test:3000" />);
    fireEvent.load(screen.getByTitle('Grafana: Cluster'));
    act(() => vi.advanceTimersByTime(GRAFANA_LOAD_TIMEOUT_MS * 2));
    expect(screen.getByTitle('Grafana: Cluster')).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Grafana setup' })).not.toBeInTheDocument();
  });
});
