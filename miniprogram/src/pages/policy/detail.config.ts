export default definePageConfig({ navigationBarTitleText: '政策文件', enableShareAppMessage: true });
