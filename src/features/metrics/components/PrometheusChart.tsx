import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from '../../../lib/theme/ThemeProvider';
import { useTimeFormat } from '../../../lib/time/TimeFormatProvider';
import { axisTimeLabel, seriesColor } from '../native-chart-model';
import {
  byteTicks,
  formatAxisValue,
  formatMetricValue,
  prometheusRows,
  seriesIndex,
  seriesKey,
} from '../prometheus-chart-model';
import type { PrometheusSeries } from '../../../../contract/metrics/prometheus-types';

// One Prometheus metric as lines over the session window (recharts). Loaded on demand with the
// Prometheus tab, like the activity charts.

const HEIGHT = 260;

export function PrometheusChart({ data }: { data: PrometheusSeries }) {
  const { theme } = useTheme();
  const { formatTime } = useTimeFormat();
  const rows = useMemo(() => prometheusRows(data), [data]);
  const yTicks = useMemo(() => byteTicks(data), [data]);
  const { startMs, endMs } = data.window;
  const unit = data.metric.unit;

  const axisColor = theme === 'dark' ? '#9aa6b2' : '#59636e';
  const gridColor = theme === 'dark' ? '#2d333b' : '#d8dee4';
  const tooltipStyle = {
    background: theme === 'dark' ? '#1d232c' : '#ffffff',
    borderColor: gridColor,
    color: theme === 'dark' ? '#e6edf3' : '#1b1f24',
  };

  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={rows}>
        <CartesianGrid stroke={gridColor} strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[startMs, endMs]}
          allowDataOverflow
          tickFormatter={(ms: number) => axisTimeLabel(formatTime(ms), endMs - startMs)}
          stroke={axisColor}
          minTickGap={40}
        />
        <YAxis
          ticks={yTicks}
          domain={yTicks ? [0, yTicks[yTicks.length - 1]!] : undefined}
          allowDecimals={unit !== 'tasks' && unit !== 'actors'}
          stroke={axisColor}
          width={unit === 'bytesPerSecond' ? 88 : 72}
          tickFormatter={(v: number) => formatAxisValue(unit, v)}
        />
        <Tooltip
          contentStyle={tooltipStyle}
          itemSorter={(item) => seriesIndex(item.dataKey)}
          labelFormatter={(ms: unknown) => (typeof ms === 'number' ? formatTime(ms) : '')}
          formatter={(value: unknown) =>
            formatMetricValue(unit, typeof value === 'number' ? value : null)
          }
        />
        {/* The server's order (numeric-aware: 10.0.0.9 before 10.0.0.10), not recharts' sort. */}
        <Legend itemSorter={null} />
        {data.series.map((line, i) => (
          <Line
            key={line.name}
            dataKey={seriesKey(i)}
            name={line.name}
            type="linear"
            dot={false}
            stroke={seriesColor(line.name, i, theme)}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

export default PrometheusChart;
