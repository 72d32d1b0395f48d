/**
 * `GET /openapi.json`, the OpenAPI 3.1 document generated from the route table, and `GET /docs`,
 * a reference page that renders it with Swagger UI served from the installed `swagger-ui-dist`
 * (no CDN: the page must work offline and under a CSP that allows only same-origin scripts).
 * The page's initialisation is a served script, `/docs/init.js`, since inline scripts are refused.
 */
import express, { type RequestHandler } from 'express';
import path from 'node:path';
import { openApiDocument } from './document';

export { openApiDocument, UNDOCUMENTED_OPEN_PATHS, type OpenApiDocument } from './document';

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
export const SWAGGER_UI_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png'] as const;

/**
 * The reference page's policy: same-origin scripts only (no inline, no eval), Swagger UI's inline
 * styles and data: images, and fetches only of this origin. Unlike the app-wide default it does
 * not upgrade requests to https, so the page also works over plain http on an internal host.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

const INIT_SCRIPT = `'use strict';
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-openapi-url'),
    domNode: root,
    deepLinking: true,
    // The public validator badge would call out to validator.swagger.io.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
`;

function page(base: string): string {
  const asset = (file: string) => `${base}/docs/assets/${file}`;
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>ECM workflow backbone API reference</title>
    <link rel="stylesheet" href="${asset('swagger-ui.css')}">
    <link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}" sizes="32x32">
    <link rel="icon" type="image/png" href="${asset('favicon-16x16.png')}" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui" data-openapi-url="${base}/openapi.json"></div>
    <script src="${asset('swagger-ui-bundle.js')}" charset="UTF-8"></script>
    <script src="${base}/docs/init.js" charset="UTF-8"></script>
  </body>
</html>
`;
}

/** The package's directory, found without loading its Node entry (which would load the browser bundle). */
function swaggerUiDirectory(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

const docsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
  next();
};

/** `/openapi.json` and `/docs`, mounted at the app root. */
export function openApiRouter(): express.Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', docsPolicy, (req, res) => {
    res.type('html').send(page(req.baseUrl));
  });
  router.get('/docs/init.js', docsPolicy, (_req, res) => {
    res.type('text/javascript').send(INIT_SCRIPT);
  });
  const assets = new Set<string>(SWAGGER_UI_ASSETS);
  router.use(
    '/docs/assets',
    docsPolicy,
    (req, _res, next) => {
      // Only the files the page loads; anything else of the package falls through to the app's 404.
      if (!assets.has(req.path.slice(1))) {
        next('router');
        return;
      }
      next();
    },
    express.static(swaggerUiDirectory(), { index: false, fallthrough: true, maxAge: '1h', dotfiles: 'ignore' }),
  );
  return router;
}
