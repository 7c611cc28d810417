// Number and money display for the planner. Figures stay unrounded in data; these round only for display.
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      f = new Intl.NumberFormat("en", { ...options, style: "decimal" });
    }
    cache.set(key, f);
  }
  return f;
}

export const money = (locale: string, currency: string, value: number, digits = 0) =>
  nf(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

/** Axis labels: "1.2M" / "120万". */
export const compact = (locale: string, value: number) => nf(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);

export const decimal = (locale: string, value: number, digits = 2) => nf(locale, { maximumFractionDigits: digits }).format(value);

export const percent = (locale: string, value: number) => nf(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
