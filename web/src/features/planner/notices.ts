// The engine's warnings in the reader's language (issue 20): each notice has a code and invariant-culture arguments;
// money is formatted in the report currency, options and components get their display names, and a price's source
// becomes a link to that price in the "Prices used" table. A code this client does not know shows the English text.
import type { TFunction } from "i18next";
import { decimal, money, percent } from "./format";
import { driverName, optionName, stringsFor } from "./strings";
import type { PlanNotice, PlanResult } from "./types";

export interface NoticeView {
  text: string;
  /** The catalog price it is about (its row in the prices table), with the source id to show. */
  price?: { id: string; sourceId: string };
}

export function noticeViews(t: TFunction, lang: string, result: PlanResult): NoticeView[] {
  const notices = result.notices;
  if (!notices || notices.length !== result.warnings.length) return result.warnings.map((text) => ({ text }));
  return notices.map((n, i) => noticeView(t, lang, result.report_currency, n, result.warnings[i] ?? n.code));
}

function noticeView(t: TFunction, lang: string, currency: string, n: PlanNotice, english: string): NoticeView {
  const key = `notices.${n.code}`;
  if (!t(key, { defaultValue: "" })) return { text: english };
  const a = n.args;
  const cash = (v: string | undefined) => (v === undefined || Number.isNaN(Number(v)) ? (v ?? "") : money(lang, a.currency || currency, Number(v)));
  const components = stringsFor(lang).notices.bandComponents as Record<string, string>;
  const args: Record<string, string> = {
    ...a,
    option: a.option ? optionName(lang, a.option) : "",
    component: a.component ? (components[a.component] ?? a.component) : "",
    side: a.side === "below" || a.side === "above" ? t(`notices.${a.side}`) : "",
    value: cash(a.value),
    low: cash(a.low),
    high: cash(a.high),
    driver: a.driver ? driverName(lang, a.driver) : "",
    delta: a.delta ? percent(lang, Number(a.delta)) : "",
    memGb: a.memGb ? decimal(lang, Number(a.memGb), 1) : "",
  };
  const text = t(key, { ...args, interpolation: { escapeValue: false } });
  return a.priceId && a.sourceId ? { text, price: { id: a.priceId, sourceId: a.sourceId } } : { text };
}
