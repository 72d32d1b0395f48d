import express from 'express';

/** `/openapi.json` and `/docs` (being written: the OpenAPI change replaces this file). */
export function openApiRouter(): express.Router {
  return express.Router();
}
