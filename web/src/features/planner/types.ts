// Shapes of the planner's JSON (PLANNER.md §3.2 input, §3.3 output). The server's JSON is snake_case here.
// Input is kept loose (a scenario may carry any field of the schema); only what the page reads is typed.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A scenario (planner-input.v1). */
export type Scenario = JsonObject;

export interface InfrastructureBreakdown {
  compute: number;
  storage: number;
  network: number;
  hardware: number;
  facility: number;
  rtc: number;
}

export interface Components {
  license: number;
  infrastructure: InfrastructureBreakdown;
  implementation: number;
  customization: number;
  training: number;
  operations: number;
  support: number;
  downtime: number;
}

export interface YearResult {
  year: number;
  headcount: number;
  components: Components;
  total: number;
  discount_factor: number;
  pv: number;
  cumulative: number;
  cumulative_pv: number;
}

export interface CapacityResult {
  peak_connections: number;
  peak_msgs_per_sec: number;
  peak_deliveries_per_sec: number;
  vcpu_required: number;
  mem_gb_required: number;
  app_nodes: number;
  app_nodes_with_ha: number;
  db_nodes?: number;
  sized_for_year?: number;
  storage_gb_end_of_year: number[];
  /** The constraint with the most nodes: cpu_deliveries, cpu_connections, memory or open_files (issue 21). */
  binding?: string;
  nodes_by_constraint?: Record<string, number>;
  headroom?: { target_cpu_util: number; target_mem_util: number; spare_nodes: number };
  /** The SFU of a self_hosted_sfu option (issue 15); null otherwise. */
  sfu?: SfuCapacity | null;
}

export interface SfuCapacity {
  peak_participants: number;
  streams_per_participant: number;
  forwarded_streams: number;
  kbps_per_stream: number;
  /** Null when the capacity profile has no SFU measurement. */
  vcpu_required: number | null;
  instance_type: string;
  instance_vcpu: number | null;
  instances: number;
  instances_with_ha: number;
  /** True: the instance count comes from the measurement; false: as entered in sfu_instances. */
  sized: boolean;
  egress_gb_per_month: number;
}

export interface OptionResult {
  id: string;
  label?: string;
  deployment_model?: string;
  years: YearResult[];
  totals: { nominal: number; pv: number; per_user_month: number };
  capacity?: CapacityResult | null;
}

export type Basis = "nominal" | "pv";

export interface ComparisonResult {
  candidate: string;
  baseline: string;
  basis: Basis;
  breakeven_year: number | null;
  breakeven_year_fractional: number | null;
  saving_at_horizon: number;
}

export interface SensitivityRow {
  driver: string;
  delta: number;
  option: string;
  total: number;
  change: number;
}

export interface CapacityProvenance {
  run_id?: string;
  machine?: string;
  commit?: string;
  date?: string;
  note?: string;
  placeholder?: boolean;
}

export interface CapacitySource {
  source?: string;
  placeholder?: boolean;
  conn_per_vcpu?: number;
  deliveries_per_vcpu_sec?: number;
  mem_kb_per_conn?: number;
  base_mem_gb?: number;
  stored_bytes_per_message?: number;
  provenance?: CapacityProvenance;
}

export interface PriceOverride {
  id?: string;
  [key: string]: unknown;
}

export interface PlanResult {
  schema?: string;
  report_currency: string;
  horizon_years?: number;
  discount_rate?: number;
  baseline_option_id?: string;
  options: OptionResult[];
  comparisons: ComparisonResult[];
  ranking: string[];
  sensitivity: SensitivityRow[];
  warnings: string[];
  /** The warnings as codes with arguments (same order), worded by notices.ts; absent from older servers. */
  notices?: PlanNotice[];
  catalog?: { version?: string; overrides?: PriceOverride[]; entries_used?: string[] };
  capacity_profile?: CapacitySource;
}

export interface CatalogEntry {
  id: string;
  vendor?: string;
  item?: string;
  unit?: string;
  price?: number;
  currency?: string;
  as_of?: string;
  source_id?: string;
  confidence?: string;
}

export interface PriceCatalog {
  version?: string;
  entries: CatalogEntry[];
}

/** Validation errors from the server: JSON pointer → messages. */
export type FieldErrors = Record<string, string[]>;

export interface PlanNotice {
  code: string;
  args: Record<string, string>;
}
