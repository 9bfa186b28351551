/**
 * The whole mini-program on Taro's H5 runtime in jsdom, mounted as the H5 entry that @tarojs/taro-loader
 * generates for the build mounts it (taro-loader/lib/h5.js): the React app, browser history under /m,
 * the router with every page of app.config.ts and its page config. Pages load when first opened.
 */
// First: @tarojs/router and taro-h5 import each other, and only this order initialises both.
import Taro from '@tarojs/taro';
import { defineCustomElement as defineCustomElementTaroPullToRefreshCore } from '@tarojs/components/dist/components/taro-pull-to-refresh-core';
import { createReactApp } from '@tarojs/plugin-framework-react/dist/runtime';
import { createBrowserHistory, createRouter, handleAppMount } from '@tarojs/router';
import { window as taroWindow } from '@tarojs/runtime';
import { act, waitFor } from '@testing-library/react';
import * as React from 'react';
import { findDOMNode, render, unstable_batchedUpdates } from 'react-dom';
import ReactDOM from 'react-dom/client';
import App from '../../../src/app';
import appConfig from '../../../src/app.config';

const BASENAME = '/m';

/** pages/subsidy/check → its route: the page module, loaded when first opened, and its page config (check.config.ts). */
const route = async (path: string) => ({
  path,
  load: (context: unknown, params: unknown) => [import(`../../../src/${path}`), context, params],
  ...((await import(`../../../src/${path}.config`)) as { default: object }).default,
});

let mounted = false;

async function mount(): Promise<void> {
  const pages = [...(appConfig.pages ?? []), ...(appConfig.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
  const config = { ...appConfig, router: { mode: 'browser', basename: BASENAME }, routes: await Promise.all(pages.map(route)) };
  (taroWindow as { __taroAppConfig?: object }).__taroAppConfig = config;
  defineCustomElementTaroPullToRefreshCore();
  Object.assign(ReactDOM, { findDOMNode, render, unstable_batchedUpdates });
  const inst = createReactApp(App, React, ReactDOM, config as never);
  const history = createBrowserHistory({ window: taroWindow as unknown as Window });
  handleAppMount(config as never, history);
  // The generated entry passes React itself where the typings say a framework name.
  createRouter(history, inst, config as never, React as never);
}

/**
 * Opens `url` (/pages/…?query) as the only page, as Taro.reLaunch does, and resolves once that page is in
 * the document: the first call starts the app there, later ones relaunch it, so every test begins on a
 * freshly loaded page (the previous one unloaded, its DOM gone).
 */
export async function openPage(url: string): Promise<void> {
  const shown = () => Array.from(document.querySelectorAll('.taro_page'), (page) => page.id);
  const before = shown();
  await act(async () => {
    if (mounted) {
      await Taro.reLaunch({ url });
      return;
    }
    // replaceState, not a navigation: the app reads the address when it starts and must not see it change.
    window.history.replaceState(null, '', `${BASENAME}${url}`);
    mounted = true;
    await mount();
  });
  const path = `${BASENAME}${url.split('?')[0]}?`;
  await waitFor(() => {
    const pages = shown();
    if (pages.length !== 1 || !pages[0]!.startsWith(path) || before.includes(pages[0]!)) throw new Error(`${url} is not the page shown: ${pages.join(', ')}`);
  });
}
