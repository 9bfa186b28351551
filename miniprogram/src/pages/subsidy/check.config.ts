export default definePageConfig({ navigationBarTitleText: '资格自测' });
