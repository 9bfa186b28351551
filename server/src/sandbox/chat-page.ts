import { createHash } from 'node:crypto';
import { ACCOUNT_NAME } from '../wechat/message-server/answers';

/**
 * The resident chat page at GET /sandbox: a WeChat conversation with the 服务号 in one self-contained
 * document (no build step, no external resources). Everything it shows goes through /sandbox/_chat/…,
 * which pushes to /wechat exactly as WeChat does. Text from the server is only ever inserted as text
 * nodes; the <a> tags WeChat renders in text messages are rebuilt as elements with checked attributes.
 */

const STYLE = String.raw`
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;background:#cfd3d6;color:#191919;-webkit-text-size-adjust:100%}
button,input,select{font:inherit;color:inherit}
button{cursor:pointer}
[hidden]{display:none!important}
.phone{display:flex;flex-direction:column;height:100vh;height:100dvh;max-width:480px;margin:0 auto;background:#ededed;position:relative;overflow:hidden}
@media (min-width:600px){body{padding:24px 0}.phone{height:calc(100vh - 48px);height:calc(100dvh - 48px);max-height:920px;border-radius:18px;box-shadow:0 10px 40px rgba(0,0,0,.22)}}
.top{flex:none;height:48px;display:flex;align-items:center;justify-content:center;position:relative;border-bottom:1px solid #dadada}
.title{margin:0;font-size:17px;font-weight:600;display:flex;align-items:center;gap:6px}
.badge{font-size:11px;font-weight:400;color:#07c160;border:1px solid #07c160;border-radius:3px;padding:0 4px;line-height:16px}
.top-action{position:absolute;right:10px;top:50%;transform:translateY(-50%);border:0;background:none;font-size:14px;color:#576b95;padding:6px 4px}
.residents{flex:none;background:#f7f7f7;border-bottom:1px solid #e0e0e0;font-size:14px}
.resident-row,.new-row{display:flex;align-items:center;gap:8px;padding:6px 10px}
.new-row{padding-top:0}
.residents label{color:#7f7f7f;flex:none}
.residents select,.new-row input{flex:1;min-width:0;height:32px;border:1px solid #d9d9d9;border-radius:6px;background:#fff;padding:0 8px;font-size:14px}
.small-btn{flex:none;height:32px;border:1px solid #d9d9d9;border-radius:6px;background:#fff;padding:0 12px;font-size:14px}
.small-btn.primary{background:#07c160;border-color:#07c160;color:#fff}
.chat{flex:1;min-height:0;overflow-y:auto;padding:8px 12px 16px;overscroll-behavior:contain}
.time{text-align:center;font-size:12px;color:#a3a3a3;margin:16px 0 6px}
.sys{text-align:center;margin:12px auto;max-width:88%;font-size:12px;line-height:1.5;color:#8c8c8c}
.sys>span{display:inline-block;background:rgba(0,0,0,.06);border-radius:4px;padding:3px 8px;overflow-wrap:anywhere}
.sys .detail{display:block;color:#b0b0b0;margin-top:2px}
.sys a{color:#576b95;text-decoration:none}
.msg{display:flex;align-items:flex-start;gap:10px;margin:14px 0}
.msg.out{flex-direction:row-reverse}
.avatar{flex:none;width:40px;height:40px;border-radius:6px;display:flex;align-items:center;justify-content:center;font-size:13px;font-weight:600;color:#fff;user-select:none}
.avatar.account{background:#1d63b8}
.avatar.me{background:#8a96a3}
.content{min-width:0;max-width:calc(100% - 96px);display:flex;flex-direction:column;align-items:flex-start;gap:4px}
.msg.out .content{align-items:flex-end}
.bubble{position:relative;padding:9px 12px;border-radius:6px;font-size:16px;line-height:1.5;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff}
.bubble::before{content:"";position:absolute;top:14px;width:10px;height:10px;background:inherit;transform:rotate(45deg)}
.msg.in .bubble::before{left:-4px}
.msg.out .bubble{background:#95ec69}
.msg.out .bubble::before{right:-4px}
.bubble a{color:#576b95;text-decoration:none}
.bubble a:hover{text-decoration:underline}
.msg.pending .bubble{opacity:.6}
.msg.failed .content::after{content:"发送失败";font-size:12px;color:#fa5151}
.caption{font-size:12px;color:#a3a3a3}
.place{background:#fff;border-radius:6px;width:220px;overflow:hidden}
.place strong{display:block;padding:9px 12px 2px;font-size:15px;font-weight:500}
.place small{display:block;padding:0 12px 8px;color:#a3a3a3;font-size:12px}
.place i{display:block;height:70px;background:linear-gradient(135deg,#dfe9d8 25%,#e9efe3 25%,#e9efe3 50%,#dfe9d8 50%,#dfe9d8 75%,#e9efe3 75%);background-size:28px 28px;position:relative}
.place i::after{content:"";position:absolute;left:50%;top:50%;width:14px;height:14px;margin:-14px 0 0 -7px;border-radius:50% 50% 50% 0;background:#fa5151;transform:rotate(-45deg)}
.card{background:#fff;border-radius:8px;width:280px;max-width:100%;overflow:hidden}
.card-title{padding:12px 14px 2px;font-size:16px;font-weight:600}
.card-sub{padding:0 14px 8px;font-size:12px;color:#a3a3a3;overflow-wrap:anywhere}
.card dl{margin:0;padding:2px 14px 12px;display:grid;grid-template-columns:auto 1fr;gap:4px 12px;font-size:14px;line-height:1.45}
.card dt{color:#a3a3a3}
.card dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
.card-foot{display:flex;justify-content:space-between;align-items:center;border-top:1px solid #efefef;padding:10px 14px;font-size:14px;color:#191919;text-decoration:none}
.card-foot::after{content:"";width:7px;height:7px;border:solid #b2b2b2;border-width:1.5px 1.5px 0 0;transform:rotate(45deg)}
.hint{text-align:center;color:#8c8c8c;font-size:14px;padding:40px 20px;line-height:1.6}
.hint .avatar{width:64px;height:64px;font-size:20px;border-radius:10px;margin:0 auto 12px}
.hint b{display:block;color:#191919;font-size:18px;margin-bottom:2px}
.bar{flex:none;position:relative;background:#f7f7f7;border-top:1px solid #d6d6d6;padding-bottom:env(safe-area-inset-bottom)}
.row{display:flex;align-items:center;min-height:52px}
.mode{flex:none;width:48px;height:52px;border:0;background:none;display:flex;align-items:center;justify-content:center;color:#191919}
.mode svg{width:26px;height:26px}
.menu-buttons{flex:1;display:flex;min-width:0;align-self:stretch;border-left:1px solid #dcdcdc}
.menu-top{flex:1;min-width:0;border:0;background:none;display:flex;align-items:center;justify-content:center;gap:4px;font-size:15px;padding:0 4px}
.menu-top+.menu-top{border-left:1px solid #dcdcdc}
.menu-top:active,.menu-top[aria-expanded=true]{background:#ececec}
.menu-top svg{flex:none;width:12px;height:12px;color:#7f7f7f}
.menu-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.submenu{position:absolute;bottom:calc(100% + 8px);background:#fff;border-radius:6px;box-shadow:0 2px 14px rgba(0,0,0,.16);z-index:5}
.submenu::after{content:"";position:absolute;bottom:-5px;left:var(--arrow,50%);width:10px;height:10px;margin-left:-5px;background:#fff;transform:rotate(45deg)}
.submenu button{display:block;width:100%;border:0;background:none;padding:12px 8px;font-size:15px;text-align:center;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;position:relative;z-index:1}
.submenu button+button{border-top:1px solid #efefef}
.submenu button:active{background:#f2f2f2}
.input-row{gap:8px;padding:8px 8px 8px 0}
.input-row .mode{height:40px}
.input-row input{flex:1;min-width:0;height:40px;border:0;border-radius:6px;background:#fff;padding:0 10px;font-size:16px}
.send{flex:none;height:36px;border:0;border-radius:6px;background:#07c160;color:#fff;padding:0 14px;font-size:15px}
.send:disabled{background:#b7e8cb;cursor:default}
.more{flex:none;width:34px;height:34px;border:1.5px solid #191919;border-radius:50%;background:none;display:flex;align-items:center;justify-content:center;padding:0}
.more svg{width:18px;height:18px}
.more-panel{border-top:1px solid #e5e5e5;padding:10px 12px 14px}
.more-panel h2{margin:0 0 8px;font-size:13px;font-weight:400;color:#7f7f7f}
.places{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}
.places button{height:34px;border:0;border-radius:6px;background:#fff;font-size:13px;white-space:nowrap}
.follow-row{padding:10px 12px}
.follow-btn{width:100%;height:44px;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:17px;font-weight:600}
.toast{position:absolute;top:92px;left:50%;transform:translateX(-50%);max-width:82%;background:rgba(30,30,30,.85);color:#fff;border-radius:8px;padding:8px 14px;font-size:14px;line-height:1.45;z-index:20;text-align:center}
`;

