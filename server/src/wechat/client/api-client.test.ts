import { derivedClientMsgId, type TemplateMessage } from './api-client';

const message: TemplateMessage = {
  touser: 'oFollower000000000000000001',
  templateId: 'TPL_subsidy_result',
  data: { thing1: '一次性创业补贴', phrase2: '已发放' },
  miniprogram: { appid: 'wx8c4e2b7d9a1f3056', pagepath: 'pages/subsidies/detail?id=7' },
};

describe('derived client_msg_id', () => {
  it('when the same message is built again, in any key order, then it gets the same id', () => {
    const reordered = { ...message, data: { phrase2: '已发放', thing1: '一次性创业补贴' } };
    expect(derivedClientMsgId(reordered)).toBe(derivedClientMsgId(message));
    expect(derivedClientMsgId(message)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('when anything that is sent differs, then the id differs', () => {
    const variants: TemplateMessage[] = [
      { ...message, touser: 'oFollower000000000000000002' },
      { ...message, templateId: 'TPL_other' },
      { ...message, data: { ...message.data, phrase2: '未发放' } },
      { ...message, url: 'https://rsj.zhenjiang.gov.cn/' },
      { ...message, miniprogram: { appid: 'wx8c4e2b7d9a1f3056', pagepath: 'pages/index' } },
      { ...message, miniprogram: undefined },
    ];
    const ids = new Set([message, ...variants].map(derivedClientMsgId));
    expect(ids.size).toBe(variants.length + 1);
  });
});
