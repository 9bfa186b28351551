export default definePageConfig({ navigationBarTitleText: '镇江智慧人社', enablePullDownRefresh: true });
