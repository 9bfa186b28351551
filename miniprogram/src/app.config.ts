import { MAIN_PAGES, SUBPACKAGES } from './lib/routes';

export default defineAppConfig({
  pages: [...MAIN_PAGES],
  // Feature areas load on first use, so the main package stays small.
  subPackages: SUBPACKAGES.map((p) => ({ root: p.root, pages: [...p.pages] })),
  preloadRule: { 'pages/index/index': { network: 'all', packages: ['pages/subsidy', 'pages/recruitment'] } },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#b91c1c',
    navigationBarTitleText: '镇江智慧人社',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  // H5 only: no slide-in, so a page is readable (and testable) as soon as it has rendered.
  animation: false,
});
