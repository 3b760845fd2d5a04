export { loadPlan, type LoadedPlan, type LoadPlanOptions, type PlanText } from './load-plan.js';
export { mapToConfiguration, type MapOptions } from './map-to-config.js';
export { planRoots, type PlanRoot } from './plan-root.js';
export type { PlanDiagnosticCode } from './diagnostics.js';
export { recordedInstances } from './addresses.js';
