#!/usr/bin/env node
// Writes every antd style the console can use to src/generated/antd.css. The console runs antd with
// zeroRuntime (no <style> tags), so its strict CSP (style-src 'self') holds: research/console-and-charts.md §B.
// The theme comes from src/theme.json, the same object the app hands to its ConfigProvider.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const React = require('react');
const { ConfigProvider } = require('antd');
const { extractStyle } = require('@ant-design/static-style-extract');
// The icons' own few rules, which they would otherwise inject at run time (the app sets IconProvider zeroRuntime).
const { iconStyles } = require('@ant-design/icons/lib/renderUtils');

const theme = JSON.parse(readFileSync(path.join(app, 'src/theme.json'), 'utf8'));
// Rendering every component on the server makes React and antd warn about things that only matter in a browser.
const { warn, error } = console;
console.warn = console.error = () => {};
const css = extractStyle((node) => React.createElement(ConfigProvider, { theme }, node));
Object.assign(console, { warn, error });
mkdirSync(path.join(app, 'src/generated'), { recursive: true });
writeFileSync(path.join(app, 'src/generated/antd.css'), `${css}\n${iconStyles}`);
