export { loadPlan, type LoadedPlan, type LoadPlanOptions } from './load-plan.js';
export { mapToConfiguration, type MapOptions } from './map-to-config.js';
export type { PlanDiagnosticCode } from './diagnostics.js';
