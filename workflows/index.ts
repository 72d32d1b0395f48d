/** Every workflow the worker registers. */
export * from './member-journey';
export { transitionalCare } from './transitional-care/workflow';
export { webhookDelivery } from './webhook-delivery/workflow';
export { memberImport } from './mif-import/workflow';
