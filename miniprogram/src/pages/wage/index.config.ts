export default definePageConfig({ navigationBarTitleText: '工资标准', enablePullDownRefresh: true });
