export default definePageConfig({ navigationBarTitleText: '补贴详情', enableShareAppMessage: true });
