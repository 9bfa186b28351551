/// <reference types="@tarojs/taro" />

declare module '*.css';

/** Where the API is, fixed per build in config/index.ts from TARO_APP_API_BASE ('' = same origin, H5 at /m/). */
declare const API_BASE: string;
