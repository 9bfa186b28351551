import Taro from '@tarojs/taro';

export async function getLoginCode(): Promise<string> {
  const { code } = await Taro.login();
  return code;
}

/** The WeChat popup itself lists the templates' titles; `purpose` is for the browser's stand-in. */
export async function requestSubscribe(templateIds: string[], _purpose: string): Promise<Record<string, string>> {
  // Taro's typing of the option mixes in the device-message fields (sn, snTicket, modelId), which this call does not take.
  const option = { tmplIds: templateIds } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0];
  const result = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(result).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
