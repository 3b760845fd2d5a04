export { loadPlan, type LoadPlanOptions } from './load-plan.js';
export { mapToConfiguration } from './map-to-config.js';
export type { PlanDiagnosticCode } from './diagnostics.js';
