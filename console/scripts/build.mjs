#!/usr/bin/env node
// Builds the editor console into dist/, which `npm start` serves at /admin (root postinstall; see
// scripts/cached-build.mjs for when it skips).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedBuild, localBin } from '../../scripts/cached-build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.resolve(here, '..');
cachedBuild({
  name: 'editor console',
  app,
  out: 'dist',
  inputs: ['src', 'scripts', 'index.html', 'vite.config.ts', 'package.json', '../shared/src', '../package-lock.json'],
  building: 'building the editor console (console/dist, served at /admin); this takes a few seconds…',
  fix: 'npm run build -w console',
  steps: [
    [process.execPath, [path.join(here, 'extract-antd-css.mjs')]],
    [process.execPath, [localBin(app, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']],
  ],
});
