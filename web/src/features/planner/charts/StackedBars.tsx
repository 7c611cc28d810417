import { GROUP_COLORS, GROUP_KEYS, groupValue, type GroupKey } from "../components";
import { linearScale, niceTicks, stack } from "../chartMath";
import type { OptionResult } from "../types";

interface Props {
  option: OptionResult;
  title: string;
  groupName: (key: GroupKey) => string;
  yearLabel: (year: number) => string;
  axis: (value: number) => string;
  amount: (value: number) => string;
}

const W = 640;
const H = 260;
const M = { top: 12, right: 12, bottom: 28, left: 64 };

/** One stacked bar per year; credits (negative, e.g. residual value of hardware) stack below zero. */
export function StackedBars({ option, title, groupName, yearLabel, axis, amount }: Props) {
  const bars = option.years.map((y) => ({ year: y.year, ...stack(GROUP_KEYS.map((k) => [k, groupValue(y.components, k)] as [GroupKey, number])) }));
  const ticks = niceTicks(Math.min(0, ...bars.map((b) => b.bottom)), Math.max(0, ...bars.map((b) => b.top)));
  const y = linearScale(ticks.min, ticks.max, H - M.bottom, M.top);
  const band = (W - M.left - M.right) / Math.max(1, bars.length);
  const barWidth = Math.min(56, band * 0.6);
  const used = GROUP_KEYS.filter((k) => bars.some((b) => b.segments.some((s) => s.key === k)));
  return (
    <figure className="planner-chart" data-testid="stacked-chart" tabIndex={0}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {ticks.ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className={t === 0 ? "axis-zero" : "grid"} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick">
              {axis(t)}
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const cx = M.left + band * i + band / 2;
          return (
            <g key={bar.year} data-year={bar.year}>
              {bar.segments.map((s) => (
                <rect key={s.key} x={cx - barWidth / 2} width={barWidth} y={Math.min(y(s.from), y(s.to))} height={Math.max(0.5, Math.abs(y(s.from) - y(s.to)))} fill={GROUP_COLORS[s.key]}>
                  <title>{`${yearLabel(bar.year)} · ${groupName(s.key)}: ${amount(s.value)}`}</title>
                </rect>
              ))}
              <text x={cx} y={H - M.bottom + 16} textAnchor="middle" className="tick">
                {yearLabel(bar.year)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {used.map((k) => (
          <span key={k} className="legend-item">
            <span className="swatch" style={{ background: GROUP_COLORS[k] }} />
            {groupName(k)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
