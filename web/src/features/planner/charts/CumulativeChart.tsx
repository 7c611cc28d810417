import { breakEvenPoint, cumulativeOf, linePath, linearScale, niceTicks } from "../chartMath";
import type { Basis, ComparisonResult, OptionResult } from "../types";

export const OPTION_COLORS = ["#4263eb", "#e8590c", "#0ca678", "#ae3ec9", "#f59f00", "#1098ad", "#c2255c", "#5c940d"];

interface Props {
  options: OptionResult[];
  comparisons: ComparisonResult[];
  basis: Basis;
  title: string;
  optionName: (option: OptionResult) => string;
  yearLabel: (year: number) => string;
  axis: (value: number) => string;
  markerLabel: (candidate: OptionResult, baseline: OptionResult, year: number) => string;
}

const W = 640;
const H = 280;
const M = { top: 14, right: 16, bottom: 28, left: 64 };

/** One cumulative-cost line per option; a marker where each candidate crosses the baseline. */
export function CumulativeChart({ options, comparisons, basis, title, optionName, yearLabel, axis, markerLabel }: Props) {
  const series = options.map((o) => ({ option: o, values: cumulativeOf(o, basis) }));
  const all = series.flatMap((s) => s.values);
  const years = Math.max(1, ...options.map((o) => o.years.length - 1));
  const ticks = niceTicks(Math.min(0, ...all), Math.max(0, ...all));
  const x = linearScale(0, years, M.left, W - M.right);
  const y = linearScale(ticks.min, ticks.max, H - M.bottom, M.top);
  const byId = new Map(options.map((o) => [o.id, o]));
  const markers = comparisons
    .filter((c) => c.basis === basis && c.candidate !== c.baseline)
    .flatMap((c) => {
      const candidate = byId.get(c.candidate);
      const baseline = byId.get(c.baseline);
      if (!candidate || !baseline) return [];
      const point = breakEvenPoint(cumulativeOf(candidate, basis), c);
      return point ? [{ c, candidate, baseline, point }] : [];
    });
  return (
    <figure className="planner-chart" data-testid="cumulative-chart" tabIndex={0}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {ticks.ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className={t === 0 ? "axis-zero" : "grid"} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick">
              {axis(t)}
            </text>
          </g>
        ))}
        {Array.from({ length: years + 1 }, (_, i) => (
          <text key={i} x={x(i)} y={H - M.bottom + 16} textAnchor="middle" className="tick">
            {yearLabel(i)}
          </text>
        ))}
        {series.map((s, i) => {
          const color = OPTION_COLORS[i % OPTION_COLORS.length];
          const points = s.values.map((v, year) => ({ x: x(year), y: y(v) }));
          return (
            <g key={s.option.id} data-option={s.option.id}>
              <path d={linePath(points)} fill="none" stroke={color} strokeWidth={2.5} />
              {points.map((p, year) => (
                <circle key={year} cx={p.x} cy={p.y} r={3} fill={color}>
                  <title>{`${optionName(s.option)} · ${yearLabel(year)}: ${axis(s.values[year] ?? 0)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        {markers.map(({ c, candidate, baseline, point }) => {
          const label = markerLabel(candidate, baseline, point.x);
          return (
            <g key={`${c.candidate}-${c.baseline}`} className="breakeven" data-testid="breakeven-marker" data-candidate={c.candidate} data-year={point.x.toFixed(2)}>
              <line x1={x(point.x)} x2={x(point.x)} y1={y(point.y)} y2={H - M.bottom} className="breakeven-drop" />
              <circle cx={x(point.x)} cy={y(point.y)} r={6} className="breakeven-dot">
                <title>{label}</title>
              </circle>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s, i) => (
          <span key={s.option.id} className="legend-item">
            <span className="swatch line" style={{ background: OPTION_COLORS[i % OPTION_COLORS.length] }} />
            {optionName(s.option)}
          </span>
        ))}
        {markers.length > 0 && (
          <span className="legend-item">
            <span className="swatch dot" />
            {markers.map((m) => markerLabel(m.candidate, m.baseline, m.point.x)).join("; ")}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
