/** What an operator sees at the root URL: where the parts of the system are. */
export function landingPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>镇江智慧人社</title>
<style>body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:720px;margin:40px auto;padding:0 16px;color:#1f2937}
h1{color:#b91c1c}a{color:#1d4ed8}li{margin:6px 0}code{background:#f3f4f6;padding:1px 4px;border-radius:4px}</style></head>
<body>
<h1>镇江智慧人社</h1>
<p>镇江市人力资源和社会保障局微信公众号与小程序服务端。</p>
<ul>
<li><a href="/api/v1/subsidies">就业创业补贴</a> · <a href="/api/v1/wage-standards/current?district=jingkou">现行最低工资标准(京口区)</a> · <a href="/api/v1/recruitments?status=open">正在报名的招聘考试</a></li>
<li><a href="/api/v1/search?q=%E5%88%9B%E4%B8%9A">搜索“创业”</a></li>
<li><a href="/api/v1/openapi.json">接口文档(OpenAPI 3.1)</a></li>
<li><a href="/healthz">健康检查</a> · <a href="/metrics">运行指标</a></li>
</ul>
</body>
</html>`;
}
