export interface LandingPageOptions {
  /** The local WeChat sandbox is mounted at /sandbox (no real secret configured). */
  sandbox: boolean;
}

/** Example requests, percent-encoded so they work pasted into curl as well as clicked. */
const API_EXAMPLES: readonly { href: string; label: string }[] = [
  { href: '/api/v1/subsidies', label: '就业创业补贴' },
  { href: '/api/v1/wage-standards/current?district=jingkou', label: '京口区现行最低工资标准' },
  { href: '/api/v1/recruitments?status=open', label: '正在报名的招聘考试' },
  { href: `/api/v1/search?q=${encodeURIComponent('创业')}`, label: '搜索“创业”' },
];

/** The newcomer's front door at `/`: where each part of the system is, and how to try it. */
export function landingPage(options: LandingPageOptions): string {
  const sandbox = options.sandbox
    ? `<h2>先试一试</h2>
<p><a href="/sandbox">模拟微信聊天</a>：像居民一样关注公众号、发送“最低工资”、点击菜单。每条消息都是发往 <code>/wechat</code> 的签名推送（仅在未配置真实公众号密钥时提供）。</p>
`
    : '';
  const examples = API_EXAMPLES.map((e) => `<li><a href="${e.href}">${e.label}</a> <code>${e.href}</code></li>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>镇江智慧人社</title>
<style>body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:720px;margin:40px auto;padding:0 16px;color:#1f2937}
h1{color:#b91c1c}h2{font-size:1.1em;margin-top:1.6em}a{color:#1d4ed8}li{margin:6px 0}code{background:#f3f4f6;padding:1px 4px;border-radius:4px;font-size:.9em}</style></head>
<body>
<h1>镇江智慧人社</h1>
<p>镇江市人力资源和社会保障局微信公众号与小程序服务端。</p>
${sandbox}<h2>小程序</h2>
<p><a href="/m/">在浏览器中打开小程序</a>：首页、补贴与资格自测、最低工资、招聘考试、政策解读、办事指南和搜索，与微信中的小程序是同一套页面（网页版）。</p>
<h2>管理后台</h2>
<p><a href="/admin/">打开管理后台</a>：内容编辑、五关审核与发布、账号管理、审计日志、群众未答问题。账号用 <code>npm run editor:create</code> 创建。</p>
<h2>小程序接口</h2>
<p><a href="/api/v1/openapi.json">接口文档（OpenAPI 3.1）</a>，示例：</p>
<ul>
${examples}
</ul>
<h2>运维</h2>
<ul>
<li><a href="/healthz">健康检查</a> <code>/healthz</code></li>
<li><a href="/metrics">运行指标（Prometheus）</a> <code>/metrics</code></li>
</ul>
</body>
</html>`;
}
