/** Every workflow the worker registers. */
export * from './member-journey';
