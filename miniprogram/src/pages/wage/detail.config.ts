export default definePageConfig({ navigationBarTitleText: '工资标准', enableShareAppMessage: true });
