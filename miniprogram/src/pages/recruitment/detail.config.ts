export default definePageConfig({ navigationBarTitleText: '招聘考试详情', enableShareAppMessage: true });
