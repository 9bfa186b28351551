export default definePageConfig({ navigationBarTitleText: '就业创业补贴', enablePullDownRefresh: true });
