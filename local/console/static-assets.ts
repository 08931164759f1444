import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Buffer | string;
  contentType: string;
}

/**
 * The page and its scripts, read once: plain ES modules from `public/` plus Preact and htm
 * straight from node_modules, so nothing is built and nothing is fetched from the network.
 * Only files listed here are served, so no request path can reach anything else.
 */
export function loadAssets(basePath: string, refreshSeconds: number) {
  const publicDir = new URL('./public/', import.meta.url);
  const assets = new Map<string, Asset>();
  const add = (path: string, file: URL | string, contentType: string) =>
    assets.set(path, { body: readFileSync(file), contentType });
  for (const entry of readdirSync(publicDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(fileURLToPath(publicDir), full).split('\\').join('/');
    const type = CONTENT_TYPES[entry.name.split('.').at(-1) ?? ''];
    if (type && entry.name !== 'index.html') add(`/${path}`, full, type);
  }
  const javascript = 'text/javascript; charset=utf-8';
  // createRequire rather than import.meta.resolve, which Vite's module runner (vitest) lacks;
  // Preact's exports have only ES modules; htm's ES build sits beside the CommonJS one.
  const require = createRequire(import.meta.url);
  add('/vendor/preact.mjs', require.resolve('preact'), javascript);
  add('/vendor/preact-hooks.mjs', require.resolve('preact/hooks'), javascript);
  add('/vendor/htm.mjs', join(dirname(require.resolve('htm')), 'htm.mjs'), javascript);

  const importMap = JSON.stringify({
    imports: {
      preact: `${basePath}/vendor/preact.mjs`,
      'preact/hooks': `${basePath}/vendor/preact-hooks.mjs`,
      htm: `${basePath}/vendor/htm.mjs`,
    },
  });
  const html = readFileSync(new URL('index.html', publicDir), 'utf8')
    .replaceAll('{{base}}', basePath)
    .replace('{ "imports": {} }', importMap)
    .replace('{{refresh}}', String(refreshSeconds));
  const importMapHash = createHash('sha256').update(importMap).digest('base64');
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${importMapHash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    page: { body: html, contentType: 'text/html; charset=utf-8' } satisfies Asset,
    contentSecurityPolicy,
    assets,
  };
}

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
};
