export default definePageConfig({ navigationBarTitleText: '招聘考试', enablePullDownRefresh: true });
