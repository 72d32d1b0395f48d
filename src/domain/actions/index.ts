/** The journey's actions: each a pure check (the update validator) and a pure transition (the handler). */
export * from './action-support';
export * from './start-journey';
export * from './decide-authorization';
export * from './assign-provider';
export * from './respond-to-assignment';
export * from './name-lead-care-manager';
export * from './deadline-breached';