const SCRIPT = String.raw`
(function () {
  'use strict';
  var API = '/sandbox/_chat';
  var ACCOUNT = document.body.dataset.account;
  var PLACES = [
    ['京口区', 32.2041, 119.4700], ['润州区', 32.1955, 119.4116], ['丹徒区', 32.1314, 119.4339], ['镇江新区', 32.1986, 119.6955],
    ['丹阳市', 31.9918, 119.6062], ['扬中市', 32.2365, 119.7972], ['句容市', 31.9448, 119.1689]
  ];
  var $ = function (id) { return document.getElementById(id); };
  var els = {
    chat: $('chat'), resident: $('resident'), newToggle: $('new-toggle'), newRow: $('new-row'), newOpenid: $('new-openid'),
    unfollow: $('unfollow'), bar: $('bar'), followRow: $('follow-row'), follow: $('follow'), menuRow: $('menu-row'),
    menuButtons: $('menu-buttons'), toInput: $('to-input'), inputRow: $('input-row'), toMenu: $('to-menu'), text: $('text'),
    send: $('send'), more: $('more'), morePanel: $('more-panel'), places: $('places'), toast: $('toast')
  };
  var state = { openid: null, generation: 0, lastSeq: 0, lastAt: 0, following: false, residents: [], menu: null, mode: 'menu', sending: 0, openSub: null };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function api(path, body) {
    var init = { cache: 'no-store', headers: {} };
    if (body !== undefined) { init.method = 'POST'; init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) {
        if (!res.ok) throw new Error((data && data.error && data.error.message) || ('请求失败（HTTP ' + res.status + '）'));
        return data;
      });
    });
  }

  var toastTimer = 0;
  function toast(message) {
    els.toast.textContent = message;
    els.toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { els.toast.hidden = true; }, 3500);
  }

  /* WeChat shows text messages literally except for <a href> and mini-program <a> tags. */
  var LINK = /<a\s+([^<>]*)>([^<>]*)<\/a>/gi;
  var ATTR = /([A-Za-z][A-Za-z0-9-]*)\s*=\s*"([^"]*)"/g;
  function attrsOf(text) {
    var out = Object.create(null), m;
    ATTR.lastIndex = 0;
    while ((m = ATTR.exec(text)) !== null) out[m[1].toLowerCase()] = m[2];
    return out;
  }
  function webLink(href, title) {
    if (!/^https?:\/\//i.test(href)) return null;
    var a = el('a', null, title);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  function miniProgramLink(appid, path, title) {
    var a = el('a', 'mp-link', title);
    a.href = '#';
    a.title = '小程序 ' + appid + ' · ' + path;
    a.addEventListener('click', function (e) { e.preventDefault(); toast('沙箱中不打开小程序：' + path); });
    return a;
  }
  function appendRich(parent, text) {
    var last = 0, m;
    LINK.lastIndex = 0;
    while ((m = LINK.exec(text)) !== null) {
      var attrs = attrsOf(m[1]);
      var link = attrs.href ? webLink(attrs.href, m[2])
        : attrs['data-miniprogram-appid'] && attrs['data-miniprogram-path'] ? miniProgramLink(attrs['data-miniprogram-appid'], attrs['data-miniprogram-path'], m[2]) : null;
      if (!link) continue;
      parent.append(text.slice(last, m.index), link);
      last = m.index + m[0].length;
    }
    parent.append(text.slice(last));
  }

  var timeParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  function formatTime(t) {
    var p = {};
    timeParts.formatToParts(t).forEach(function (part) { p[part.type] = part.value; });
    return p.month + '月' + p.day + '日 ' + p.hour + ':' + p.minute;
  }
  function add(node) {
    var hint = els.chat.querySelector('.hint');
    if (hint) hint.remove();
    els.chat.append(node);
    return node;
  }
  function timeLine(at) {
    var t = Date.parse(at);
    if (!state.lastAt || t - state.lastAt >= 5 * 60 * 1000) add(el('div', 'time', formatTime(t)));
    state.lastAt = t;
  }
  function sysLine(parts, detail) {
    var line = el('div', 'sys'), span = el('span');
    span.append.apply(span, parts);
    if (detail) span.append(el('small', 'detail', detail));
    line.append(span);
    return add(line);
  }
  function message(direction, body, caption) {
    var row = el('div', 'msg ' + direction);
    var avatar = direction === 'in' ? el('div', 'avatar account', '人社') : el('div', 'avatar me', '我');
    avatar.setAttribute('aria-hidden', 'true');
    var content = el('div', 'content');
    content.append(body);
    if (caption) content.append(el('div', 'caption', caption));
    row.append(avatar, content);
    return add(row);
  }
  function bubble(text, rich) {
    var b = el('div', 'bubble');
    if (rich) appendRich(b, text); else b.textContent = text;
    return b;
  }
  function dataList(data) {
    var dl = el('dl');
    Object.keys(data || {}).forEach(function (key) { dl.append(el('dt', null, key), el('dd', null, data[key])); });
    return dl;
  }
  function card(title, sub, data, foot) {
    var c = el('div', 'card');
    c.append(el('div', 'card-title', title), el('div', 'card-sub', sub), dataList(data));
    if (foot) c.append(foot);
    return c;
  }

  var MEDIA = { image: '图片', voice: '语音', video: '视频', music: '音乐', news: '图文' };
  function renderResident(action) {
    switch (action.kind) {
      case 'text': {
        var pending = els.chat.querySelector('.msg.pending');
        if (pending && pending.dataset.text === action.content) pending.remove();
        return message('out', bubble(action.content, false));
      }
      case 'location': {
        var place = el('div', 'place');
        place.append(el('strong', null, action.label || '位置'), el('small', null, action.latitude.toFixed(4) + ', ' + action.longitude.toFixed(4)), el('i'));
        return message('out', place);
      }
      case 'click': return sysLine(['点击了菜单「' + (action.name || action.key) + '」']);
      case 'view': return sysLine(['打开网页「' + (action.name || '链接') + '」 ', webLink(action.url, action.url) || action.url]);
      case 'miniprogram': return sysLine(['打开小程序「' + (action.name || '') + '」 ' + action.pagepath + '（沙箱中不打开）']);
      case 'subscribe': return sysLine(['你已关注“' + ACCOUNT + '”']);
      case 'unsubscribe': return sysLine(['你已取消关注“' + ACCOUNT + '”']);
    }
  }
  function renderPush(m) {
    if (m.kind === 'custom') return message('in', bubble(m.content || '', true), '客服消息');
    var foot = null;
    if (m.kind === 'template' && m.url && /^https?:\/\//i.test(m.url)) { foot = webLink(m.url, '详情'); foot.className = 'card-foot'; }
    var pagepath = m.kind === 'template' ? (m.miniprogram && m.miniprogram.pagepath) : m.page;
    if (!foot && pagepath) {
      foot = el('a', 'card-foot', '进入小程序查看');
      foot.href = '#';
      foot.title = pagepath;
      foot.addEventListener('click', function (e) { e.preventDefault(); toast('沙箱中不打开小程序：' + pagepath); });
    }
    var title = m.kind === 'template' ? '模板消息' : '订阅消息';
    var sub = (m.kind === 'template' ? '' : '服务通知 · ') + m.templateId;
    return message('in', card(title, sub, m.data, foot));
  }
  function render(entry) {
    timeLine(entry.at);
    var node;
    if (entry.source === 'resident') node = renderResident(entry.action);
    else if (entry.source === 'account') {
      node = message('in', entry.msgType === 'text' ? bubble(entry.content, true) : bubble('[' + (MEDIA[entry.msgType] || entry.msgType) + '消息]', false));
      node.title = entry.encrypted ? '被动回复（安全模式，已验签解密）' : '被动回复';
    } else if (entry.source === 'platform') node = sysLine([entry.text], entry.detail);
    else if (entry.source === 'push') node = renderPush(entry.message);
    if (node) { node.dataset.seq = String(entry.seq); node.dataset.source = entry.source; }
  }
  function scrollDown() { els.chat.scrollTop = els.chat.scrollHeight; }

  function showHint() {
    if (els.chat.querySelector('.msg, .sys')) return;
    els.chat.replaceChildren();
    var hint = el('div', 'hint'), avatar = el('div', 'avatar account', '人社');
    hint.append(avatar, el('b', null, ACCOUNT));
    if (!state.openid) hint.append('点“新建”创建一位居民，再关注公众号。');
    else if (!state.following) hint.append('镇江市人力资源和社会保障局', el('br'), '关注后可以发消息、点菜单，收到推送。');
    else hint.append('发送“最低工资”“补贴”“招聘”试试，或点下方菜单。');
    els.chat.append(hint);
  }

  function shortId(openid) { return openid.length > 14 ? openid.slice(0, 7) + '…' + openid.slice(-5) : openid; }
  function residentLabel(r) { return shortId(r.openid) + (r.following ? ' · 已关注' : ' · 未关注'); }

  function setFollowing(following) {
    state.following = following;
    els.followRow.hidden = following || !state.openid;
    els.unfollow.hidden = !following;
    var r = state.residents.find(function (x) { return x.openid === state.openid; });
    if (r && r.following !== following) {
      r.following = following;
      var option = els.resident.querySelector('option[value="' + CSS.escape(r.openid) + '"]');
      if (option) option.textContent = residentLabel(r);
    }
    setMode(state.mode);
    showHint();
  }
  function setMode(mode) {
    if (!state.menu) mode = 'input';
    state.mode = mode;
    var usable = state.following && !!state.openid;
    els.menuRow.hidden = !usable || mode !== 'menu';
    els.inputRow.hidden = !usable || mode !== 'input';
    els.toInput.hidden = !state.menu;
    els.toMenu.hidden = !state.menu;
    if (!usable || mode !== 'input') els.morePanel.hidden = true;
    // Polling re-applies the mode every few seconds: an open submenu stays open while the menu shows.
    if (els.menuRow.hidden) closeSub();
  }

  var refreshQueued = false, refreshChain = Promise.resolve();
  function refresh() {
    if (refreshQueued) return refreshChain;
    refreshQueued = true;
    refreshChain = refreshChain.then(function () { refreshQueued = false; return pull(); });
    return refreshChain;
  }
  function pull() {
    var openid = state.openid, generation = state.generation;
    if (!openid) return Promise.resolve();
    return api('/timeline/' + encodeURIComponent(openid) + '?after=' + state.lastSeq).then(function (data) {
      if (generation !== state.generation) return;
      var added = false;
      data.entries.forEach(function (entry) {
        if (entry.seq <= state.lastSeq) return;
        render(entry);
        state.lastSeq = entry.seq;
        added = true;
      });
      setFollowing(data.following);
      if (added) scrollDown();
    }, function (err) { toast(err.message); });
  }

  var sendChain = Promise.resolve();
  function send(action) {
    var openid = state.openid;
    if (!openid) return;
    state.sending += 1;
    document.body.dataset.sending = 'true';
    var pending = null;
    if (action.kind === 'text') {
      pending = message('out', bubble(action.content, false));
      pending.classList.add('pending');
      pending.dataset.text = action.content;
      scrollDown();
    }
    sendChain = sendChain.then(function () {
      return api('/send', Object.assign({ openid: openid }, action)).catch(function (err) {
        if (pending) { pending.classList.remove('pending'); pending.classList.add('failed'); }
        toast(err.message);
      }).then(refresh);
    }).then(function () {
      state.sending -= 1;
      if (state.sending === 0) delete document.body.dataset.sending;
    });
  }

  function choose(openid) {
    state.openid = openid || null;
    state.generation += 1;
    state.lastSeq = 0;
    state.lastAt = 0;
    els.chat.replaceChildren();
    if (openid) { try { localStorage.setItem('zj-sandbox-openid', openid); } catch (e) { /* private mode */ } }
    var r = state.residents.find(function (x) { return x.openid === openid; });
    setFollowing(!!(r && r.following));
    return refresh();
  }
  function loadResidents(wanted) {
    return api('/residents').then(function (data) {
      state.residents = data.residents;
      els.resident.replaceChildren();
      if (data.residents.length === 0) {
        var empty = el('option', null, '还没有居民，请新建');
        empty.value = '';
        els.resident.append(empty);
      }
      data.residents.forEach(function (r) {
        var option = el('option', null, residentLabel(r));
        option.value = r.openid;
        option.title = r.openid;
        els.resident.append(option);
      });
      var stored = null;
      try { stored = localStorage.getItem('zj-sandbox-openid'); } catch (e) { /* private mode */ }
      var pick = [wanted, state.openid, stored].find(function (id) { return id && data.residents.some(function (r) { return r.openid === id; }); });
      if (!pick && data.residents.length) pick = data.residents[data.residents.length - 1].openid;
      els.resident.value = pick || '';
      els.resident.disabled = data.residents.length === 0;
      return pick !== state.openid ? choose(pick) : refresh();
    });
  }

  function closeSub() {
    var open = els.bar.querySelector('.submenu');
    if (open) open.remove();
    if (state.openSub) state.openSub.setAttribute('aria-expanded', 'false');
    state.openSub = null;
  }
  function act(button) {
    if (button.type === 'click') send({ kind: 'click', key: button.key, name: button.name });
    else if (button.type === 'view') send({ kind: 'view', url: button.url, name: button.name });
    else if (button.type === 'miniprogram') send({ kind: 'miniprogram', pagepath: button.pagepath, name: button.name });
  }
  function openSub(top, button) {
    var box = el('div', 'submenu');
    box.setAttribute('role', 'menu');
    box.setAttribute('aria-label', button.name);
    button.sub_button.forEach(function (sub) {
      var item = el('button', null, sub.name);
      item.type = 'button';
      item.setAttribute('role', 'menuitem');
      item.addEventListener('click', function (e) { e.stopPropagation(); closeSub(); act(sub); });
      box.append(item);
    });
    els.bar.append(box);
    var bar = els.bar.getBoundingClientRect(), r = top.getBoundingClientRect();
    var width = Math.max(r.width - 10, 116), center = r.left - bar.left + r.width / 2;
    var left = Math.min(Math.max(center - width / 2, 6), bar.width - width - 6);
    box.style.width = width + 'px';
    box.style.left = left + 'px';
    box.style.setProperty('--arrow', (center - left) + 'px');
    top.setAttribute('aria-expanded', 'true');
    state.openSub = top;
  }
  function buildMenu() {
    els.menuButtons.replaceChildren();
    if (!state.menu) return;
    var icon = $('icon-sub');
    state.menu.button.forEach(function (button) {
      var top = el('button', 'menu-top');
      top.type = 'button';
      if (button.sub_button) {
        top.append(icon.content.cloneNode(true));
        top.setAttribute('aria-haspopup', 'menu');
        top.setAttribute('aria-expanded', 'false');
      }
      top.append(el('span', 'menu-name', button.name));
      top.addEventListener('click', function (e) {
        e.stopPropagation();
        var wasOpen = state.openSub === top;
        closeSub();
        if (!button.sub_button) act(button);
        else if (!wasOpen) openSub(top, button);
      });
      els.menuButtons.append(top);
    });
  }

  PLACES.forEach(function (p) {
    var b = el('button', null, p[0]);
    b.type = 'button';
    b.addEventListener('click', function () {
      els.morePanel.hidden = true;
      send({ kind: 'location', latitude: p[1], longitude: p[2], label: '镇江市' + p[0] });
    });
    els.places.append(b);
  });

  document.addEventListener('click', function (e) { if (!e.target.closest || !e.target.closest('.submenu')) closeSub(); });
  els.resident.addEventListener('change', function () { choose(els.resident.value); });
  els.newToggle.addEventListener('click', function () {
    els.newRow.hidden = !els.newRow.hidden;
    if (!els.newRow.hidden) els.newOpenid.focus();
  });
  els.newRow.addEventListener('submit', function (e) {
    e.preventDefault();
    var openid = els.newOpenid.value.trim();
    api('/residents', openid ? { openid: openid } : {}).then(function (data) {
      els.newOpenid.value = '';
      els.newRow.hidden = true;
      return loadResidents(data.resident.openid);
    }).catch(function (err) { toast(err.message); });
  });
  els.follow.addEventListener('click', function () { send({ kind: 'subscribe' }); });
  els.unfollow.addEventListener('click', function () { send({ kind: 'unsubscribe' }); });
  els.toInput.addEventListener('click', function () { setMode('input'); els.text.focus(); });
  els.toMenu.addEventListener('click', function () { setMode('menu'); });
  els.more.addEventListener('click', function () { els.morePanel.hidden = !els.morePanel.hidden; scrollDown(); });
  els.text.addEventListener('input', function () { els.send.disabled = els.text.value.trim() === ''; });
  els.inputRow.addEventListener('submit', function (e) {
    e.preventDefault();
    var content = els.text.value.trim();
    if (!content) return;
    els.text.value = '';
    els.send.disabled = true;
    send({ kind: 'text', content: content });
  });

  api('/menu').then(function (data) { state.menu = data.menu; }, function (err) { toast(err.message); })
    .then(function () { buildMenu(); setMode('menu'); return loadResidents(); })
    .catch(function (err) { toast(err.message); })
    .then(function () { document.body.dataset.ready = 'true'; });
  setInterval(function () { if (!document.hidden && state.openid) refresh(); }, 2000);
})();
`;

