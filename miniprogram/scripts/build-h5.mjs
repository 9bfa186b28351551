#!/usr/bin/env node
// Builds the H5 version of the mini-program into dist/h5, which `npm start` serves at /m/ (root
// postinstall; see scripts/cached-build.mjs for when it skips).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedBuild, localBin } from '../../scripts/cached-build.mjs';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
cachedBuild({
  name: 'mini-program H5',
  app,
  out: 'dist/h5',
  inputs: ['src', 'config', 'babel.config.js', 'package.json', '../shared/src', '../package-lock.json'],
  // TARO_APP_* settings are compiled into the bundle, so they are part of what was built.
  salt: Object.entries(process.env)
    .filter(([k]) => k.startsWith('TARO_APP_'))
    .sort()
    .map(([k, v]) => `${k}=${v}\n`)
    .join(''),
  building: 'building the mini-program for the browser (miniprogram/dist/h5, served at /m/); this takes about half a minute…',
  fix: 'npm run build:h5 -w miniprogram',
  steps: [[localBin(app, 'node_modules/.bin/taro'), ['build', '--type', 'h5']]],
});
