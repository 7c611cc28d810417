import { useState } from "react";
import { useTranslation } from "react-i18next";
import { COMPONENT_KEYS, componentValue, type GroupKey } from "./components";
import { tornadoBars } from "./chartMath";
import { CumulativeChart } from "./charts/CumulativeChart";
import { StackedBars } from "./charts/StackedBars";
import { Tornado } from "./charts/Tornado";
import { compact, decimal, money, percent } from "./format";
import { NS } from "./i18n";
import { noticeViews } from "./notices";
import { driverName, optionName, stringsFor } from "./strings";
import { formFromScenario } from "./scenario";
import type { Basis, OptionResult, PlanResult, PriceCatalog, Scenario, SfuCapacity } from "./types";

const PRICE_ROW_PREFIX = "planner-price-";

function showPriceRow(id: string): void {
  const row = document.getElementById(`${PRICE_ROW_PREFIX}${id}`);
  row?.scrollIntoView({ block: "center", behavior: "smooth" });
  row?.focus({ preventScroll: true });
}

interface Props {
  result: PlanResult;
  scenario: Scenario;
  catalog: PriceCatalog | null;
}

export function Results({ result, scenario, catalog }: Props) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const S = stringsFor(lang);
  const currency = result.report_currency;
  const [selected, setSelected] = useState<string>(result.options[0]?.id ?? "");
  const [basis, setBasis] = useState<Basis>("nominal");
  const [showZero, setShowZero] = useState(false);
  const option = result.options.find((o) => o.id === selected) ?? result.options[0];
  const name = (o: OptionResult) => optionName(lang, o.id, o.label);
  const nameOf = (id: string) => {
    const o = result.options.find((x) => x.id === id);
    return o ? name(o) : id;
  };
  const amount = (v: number) => money(lang, currency, v);
  const axis = (v: number) => compact(lang, v);
  const yearLabel = (y: number) => t("results.year", { year: y });
  const baseline = result.baseline_option_id ?? result.options[0]?.id ?? "";
  const ranked = [...result.options].sort((a, b) => {
    const ra = result.ranking.indexOf(a.id);
    const rb = result.ranking.indexOf(b.id);
    return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb);
  });
  const deltas = [...new Set(result.sensitivity.map((r) => r.delta))].sort((a, b) => a - b);
  const capacity = result.options.find((o) => o.capacity)?.capacity ?? null;
  const provenance = result.capacity_profile?.provenance;
  const placeholder = result.capacity_profile?.placeholder ?? provenance?.placeholder ?? false;
  const used = new Set(result.catalog?.entries_used ?? []);
  const prices = catalog?.entries.filter((e) => used.has(e.id)) ?? [];

  const table = (o: OptionResult, printOnly: boolean) => {
    const rows = COMPONENT_KEYS.filter((key) => showZero || o.years.some((y) => componentValue(y.components, key) !== 0));
    return (
      <div key={o.id} className={`planner-table-wrap${printOnly ? " print-only" : ""}`} {...scrollRegion(t("results.tableCaption", { option: name(o), currency }))}>
        <table className="planner-table" data-testid={printOnly ? undefined : "planner-table"}>
          <caption>{t("results.tableCaption", { option: name(o), currency })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.component")}</th>
              {o.years.map((y) => (
                <th key={y.year} scope="col" className="num">
                  {yearLabel(y.year)}
                </th>
              ))}
              <th scope="col" className="num">
                {t("results.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="subtle">
              <th scope="row">{t("results.headcount")}</th>
              {o.years.map((y) => (
                <td key={y.year} className="num">
                  {decimal(lang, y.headcount, 0)}
                </td>
              ))}
              <td />
            </tr>
            {rows.map((key) => {
              const values = o.years.map((y) => componentValue(y.components, key));
              return (
                <tr key={key} data-component={key}>
                  <th scope="row">{S.components[key]}</th>
                  {values.map((v, i) => (
                    <td key={i} className="num">
                      {amount(v)}
                    </td>
                  ))}
                  <td className="num">{amount(values.reduce((a, b) => a + b, 0))}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="strong" data-row="total">
              <th scope="row">{t("results.total")}</th>
              {o.years.map((y) => (
                <td key={y.year} className="num">
                  {amount(y.total)}
                </td>
              ))}
              <td className="num">{amount(o.totals.nominal)}</td>
            </tr>
            <tr className="subtle">
              <th scope="row">{t("results.discountFactor")}</th>
              {o.years.map((y) => (
                <td key={y.year} className="num">
                  {decimal(lang, y.discount_factor, 4)}
                </td>
              ))}
              <td />
            </tr>
            <tr>
              <th scope="row">{t("results.pv")}</th>
              {o.years.map((y) => (
                <td key={y.year} className="num">
                  {amount(y.pv)}
                </td>
              ))}
              <td className="num">{amount(o.totals.pv)}</td>
            </tr>
            <tr className="subtle">
              <th scope="row">{t("results.cumulative")}</th>
              {o.years.map((y) => (
                <td key={y.year} className="num">
                  {amount(y.cumulative)}
                </td>
              ))}
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    );
  };

  const inputs = formFromScenario(scenario);
  const pct = (v: number) => `${decimal(lang, v * 100, 2)}%`;
  const inputRows: [string, string][] = [
    [t("form.currency"), result.report_currency],
    [t("form.headcount"), decimal(lang, inputs.headcount, 0)],
    [t("form.growth"), pct(inputs.growthRate)],
    [t("form.horizon"), String(inputs.horizonYears)],
    [t("form.discount"), pct(inputs.discountRate)],
    [t("form.hourCost", { currency: result.report_currency }), decimal(lang, inputs.employeeHourCost, 2)],
    [t("form.dau"), pct(inputs.dauRatio)],
    [t("form.peakOnline"), pct(inputs.peakOnlineRatio)],
    [t("form.messages"), decimal(lang, inputs.messagesPerUserPerDay, 2)],
    [t("form.files"), decimal(lang, inputs.fileMbPerUserMonth, 2)],
    [t("results.optionsCompared"), result.options.map(name).join(", ")],
    [t("form.baseline"), nameOf(baseline)],
  ];

  return (
    <div className="planner-results" data-testid="planner-results">
      <section className="planner-card print-only" aria-labelledby="planner-inputs">
        <h2 id="planner-inputs">{t("results.inputsHeading")}</h2>
        <dl className="planner-inputs">
          {inputRows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="planner-card" aria-labelledby="planner-ranking">
        <h2 id="planner-ranking">{t("results.ranking")}</h2>
        <div className="planner-table-wrap" {...scrollRegion(t("results.ranking"))}>
          <table className="planner-table summary" data-testid="planner-summary">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("results.option")}</th>
                <th scope="col" className="num">
                  {t("results.nominal")}
                </th>
                <th scope="col" className="num">
                  {t("results.pv")}
                </th>
                <th scope="col" className="num">
                  {t("results.perUserMonth")}
                </th>
                <th scope="col">{t("results.breakEven", { baseline: nameOf(baseline) })}</th>
                <th scope="col" className="num">
                  {t("results.saving")}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((o, i) => {
                const cmp = result.comparisons.find((c) => c.candidate === o.id && c.baseline === baseline && c.basis === basis);
                return (
                  <tr key={o.id} data-option={o.id}>
                    <td>{i + 1}</td>
                    <th scope="row">{name(o)}</th>
                    <td className="num">{amount(o.totals.nominal)}</td>
                    <td className="num">{amount(o.totals.pv)}</td>
                    <td className="num">{money(lang, currency, o.totals.per_user_month, 2)}</td>
                    <td>
                      {o.id === baseline
                        ? t("results.isBaseline")
                        : cmp?.breakeven_year_fractional != null
                          ? t("results.breakEvenYear", { year: decimal(lang, cmp.breakeven_year_fractional, 2) })
                          : t("results.never")}
                    </td>
                    <td className="num">{o.id === baseline || !cmp ? "—" : amount(cmp.saving_at_horizon)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="planner-card" aria-labelledby="planner-cumulative">
        <div className="planner-card-head">
          <h2 id="planner-cumulative">{t("results.cumulativeHeading")}</h2>
          <label className="inline-select no-print">
            {t("results.basis")}
            <select value={basis} onChange={(e) => setBasis(e.target.value as Basis)} data-testid="planner-basis">
              <option value="nominal">{S.results.bases.nominal}</option>
              <option value="pv">{S.results.bases.pv}</option>
            </select>
          </label>
        </div>
        <CumulativeChart
          options={result.options}
          comparisons={result.comparisons}
          basis={basis}
          title={t("results.cumulativeHeading")}
          optionName={name}
          yearLabel={yearLabel}
          axis={axis}
          markerLabel={(c, b, year) => t("results.breakEvenMarker", { candidate: name(c), baseline: name(b), year: decimal(lang, year, 2) })}
        />
      </section>

      {option && (
        <section className="planner-card" aria-labelledby="planner-detail">
          <div className="planner-card-head">
            <h2 id="planner-detail">{t("results.tableHeading")}</h2>
            <label className="inline-select no-print">
              {t("results.option")}
              <select value={option.id} onChange={(e) => setSelected(e.target.value)} data-testid="planner-option-select">
                {result.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {name(o)}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox no-print">
              <input type="checkbox" checked={showZero} onChange={(e) => setShowZero(e.target.checked)} />
              {t("results.showAllRows")}
            </label>
          </div>
          <div className="screen-only">{table(option, false)}</div>
          {result.options.map((o) => table(o, true))}
          <h3>{t("results.stackedHeading")}</h3>
          <StackedBars option={option} title={t("results.stackedHeading")} groupName={(k: GroupKey) => S.components[k]} yearLabel={yearLabel} axis={axis} amount={amount} />
          <h3>{t("results.tornadoHeading")}</h3>
          <p className="muted small">
            {t("results.tornadoHint", { deltas: deltas.map((d) => percent(lang, d)).join(" / ") })}{" "}
            <span className="swatch tornado-low" /> {deltas[0] !== undefined ? percent(lang, deltas[0]) : ""} <span className="swatch tornado-high" />{" "}
            {deltas.length ? percent(lang, deltas[deltas.length - 1]!) : ""}
          </p>
          {tornadoBars(result.sensitivity, option.id).length === 0 ? (
            <p className="muted">{t("results.tornadoEmpty")}</p>
          ) : (
            <Tornado
              bars={tornadoBars(result.sensitivity, option.id)}
              title={t("results.tornadoHeading")}
              driverName={(p) => driverName(lang, p)}
              deltaLabel={(d) => percent(lang, d)}
              axis={axis}
              amount={amount}
            />
          )}
        </section>
      )}

      {capacity && (
        <section className="planner-card" aria-labelledby="planner-capacity" data-testid="planner-capacity">
          <h2 id="planner-capacity">{t("results.capacityHeading")}</h2>
          {capacity.sized_for_year !== undefined && <p className="muted small">{t("results.capacityFor", { year: capacity.sized_for_year })}</p>}
          <dl className="planner-stats">
            <div>
              <dt>{t("results.peakConnections")}</dt>
              <dd>{decimal(lang, capacity.peak_connections, 0)}</dd>
            </div>
            <div>
              <dt>{t("results.peakMsgs")}</dt>
              <dd>{decimal(lang, capacity.peak_msgs_per_sec, 1)}</dd>
            </div>
            <div>
              <dt>{t("results.peakDeliveries")}</dt>
              <dd>{decimal(lang, capacity.peak_deliveries_per_sec, 1)}</dd>
            </div>
            <div>
              <dt>{t("results.vcpu")}</dt>
              <dd>{decimal(lang, capacity.vcpu_required, 2)}</dd>
            </div>
            <div>
              <dt>{t("results.memory")}</dt>
              <dd>{decimal(lang, capacity.mem_gb_required, 2)}</dd>
            </div>
            <div>
              <dt>{t("results.appNodes")}</dt>
              <dd data-testid="planner-app-nodes">
                {capacity.app_nodes} <span className="muted small">({t("results.appNodesHa", { nodes: capacity.app_nodes_with_ha })})</span>
              </dd>
            </div>
            {capacity.db_nodes !== undefined && (
              <div>
                <dt>{t("results.dbNodes")}</dt>
                <dd>{capacity.db_nodes}</dd>
              </div>
            )}
          </dl>
          {capacity.binding && capacity.headroom && (
            <p className="muted small" data-testid="planner-binding">
              {t("results.binding", {
                constraint: t(`results.constraint_${capacity.binding}`),
                cpu: decimal(lang, capacity.headroom.target_cpu_util * 100, 0),
                mem: decimal(lang, capacity.headroom.target_mem_util * 100, 0),
              })}
            </p>
          )}
          {result.options.some((o) => o.capacity?.sfu) && (
            <>
              <h3>{t("results.sfuHeading")}</h3>
              {result.options.map((o) => (o.capacity?.sfu ? <SfuSizing key={o.id} id={o.id} option={name(o)} sfu={o.capacity.sfu} /> : null))}
            </>
          )}
          <h3>{t("results.storage")}</h3>
          <div className="storage-bars">
            {capacity.storage_gb_end_of_year.map((gb, i) => {
              const max = Math.max(1, ...capacity.storage_gb_end_of_year);
              return (
                <div key={i} className="storage-row">
                  <span>{yearLabel(i + 1)}</span>
                  <span className="storage-bar" style={{ width: `${(gb / max) * 100}%` }} />
                  <span className="num">{decimal(lang, gb, 1)}</span>
                </div>
              );
            })}
          </div>
          <p className="small" data-testid="planner-benchmark">
            <strong>{t("results.benchmark")}:</strong>{" "}
            {placeholder ? (
              <>
                <span className="warning-text">{t("results.placeholder")}</span> <span className="muted">({provenance?.note || result.capacity_profile?.source})</span>
              </>
            ) : provenance ? (
              t("results.run", { run: provenance.run_id ?? "?", machine: provenance.machine ?? "?", commit: provenance.commit ?? "?", date: provenance.date ?? "?" })
            ) : (
              result.capacity_profile?.source ?? ""
            )}
            {result.capacity_profile?.conn_per_vcpu !== undefined && (
              <>
                <br />
                <span className="muted">
                  {t("results.perVcpu", {
                    conn: decimal(lang, result.capacity_profile.conn_per_vcpu, 0),
                    deliv: decimal(lang, result.capacity_profile.deliveries_per_vcpu_sec ?? 0, 0),
                    mem: decimal(lang, result.capacity_profile.mem_kb_per_conn ?? 0, 1),
                  })}
                </span>
              </>
            )}
          </p>
        </section>
      )}

      <section className="planner-card" aria-labelledby="planner-warnings" data-testid="planner-warnings">
        <h2 id="planner-warnings">{t("results.warningsHeading")}</h2>
        {result.warnings.length === 0 ? (
          <p className="muted">{t("results.noWarnings")}</p>
        ) : (
          <ul className="planner-warnings">
            {noticeViews(t, lang, result).map((notice, i) => (
              <li key={i} data-testid="planner-warning">
                {notice.text}
                {notice.price && (
                  <>
                    {" "}
                    <a
                      href={`#${PRICE_ROW_PREFIX}${notice.price.id}`}
                      className="planner-source"
                      title={t("notices.sourceHint")}
                      data-testid="planner-warning-source"
                      onClick={(e) => {
                        // The app routes on the hash: scroll to the row instead of following the link.
                        e.preventDefault();
                        showPriceRow(notice.price!.id);
                      }}
                    >
                      {t("notices.source", { id: notice.price.sourceId })}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {prices.length > 0 && (
        <section className="planner-card" aria-labelledby="planner-prices">
          <h2 id="planner-prices">
            {t("results.pricesHeading")} <span className="muted small">({catalog?.version})</span>
          </h2>
          <div className="planner-table-wrap" {...scrollRegion(t("results.pricesHeading"))}>
            <table className="planner-table prices">
              <tbody>
                {prices.map((p) => (
                  <tr key={p.id} id={`${PRICE_ROW_PREFIX}${p.id}`} tabIndex={-1}>
                    <th scope="row">
                      {p.vendor} — {p.item}
                    </th>
                    <td className="num">
                      {p.price !== undefined ? decimal(lang, p.price, 4) : ""} {p.currency}
                    </td>
                    <td className="muted small">{p.unit}</td>
                    <td className="small">
                      {p.source_id} · {p.as_of} · {p.confidence}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(result.catalog?.overrides?.length ?? 0) > 0 && (
            <p className="small">
              {t("results.overrides")}: {result.catalog!.overrides!.map((o) => JSON.stringify(o)).join("; ")}
            </p>
          )}
        </section>
      )}
    </div>
  );
}

/**
 * A box that scrolls sideways on a phone must be reachable by keyboard to be scrolled (axe scrollable-region-focusable,
 * issue 22): a named, focusable region.
 */
/** The SFU sizing of one self_hosted_sfu option (issue 15): the load at the peak, the servers, the media egress. */
function SfuSizing({ id, option, sfu }: { id: string; option: string; sfu: SfuCapacity }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const vcpu = sfu.vcpu_required === null ? null : decimal(lang, sfu.vcpu_required, 2);
  const servers = sfu.sized
    ? t("results.sfuSized", { vcpu: vcpu ?? "?", instances: sfu.instances, instanceVcpu: decimal(lang, sfu.instance_vcpu ?? 0, 0), withHa: sfu.instances_with_ha })
    : vcpu === null
      ? t("results.sfuGivenUnmeasured", { instances: sfu.instances })
      : t("results.sfuGiven", { instances: sfu.instances, vcpu });
  return (
    <ul className="planner-sfu small" data-testid="planner-sfu" data-option={id}>
      <li>
        {t("results.sfuLoad", {
          option,
          participants: decimal(lang, sfu.peak_participants, 0),
          streams: sfu.streams_per_participant,
          forwarded: decimal(lang, sfu.forwarded_streams, 0),
          kbps: decimal(lang, sfu.kbps_per_stream, 0),
          interpolation: { escapeValue: false },
        })}
      </li>
      <li>{servers}</li>
      <li>{t("results.sfuEgress", { egress: decimal(lang, sfu.egress_gb_per_month, 1) })}</li>
    </ul>
  );
}

export function scrollRegion(label: string) {
  return { tabIndex: 0, role: "region", "aria-label": label } as const;
}