const ICON_KEYBOARD =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true"><circle cx="12" cy="12" r="10.5"/><path d="M7 9.5h1M10 9.5h1M13 9.5h1M16 9.5h1M7 12.5h1M10 12.5h1M13 12.5h1M16 12.5h1M8.5 15.5h7" stroke-linecap="round"/></svg>';
const ICON_MENU =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true"><circle cx="12" cy="12" r="10.5"/><path d="M7.5 8.5h9M7.5 12h9M7.5 15.5h9" stroke-linecap="round"/></svg>';
const ICON_PLUS = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M12 5v14M5 12h14" stroke-linecap="round"/></svg>';
const ICON_SUB = '<svg viewBox="0 0 12 12" fill="none" stroke="currentColor" stroke-width="1.4" aria-hidden="true"><path d="M1 2.5h10M1 6h10M1 9.5h10" stroke-linecap="round"/></svg>';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<link rel="icon" href="data:,">
<title>${ACCOUNT_NAME} · 居民对话(沙箱)</title>
<style>${STYLE}</style>
</head>
<body data-account="${ACCOUNT_NAME}">
<div class="phone">
  <header class="top">
    <h1 class="title">${ACCOUNT_NAME}<span class="badge">沙箱</span></h1>
    <button type="button" id="unfollow" class="top-action" hidden>取消关注</button>
  </header>
  <div class="residents">
    <div class="resident-row">
      <label for="resident">居民</label>
      <select id="resident"></select>
      <button type="button" id="new-toggle" class="small-btn">新建</button>
    </div>
    <form id="new-row" class="new-row" hidden>
      <input id="new-openid" aria-label="新居民的 openid" placeholder="openid，留空则随机生成" autocomplete="off" spellcheck="false">
      <button type="submit" class="small-btn primary">创建</button>
    </form>
  </div>
  <main id="chat" class="chat" aria-live="polite"></main>
  <footer id="bar" class="bar">
    <div id="follow-row" class="follow-row" hidden><button type="button" id="follow" class="follow-btn">关注公众号</button></div>
    <div id="menu-row" class="row" hidden>
      <button type="button" id="to-input" class="mode" aria-label="切换到键盘输入">${ICON_KEYBOARD}</button>
      <nav id="menu-buttons" class="menu-buttons" aria-label="公众号菜单"></nav>
    </div>
    <form id="input-row" class="row input-row" hidden>
      <button type="button" id="to-menu" class="mode" aria-label="切换到菜单">${ICON_MENU}</button>
      <input id="text" aria-label="输入消息" enterkeyhint="send" autocomplete="off" maxlength="2000">
      <button type="submit" id="send" class="send" disabled>发送</button>
      <button type="button" id="more" class="more" aria-label="更多">${ICON_PLUS}</button>
    </form>
    <div id="more-panel" class="more-panel" hidden>
      <h2>发送位置</h2>
      <div id="places" class="places"></div>
    </div>
  </footer>
  <div id="toast" class="toast" role="alert" hidden></div>
</div>
<template id="icon-sub">${ICON_SUB}</template>
<script>${SCRIPT}</script>
</body>
</html>`;

/** Inline style and script only, pinned by hash; fetches to this origin only; never framed. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function chatPage(): { html: string; contentSecurityPolicy: string } {
  return { html: HTML, contentSecurityPolicy: CONTENT_SECURITY_POLICY };
}
