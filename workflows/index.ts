/** Every workflow the worker registers. */
export * from './member-journey';
export { transitionalCare } from './transitional-care/workflow';
export { webhookDelivery } from './webhook-delivery/workflow';
export { monthlyFiles } from './monthly-files/workflow';
export { claimsMonth } from './claims-month/workflow';
export { memberImport } from './mif-import/workflow';
