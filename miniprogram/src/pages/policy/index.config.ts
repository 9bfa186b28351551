export default definePageConfig({ navigationBarTitleText: '政策与解读', enablePullDownRefresh: true });
