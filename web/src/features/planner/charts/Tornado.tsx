import { linearScale, niceTicks, type TornadoBar } from "../chartMath";

interface Props {
  bars: TornadoBar[];
  title: string;
  driverName: (pointer: string) => string;
  deltaLabel: (delta: number) => string;
  axis: (value: number) => string;
  amount: (value: number) => string;
}

const W = 640;
const ROW = 30;
const M = { top: 8, right: 16, bottom: 24, left: 170 };

/** Horizontal bars of the change in the option's total when one driver moves down (blue) or up (orange). */
export function Tornado({ bars, title, driverName, deltaLabel, axis, amount }: Props) {
  const H = M.top + M.bottom + ROW * Math.max(1, bars.length);
  const changes = bars.flatMap((b) => [b.low?.change ?? 0, b.high?.change ?? 0]);
  const extent = Math.max(1, ...changes.map(Math.abs));
  const ticks = niceTicks(-extent, extent, 4);
  const x = linearScale(ticks.min, ticks.max, M.left, W - M.right);
  const segment = (change: number) => ({ x: Math.min(x(0), x(change)), width: Math.max(1, Math.abs(x(change) - x(0))) });
  return (
    <figure className="planner-chart" data-testid="tornado-chart" tabIndex={0}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {ticks.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} className={t === 0 ? "axis-zero" : "grid"} />
            <text x={x(t)} y={H - M.bottom + 14} textAnchor="middle" className="tick">
              {axis(t)}
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const top = M.top + ROW * i + 5;
          return (
            <g key={bar.driver} data-driver={bar.driver}>
              <text x={M.left - 8} y={top + (ROW - 10) / 2} dy="0.32em" textAnchor="end" className="label">
                {driverName(bar.driver)}
              </text>
              {[bar.low, bar.high].map((side, j) =>
                side ? (
                  <rect key={j} {...segment(side.change)} y={top} height={ROW - 10} className={j === 0 ? "tornado-low" : "tornado-high"}>
                    <title>{`${driverName(bar.driver)} ${deltaLabel(side.delta)}: ${amount(side.change)}`}</title>
                  </rect>
                ) : null,
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
