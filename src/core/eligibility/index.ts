/** R-ELIGIBILITY: the eligibility engine (pure; safe in workflows and in the API). */
export * from './age';
export * from './facts';
export * from './populations-of-focus';
export * from './evaluate-eligibility';
