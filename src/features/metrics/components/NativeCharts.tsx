import { useMemo } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
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
import { formatDuration } from '../../../lib/format';
import {
  activityRows,
  axisTimeLabel,
  ganttRows,
  jobColor,
  seriesColor,
  evenTicks,
  taskStateRows,
  type GanttRow,
} from '../native-chart-model';
import type { NativeSeries } from '../../../../contract/metrics/native-series-types';

// The session's activity charts (recharts). Loaded on demand: recharts never reaches the
// first page's bundle.

const HEIGHT = 260;

function ChartPanel({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="metrics-chart" aria-label={title}>
      <figcaption className="metrics-chart__title">{title}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

export function NativeCharts({ series }: { series: NativeSeries }) {
  const { theme } = useTheme();
  const { formatTime } = useTimeFormat();
  const start = series.window?.startMs ?? 0;
  const end = series.times[series.times.length - 1] ?? start;
  const span = end - start;
  const domain: [number, number] = [start, end];
  const states = useMemo(() => taskStateRows(series), [series]);
  const activity = useMemo(() => activityRows(series), [series]);
  const gantt = useMemo(() => ganttRows(series), [series]);

  const axisColor = theme === 'dark' ? '#9aa6b2' : '#59636e';
  const gridColor = theme === 'dark' ? '#2d333b' : '#d8dee4';
  const tooltipStyle = {
    background: theme === 'dark' ? '#1d232c' : '#ffffff',
    borderColor: gridColor,
    color: theme === 'dark' ? '#e6edf3' : '#1b1f24',
  };
  const tick = (ms: number) => axisTimeLabel(formatTime(ms), span);
  const label = (ms: unknown) => (typeof ms === 'number' ? formatTime(ms) : '');
  const timeAxis = (
    <XAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={domain}
      allowDataOverflow
      tickFormatter={tick}
      stroke={axisColor}
      minTickGap={40}
    />
  );
  const grid = <CartesianGrid stroke={gridColor} strokeDasharray="3 3" />;
  const countAxis = <YAxis allowDecimals={false} stroke={axisColor} width={48} />;

  return (
    <div className="metrics-charts">
      <ChartPanel title="Task attempts by state">
        <AreaChart data={states}>
          {grid}
          {timeAxis}
          {countAxis}
          <Tooltip labelFormatter={label} contentStyle={tooltipStyle} />
          <Legend />
          {series.taskStates.map(({ state }, i) => (
            <Area
              key={state}
              dataKey={state}
              stackId="states"
              type="stepAfter"
              isAnimationActive={false}
              stroke={seriesColor(state, i, theme)}
              fill={seriesColor(state, i, theme)}
              fillOpacity={0.55}
            />
          ))}
        </AreaChart>
      </ChartPanel>
      <ChartPanel title="Finished and failed per interval">
        <BarChart data={activity}>
          {grid}
          {timeAxis}
          {countAxis}
          <Tooltip labelFormatter={label} contentStyle={tooltipStyle} />
          <Legend />
          <Bar
            dataKey="finished"
            name="Finished"
            stackId="ends"
            fill={seriesColor('FINISHED', 0, theme)}
            isAnimationActive={false}
          />
          <Bar
            dataKey="failed"
            name="Failed"
            stackId="ends"
            fill={seriesColor('FAILED', 0, theme)}
            isAnimationActive={false}
          />
        </BarChart>
      </ChartPanel>
      <ChartPanel title="Running actors and alive nodes">
        <LineChart data={activity}>
          {grid}
          {timeAxis}
          {countAxis}
          <Tooltip labelFormatter={label} contentStyle={tooltipStyle} />
          <Legend />
          <Line
            dataKey="actors"
            name="Running actors"
            type="stepAfter"
            dot={false}
            stroke={seriesColor('actors', 1, theme)}
            isAnimationActive={false}
          />
          <Line
            dataKey="nodes"
            name="Alive nodes"
            type="stepAfter"
            dot={false}
            stroke={seriesColor('nodes', 2, theme)}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartPanel>
      <ChartPanel title="Jobs">
        <BarChart data={gantt} layout="vertical">
          {grid}
          <XAxis
            type="number"
            dataKey="range"
            domain={domain}
            allowDataOverflow
            ticks={evenTicks(domain, 5)}
            tickFormatter={tick}
            stroke={axisColor}
            minTickGap={40}
          />
          <YAxis type="category" dataKey="id" stroke={axisColor} width={90} />
          <Tooltip
            contentStyle={tooltipStyle}
            formatter={(_value, _name, item) => {
              const row = item.payload as GanttRow;
              const end = row.ended ? formatTime(row.range[1]) : 'no recorded end';
              return [
                `${formatTime(row.range[0])} → ${end} (${formatDuration(row.durationMs)})`,
                row.status,
              ];
            }}
          />
          <Bar dataKey="range" name="Job" isAnimationActive={false}>
            {gantt.map((row) => (
              <Cell key={row.id} fill={jobColor(row.status, theme)} />
            ))}
          </Bar>
        </BarChart>
      </ChartPanel>
    </div>
  );
}

export default NativeCharts;
