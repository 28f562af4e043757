import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAppHref } from '../../../lib/embed';
import { useTimeFormat } from '../../../lib/time/TimeFormatProvider';
import { paths } from '../../../../contract/paths';
import { formatDuration } from '../../../lib/format';
import type { SessionScope } from '../../../../contract/api';
import {
  barsInWindow,
  fullWindow,
  panWindow,
  ticks,
  timeToX,
  visibleLaneRange,
  zoomWindow,
} from '../timeline-model';
import type { TimeWindow, TimelineBar, TimelineModel } from '../timeline-model';

const LANE_HEIGHT = 22;
const LABEL_WIDTH = 220;
const VIEWPORT_HEIGHT = 480;
const PLOT_WIDTH = 900;

interface Hover {
  bar: TimelineBar;
  lane: string;
  x: number;
  y: number;
}

/** Lanes by node then worker; zoom (Ctrl + wheel, buttons, +/−), pan (drag, ←/→), click a bar. */
export function TimelineChart({ model, scope }: { model: TimelineModel; scope: SessionScope }) {
  const bounds = fullWindow(model);
  const [view, setView] = useState<TimeWindow>(bounds);
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);
  const drag = useRef<{ x: number; view: TimeWindow } | null>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const href = useAppHref();
  const { formatTime } = useTimeFormat();

  const boundsKey = `${bounds.startUs}:${bounds.endUs}`;
  const [seenBounds, setSeenBounds] = useState(boundsKey);
  if (seenBounds !== boundsKey) {
    setSeenBounds(boundsKey);
    setView(bounds);
  }

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const anchor =
        (event.clientX - rect.left - LABEL_WIDTH) / Math.max(1, rect.width - LABEL_WIDTH);
      setView((v) => zoomWindow(v, event.deltaY < 0 ? 1.25 : 0.8, anchor, bounds));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [bounds.startUs, bounds.endUs]); // eslint-disable-line react-hooks/exhaustive-deps -- bounds by value

  const zoom = (factor: number) => setView((v) => zoomWindow(v, factor, 0.5, bounds));
  const pan = (fraction: number) => setView((v) => panWindow(v, fraction, bounds));

  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      ArrowLeft: () => pan(-0.2),
      ArrowRight: () => pan(0.2),
      '+': () => zoom(1.5),
      '=': () => zoom(1.5),
      '-': () => zoom(1 / 1.5),
      '0': () => setView(bounds),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const onPointerDown = (event: PointerEvent) => {
    if ((event.target as Element).closest('a')) return;
    drag.current = { x: event.clientX, view };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!drag.current) return;
    const dx = event.clientX - drag.current.x;
    setView(panWindow(drag.current.view, -dx / PLOT_WIDTH, bounds));
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const [first, last] = visibleLaneRange(
    model.lanes.length,
    LANE_HEIGHT,
    scrollTop,
    VIEWPORT_HEIGHT,
  );
  const visible = model.lanes.slice(first, last);
  const origin = model.startUs;
  const toX = (us: number) => timeToX(us, view, PLOT_WIDTH);
  const axisLabel = (us: number) => `+${formatDuration((us - origin) / 1000)}`;

  return (
    <div className="timeline">
      <div className="timeline__controls" role="toolbar" aria-label="Timeline zoom and pan">
        <button type="button" className="ui-button" onClick={() => zoom(1.5)}>
          Zoom in
        </button>
        <button type="button" className="ui-button" onClick={() => zoom(1 / 1.5)}>
          Zoom out
        </button>
        <button type="button" className="ui-button" onClick={() => pan(-0.25)}>
          Earlier
        </button>
        <button type="button" className="ui-button" onClick={() => pan(0.25)}>
          Later
        </button>
        <button type="button" className="ui-button" onClick={() => setView(bounds)}>
          Reset zoom
        </button>
        <span className="muted timeline__hint">
          Showing {formatTime(view.startUs / 1000)} for{' '}
          {formatDuration((view.endUs - view.startUs) / 1000)}. Ctrl + wheel or +/− zooms, drag or
          ←/→ pans.
        </span>
      </div>
      <div
        ref={plotRef}
        className="timeline__viewport"
        style={{ height: Math.min(VIEWPORT_HEIGHT, model.lanes.length * LANE_HEIGHT + 40) }}
        tabIndex={0}
        role="region"
        aria-label={`Task timeline: ${model.lanes.length} worker lanes, ${model.barCount} spans`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(null)}
      >
        <svg
          width={LABEL_WIDTH + PLOT_WIDTH}
          height={model.lanes.length * LANE_HEIGHT + 24}
          className="timeline__svg"
          aria-hidden={false}
        >
          <g transform={`translate(${LABEL_WIDTH}, 0)`} className="timeline__axis">
            {ticks(view).map((t) => (
              <g key={t} transform={`translate(${toX(t)}, 0)`}>
                <line
                  y1={16}
                  y2={model.lanes.length * LANE_HEIGHT + 24}
                  className="timeline__tick"
                />
                <text y={12} textAnchor="middle" className="timeline__tick-label">
                  {axisLabel(t)}
                </text>
              </g>
            ))}
          </g>
          {visible.map((lane, i) => {
            const index = first + i;
            const y = 24 + index * LANE_HEIGHT;
            const firstOfNode = index === 0 || model.lanes[index - 1]!.pid !== lane.pid;
            return (
              <g key={lane.key} transform={`translate(0, ${y})`}>
                <rect
                  width={LABEL_WIDTH + PLOT_WIDTH}
                  height={LANE_HEIGHT}
                  className={index % 2 ? 'timeline__lane timeline__lane--odd' : 'timeline__lane'}
                />
                <text x={4} y={15} className="timeline__label">
                  {firstOfNode ? `${lane.nodeLabel} · ` : '  '}
                  {lane.workerLabel}
                </text>
                <svg x={LABEL_WIDTH} width={PLOT_WIDTH} height={LANE_HEIGHT}>
                  {barsInWindow(lane.bars, view).map((bar) => {
                    const x = Math.max(0, toX(bar.startUs));
                    const width = Math.max(
                      2,
                      Math.min(PLOT_WIDTH, toX(bar.startUs + bar.durUs)) - x,
                    );
                    const label = `${bar.funcName} (${bar.name}), ${bar.state}, started ${formatTime(bar.startUs / 1000)}, ${formatDuration(bar.durUs / 1000)}`;
                    const showHover = () =>
                      setHover({
                        bar,
                        lane: `${lane.nodeLabel} · ${lane.workerLabel}`,
                        x: LABEL_WIDTH + x,
                        y: y + LANE_HEIGHT,
                      });
                    const target = bar.taskId
                      ? href(paths.task(scope, bar.taskId, bar.attempt))
                      : null;
                    const rect = (
                      <rect
                        x={x}
                        y={3}
                        width={width}
                        height={LANE_HEIGHT - 6}
                        rx={2}
                        className={
                          bar.failed ? 'timeline__bar timeline__bar--failed' : 'timeline__bar'
                        }
                      />
                    );
                    return target ? (
                      <a
                        key={bar.key}
                        href={target}
                        aria-label={label}
                        onMouseEnter={showHover}
                        onFocus={showHover}
                        onMouseLeave={() => setHover(null)}
                        onClick={(event) => {
                          event.preventDefault();
                          void navigate(target);
                        }}
                      >
                        {rect}
                      </a>
                    ) : (
                      <g key={bar.key} onMouseEnter={showHover} onMouseLeave={() => setHover(null)}>
                        {rect}
                      </g>
                    );
                  })}
                </svg>
              </g>
            );
          })}
        </svg>
        {hover && (
          <div className="timeline__tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
            <strong>{hover.bar.funcName}</strong>
            <div>{hover.bar.name}</div>
            <div>State: {hover.bar.state}</div>
            <div>Start: {formatTime(hover.bar.startUs / 1000)}</div>
            <div>Duration: {formatDuration(hover.bar.durUs / 1000)}</div>
            <div className="muted">{hover.lane}</div>
          </div>
        )}
      </div>
      <ul className="timeline__legend" aria-label="Legend">
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" className="timeline__bar" />
          </svg>{' '}
          Task span (finished or other)
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" className="timeline__bar timeline__bar--failed" />
          </svg>{' '}
          Span of a failed task
        </li>
      </ul>
    </div>
  );
}
