export { loadPlan, type LoadedPlan, type LoadPlanOptions } from './load-plan.js';
export { mapToConfiguration, type MapOptions } from './map-to-config.js';
export { planRoot, type PlanRoot } from './plan-root.js';
export type { PlanDiagnosticCode } from './diagnostics.js';
