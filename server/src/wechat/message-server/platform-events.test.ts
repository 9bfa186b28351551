import { parseSubscribeDecisions, parseSubscribeSent, parseTemplateJobFinish } from './platform-events';

describe('parseTemplateJobFinish', () => {
  it('when the status is success, then ok; anything else is a failure kept verbatim', () => {
    expect(parseTemplateJobFinish({ MsgID: '3487542469355618313', Status: 'success' })).toEqual({ msgId: '3487542469355618313', status: 'success', ok: true });
    expect(parseTemplateJobFinish({ MsgID: '1', Status: 'failed: system failed' })).toEqual({ msgId: '1', status: 'failed: system failed', ok: false });
    expect(parseTemplateJobFinish({ MsgID: '1', Status: 'failed:freq limit' })?.ok).toBe(false);
  });

  it('when MsgID or Status is missing or not a number, then null', () => {
    expect(parseTemplateJobFinish({ Status: 'success' })).toBeNull();
    expect(parseTemplateJobFinish({ MsgID: 'abc', Status: 'success' })).toBeNull();
    expect(parseTemplateJobFinish({ MsgID: '1' })).toBeNull();
  });
});

describe('parseSubscribeDecisions', () => {
  it('when items say accept, acceptWithAlert or reject, then accept* counts as accepted', () => {
    const fields = {
      SubscribeMsgPopupEvent: {
        List: [
          { TemplateId: 'A', SubscribeStatusString: 'accept' },
          { TemplateId: 'B', SubscribeStatusString: 'acceptWithAudio' },
          { TemplateId: 'C', SubscribeStatusString: 'reject' },
          { TemplateId: '', SubscribeStatusString: 'accept' },
        ],
      },
    };
    expect(parseSubscribeDecisions(fields, 'subscribe_msg_popup_event')).toEqual({
      items: [
        { templateId: 'A', accepted: true, status: 'accept' },
        { templateId: 'B', accepted: true, status: 'acceptWithAudio' },
        { templateId: 'C', accepted: false, status: 'reject' },
      ],
      skipped: 1,
    });
  });
});

describe('parseSubscribeSent', () => {
  it('when items report error codes, then 0 is ok and the rest fail, ids exact', () => {
    const { items } = parseSubscribeSent({
      List: [
        { TemplateId: 'T', MsgID: '1700827132819554304', ErrorCode: '0', ErrorStatus: 'success' },
        { TemplateId: 'T', MsgID: '2', ErrorCode: '10005' },
      ],
    });
    expect(items.map((i) => [i.msgId, i.ok, i.status])).toEqual([
      ['1700827132819554304', true, 'success'],
      ['2', false, 'error 10005'],
    ]);
  });
});
