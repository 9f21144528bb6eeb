// The farewell offline viewer. It reads the index (viewer/data/index.js)
// and the records, which arrive as script files calling FW_CHUNK, and
// draws every page from them. All text goes into the page through
// textContent; the only attributes set from data are links checked to be
// http(s) and media paths checked to be bundle members under media/ or
// screens/. No network is used: every file is in the bundle.
(function () {
  'use strict';

  var IX = window.FW_INDEX;
  var main = document.getElementById('main');
  var nav = document.getElementById('nav');
  var zh = (navigator.language || 'zh').toLowerCase().indexOf('zh') === 0;
  document.documentElement.lang = zh ? 'zh' : 'en';

  // ---------------------------------------------------------------------
  // Words, in Chinese and English.
  var W = {
    overview: ['概览', 'Overview'], posts: ['微博', 'Posts'], works: ['作品', 'Works'], likesDouyin: ['喜欢', 'Likes'],
    likes: ['赞', 'Likes'], favorites: ['收藏', 'Favourites'], following: ['关注', 'Following'],
    followers: ['粉丝', 'Followers'], apps: ['授权应用', 'Authorised apps'], messages: ['私信', 'Messages'],
    articles: ['头条文章', 'Articles'], file: ['文件', 'File'], untitled: ['（无标题）', '(untitled)'],
    media: ['媒体', 'Media'], comments: ['评论', 'Comments'], profile: ['个人资料', 'Profile'], wallet: ['钱包', 'Wallet'],
    account: ['账号', 'Account'], captured: ['已备份', 'Captured'], expected: ['网站显示', 'The site says'],
    collection: ['内容', 'Collection'], state: ['状态', 'State'], complete: ['完整', 'complete'],
    incomplete: ['不完整', 'incomplete'], serverLimit: ['网站限制', 'site limit'], gaps: ['缺口', 'Gaps'],
    readiness: ['删除前检查', 'Before you delete'], warnings: ['提示', 'Warnings'],
    verifyHint: ['这是打包时记录的状态；完整性（每个字节）请用 farewell verify 检查。', 'As recorded when the bundle was packed; farewell verify re-checks every byte.'],
    verdict_safe: ['可以删除：备份完好，每一项都与网站显示的数量一致（网站自身的限制除外）。', 'Safe to delete: the backup is whole and every collection matches the site\'s own counts (apart from the site\'s own limits).'],
    verdict_not_safe: ['暂时不要删除：备份不完整，请看下面标红的内容。', 'Not safe to delete yet: see what is marked below.'],
    verdict_corrupt: ['备份文件已损坏：请不要删除账号，重新备份。', 'The backup file is damaged: do not delete the account; back up again.'],
    checkedFull: ['刚刚检查过：每个字节都已重新校验。', 'Checked just now: every byte re-hashed.'],
    checkedQuick: ['刚刚做了快速检查（结构、文件名和大小）。', 'Quick check just now (structure, names and sizes).'],
    checking: ['正在校验每个字节…', 'Re-hashing every byte…'],
    window: ['备份时间', 'Backed up'], search: ['搜索', 'Search'], allYears: ['全部年份', 'All years'],
    allMonths: ['全部月份', 'All months'], allTypes: ['全部类型', 'All types'], text: ['文字', 'Text'],
    image: ['图片', 'Pictures'], video: ['视频', 'Video'], livephoto: ['实况照片', 'Live photos'], repost: ['转发', 'Reposts'],
    shown: ['条', 'shown'], of: ['共', 'of'], loading: ['加载中…', 'Loading…'], pinned: ['置顶', 'Pinned'],
    deleted: ['原内容已删除', 'The original was deleted'], notFound: ['找不到这一条', 'Not found'],
    name: ['名字', 'Name'], handle: ['账号', 'Handle'], description: ['简介', 'Description'],
    folder: ['收藏夹', 'Folder'], allFolders: ['全部收藏夹', 'All folders'], series: ['合集', 'Series'], music: ['音乐', 'Music'],
    authorised: ['授权时间', 'Authorised'], scopes: ['权限', 'Scopes'], conversation: ['会话', 'Conversation'],
    notOnScreen: ['不在截图中的消息', 'Messages on no screenshot'], me: ['我', 'Me'], screens: ['截图', 'Screenshots'],
    security: ['账号安全', 'Account security'], bindings: ['第三方绑定', 'Linked apps'],
    mcn: ['MCN 机构', 'MCN agency'], cooling: ['注销冷静期', 'Cooling-off period'],
    coins: ['抖币', 'Coins'], money: ['余额', 'Money'], yes: ['是', 'yes'], no: ['否', 'no'], none: ['无', 'none'],
    replies: ['回复', 'Replies'], orphan: ['原评论不在备份中', 'Reply to a comment not in the backup'],
    views: ['浏览', 'views'], repostsN: ['转发', 'reposts'], commentsN: ['评论', 'comments'], likesN: ['赞', 'likes'],
    sharesN: ['分享', 'shares'], collectsN: ['收藏', 'saves'], more: ['更多', 'More'], empty: ['没有内容', 'Nothing here'],
    diagnostics: ['诊断信息', 'Diagnostics'], screenshot: ['截图', 'screenshot'], pageOutline: ['页面结构', 'page outline'],
    requestLog: ['请求记录', 'requests'], pageInfo: ['页面与错误', 'page and error'],
    my_comments: ['我发出的评论', 'What I wrote elsewhere'], received_comments: ['收到的评论', 'Comments received'],
    mentions: ['@我的', 'Mentions'], groups: ['分组', 'Groups'], special: ['特别关注', 'Special follow'], edited: ['已编辑', 'Edited'], earlierVersions: ['个早先版本', 'earlier version(s)'], onPost: ['评论的微博', 'On the post'], notKept: ['原微博未备份', 'the post is not in the backup']
  };
  // Douyin's watch history, watch later, notifications, own series and
  // sounds (issue 17).
  [['history', '观看历史', 'Watch history'], ['watch_later', '稍后再看', 'Watch later'], ['notifications', '通知', 'Notifications'],
    ['sounds', '音乐', 'Sounds'], ['newestFirst', '最近看过的在前', 'Most recently watched first'], ['worksN', '个作品', 'works'],
    ['kind_comment', '评论了你', 'commented'], ['kind_like', '赞了你的作品', 'liked your work'], ['kind_follow', '关注了你', 'followed you'],
    ['kind_mention', '@了你', 'mentioned you'], ['kind_danmaku', '发了弹幕', 'sent a danmaku'], ['kind_other', '通知', 'notice'],
    ['onWork', '作品', 'Work']].forEach(function (w) { W[w[0]] = [w[1], w[2]]; });
  // The lightbox, the album, reading order and time zones (issue 18).
  [['allMedia', '全部', 'All'], ['audio', '音频', 'Audio'], ['undated', '没有日期', 'No date'], ['newestFirst2', '最新在前', 'Newest first'],
    ['oldestFirst', '最早在前', 'Oldest first'], ['toPost', '查看原帖', 'Go to the post'], ['toConversation', '查看会话', 'Go to the conversation'],
    ['toPage', '查看所在页', 'Go to its page'], ['original', '原文件', 'Original file'], ['previous', '上一个', 'Previous'], ['next', '下一个', 'Next'],
    ['close', '关闭', 'Close'], ['fullSize', '点击图片查看原尺寸', 'Click the picture for its full size'],
    ['siteTime', '时间均为网站所在时区（北京时间，UTC+8）', 'Times are the site\'s own (Beijing time, UTC+8)'], ['gif', 'GIF', 'GIF'],
    ['cover', '封面', 'Cover'], ['playVideo', '播放视频', 'Play the video']].forEach(function (w) { W[w[0]] = [w[1], w[2]]; });
  function t(k) { var w = W[k]; return w ? w[zh ? 0 : 1] : k; }
  // said puts an item the manifest names by code (a checklist item, a
  // site's limit) into the reader's language with i18n.js; a bundle
  // without codes, or a code this viewer does not know, shows the
  // manifest's English text. The result is text, never markup.
  function said(code, params, fallback) {
    fallback = typeof fallback === 'string' ? fallback : '';
    if (!window.farewellI18n || typeof code !== 'string' || !code) return fallback;
    return farewellI18n.text(code, params && typeof params === 'object' ? params : null, fallback, zh ? 'zh' : 'en');
  }

  // ---------------------------------------------------------------------
  // Safe DOM building.
  var ATTRS = {'class': 1, id: 1, title: 1, alt: 1, type: 1, value: 1, placeholder: 1, colspan: 1, 'aria-label': 1,
    controls: 1, preload: 1, loading: 1, rel: 1, target: 1, selected: 1, 'data-id': 1, 'data-e2e': 1, 'data-sort': 1, 'data-count': 1, 'data-state': 1, 'data-kind': 1, dir: 1,
    tabindex: 1, role: 1, 'aria-modal': 1, 'aria-hidden': 1, 'aria-current': 1, download: 1, muted: 1, playsinline: 1, 'data-month': 1, 'data-order': 1};
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === 'href') { e.setAttribute('href', v); continue; } // callers pass hrefs from safeHref or route()
      if (k === 'src' || k === 'poster') { e.setAttribute(k, v); continue; } // callers pass these from memberPath
      if (k === 'on') { for (var ev in v) e.addEventListener(ev, v[ev]); continue; }
      if (!ATTRS[k]) throw new Error('attribute ' + k);
      e.setAttribute(k, v === true ? '' : String(v));
    }
    add(e, kids);
    return e;
  }
  function add(e, kids) {
    if (kids === null || kids === undefined) return;
    if (!Array.isArray(kids)) kids = [kids];
    kids.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      if (Array.isArray(c)) { add(e, c); return; }
      e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    });
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  // safeHref is a link a person may follow: http(s) only.
  function safeHref(u) { return typeof u === 'string' && /^https?:\/\/[^\s]+$/i.test(u) ? u : null; }
  // memberPath is a bundle member the page may load: a media file or a
  // screenshot, by its bundle path, never anything with .. or a scheme.
  function memberPath(p) {
    return typeof p === 'string' && /^(media|screens|diagnostics)\/[A-Za-z0-9_\-\/.]+$/.test(p) && p.indexOf('..') < 0 && p.indexOf('//') < 0 ? p : null;
  }
  // diagnosticsLinks links what a failed or short step left in the
  // bundle: the page's screenshot, its outline, its request log, and the
  // page's address with the error.
  function diagnosticsLinks(dir) {
    var links = [['screenshot.png', 'screenshot'], ['dom.txt', 'pageOutline'], ['requests.json', 'requestLog'], ['page.json', 'pageInfo']];
    var kids = [t('diagnostics') + ': '];
    links.forEach(function (l, i) {
      var p = memberPath(dir + l[0]);
      if (!p) return;
      if (i > 0) kids.push(' · ');
      kids.push(el('a', {href: p, target: '_blank', rel: 'noopener'}, t(l[1])));
    });
    return el('div', {'class': 'diag', 'data-e2e': 'diagnostics'}, kids);
  }
  // route is an in-viewer link.
  function route(parts) { return '#/' + parts.map(encodeURIComponent).join('/'); }
  // linkified text: http(s) links become links, the site's emoticons
  // ([doge]) their pictures from the bundle, everything else text.
  function rich(text) {
    var out = [], re = /https?:\/\/[^\s<>"'，。、！？）)\]]+/gi, last = 0, m;
    text = String(text || '');
    while ((m = re.exec(text))) {
      if (m.index > last) emoticons(out, text.slice(last, m.index));
      out.push(el('a', {href: m[0], rel: 'noopener noreferrer', target: '_blank'}, m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) emoticons(out, text.slice(last));
    return out;
  }
  // EMO maps an emoticon's phrase to its picture in the bundle (the
  // emoticons records, when the site has them).
  var EMO = new Map();
  function emoticons(out, text) {
    var re = /\[[^\[\]\s]{1,16}\]/g, last = 0, m;
    while ((m = re.exec(text))) {
      var f = EMO.get(m[0]);
      if (!f) continue;
      if (m.index > last) out.push(text.slice(last, m.index));
      out.push(el('img', {'class': 'emoticon', src: f, alt: m[0], title: m[0]}));
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push(text.slice(last));
  }
  function num(n) { return n === undefined || n === null ? '–' : Number(n).toLocaleString(zh ? 'zh-CN' : 'en'); }
  // when shows an RFC 3339 time as the site's own wall time, to the minute.
  function when(s) { return s ? String(s).replace('T', ' ').replace(/:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/, '') : ''; }
  // zoneOf names the zone of an RFC 3339 time's offset: "UTC+8".
  function zoneOf(s) {
    s = String(s || '');
    if (/Z$/.test(s)) return 'UTC';
    var m = /([+-])(\d\d):(\d\d)$/.exec(s);
    if (!m) return '';
    var h = Number(m[2]);
    return h === 0 && m[3] === '00' ? 'UTC' : 'UTC' + m[1] + h + (m[3] !== '00' ? ':' + m[3] : '');
  }
  // whenZ is when with the zone named: "2024-05-01 21:03 (UTC+8)". The
  // records keep the site's wall time and its offset, so a time reads as
  // on the site and on its screenshots, wherever the reader is.
  function whenZ(s) { var w = when(s), z = zoneOf(s); return w && z && w !== String(s) ? w + ' (' + z + ')' : w; }
  // inSite shows a moment as the sites' wall time (Beijing time, UTC+8,
  // both sites'), such as the capture window, which is kept in UTC.
  function inSite(s) {
    var ms = Date.parse(s);
    return isFinite(ms) ? new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ') : when(s);
  }
  // span shows two moments in the sites' zone, the day once if they share
  // it: "2026-11-20 18:00 – 19:00 (UTC+8)".
  function span(a, b) {
    var x = inSite(a), y = inSite(b);
    if (x.slice(0, 10) === y.slice(0, 10)) y = y.slice(11);
    return x + ' – ' + y + ' (UTC+8)';
  }

  // ---------------------------------------------------------------------
  // Records are hostile in their types too: a name that is an object, a
  // count that is a string, a media list that is not a list. clean
  // coerces each field the pages read to the type they expect, and drops
  // what cannot be shown, once, as a chunk arrives: a page then shows
  // what can be shown instead of stopping at "Loading…".
  var TEXT = /^(id|text|html|name|handle|description|url|created_at|authorised_at|title|region|source|visibility|conversation_id|conversation_name|post_id|parent_id|folder|file|sha256|type|kind|record|platform|avatar|ip_location|location|gender|birthday|via|phrase|heading|cover|signature|raw)$/;
  var NUMBER = /^(width|height|bytes|duration|episodes|likes|reposts|comments|shares|collects|followers|following|posts|coins|money_cents|unavailable)$/;
  var FLAG = /^(from_me|deleted|pinned|special_follow|complete)$/;
  var OBJECTS = /^(media|edits|links|blocks|works|shots|screens_index)$/; // lists of objects
  var TEXTS = /^(topics|scopes|groups|tags|ids|screens)$/;              // lists of texts
  var OBJECT = /^(repost_of|post|peer|sender|from|counts|music|series|share|quoted|user)$/;
  function cleanValue(k, v, depth) {
    if (v === null || v === undefined || depth > 8) return undefined;
    if (TEXT.test(k)) return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    if (NUMBER.test(k)) {
      var n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
      return isFinite(n) ? n : undefined;
    }
    if (FLAG.test(k)) return v === true;
    if (k === 'media' && typeof v === 'number') return Number.isInteger(v) ? v : undefined; // an article block's picture
    if (OBJECTS.test(k)) {
      if (!Array.isArray(v)) return undefined;
      return v.map(function (x) { return clean(x, depth + 1); }).filter(Boolean);
    }
    if (TEXTS.test(k)) {
      if (!Array.isArray(v)) return undefined;
      return v.filter(function (x) { return typeof x === 'string' || typeof x === 'number'; }).map(String);
    }
    if (k === 'author' && (typeof v === 'string' || typeof v === 'number')) return String(v); // a sound's author
    if (OBJECT.test(k) && (typeof v !== 'object' || Array.isArray(v))) return undefined;
    if (typeof v === 'object') return Array.isArray(v) ? undefined : clean(v, depth + 1);
    return v;
  }
  function clean(r, depth) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return null;
    var out = {};
    Object.keys(r).forEach(function (k) {
      var v = cleanValue(k, r[k], depth || 0);
      if (v !== undefined && v !== null) out[k] = v;
    });
    return out;
  }

  // ---------------------------------------------------------------------
  // Records: loaded chunk by chunk through script elements.
  var data = {};   // collection -> {parts (chunks as they arrive), recs, done, promise, listeners}
  window.FW_CHUNK = function (coll, i, recs) {
    var d = data[coll];
    if (!d) return;
    d.parts[i] = (Array.isArray(recs) ? recs : []).map(function (r) { return clean(r); }).filter(Boolean);
  };
  function script(file) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = file;
      s.onload = function () { s.remove(); resolve(); };
      s.onerror = function () { s.remove(); reject(new Error(file)); };
      document.head.appendChild(s);
    });
  }
  // load fetches a collection's chunks in order; progress(recs) is called
  // after each chunk with everything so far, so a page can draw its first
  // screen from the first chunk.
  function load(coll, progress) {
    var d = data[coll];
    if (!d) {
      d = data[coll] = {parts: [], recs: [], done: false, listeners: []};
      var chunks = (IX.chunks && IX.chunks[coll]) || [];
      d.promise = chunks.reduce(function (p, c, i) {
        return p.then(function () { return script(c.file); }).then(function () {
          d.recs = d.recs.concat(d.parts[i] || []);
          d.parts[i] = null;
          d.listeners.slice().forEach(function (f) { f(d.recs, i === chunks.length - 1); });
        });
      }, Promise.resolve()).then(function () { d.done = true; return d.recs; });
    }
    if (progress) {
      if (d.done) progress(d.recs, true);
      else {
        if (d.recs.length) progress(d.recs, false);
        d.listeners.push(progress);
      }
    }
    return d.promise;
  }
  function unlisten(coll, f) {
    var d = data[coll];
    if (d) d.listeners = d.listeners.filter(function (g) { return g !== f; });
  }
  function count(coll) {
    return ((IX.chunks && IX.chunks[coll]) || []).reduce(function (n, c) { return n + c.count; }, 0);
  }

  // ---------------------------------------------------------------------
  // Navigation.
  var postsName = IX.platform === 'douyin' ? 'works' : 'posts';
  var likesName = IX.platform === 'douyin' ? 'likesDouyin' : 'likes';
  var pages = [
    ['', 'overview'], ['posts', postsName], ['likes', likesName], ['favorites', 'favorites'],
    ['following', 'following'], ['followers', 'followers'], ['my_comments', 'my_comments'], ['received_comments', 'received_comments'],
    ['mentions', 'mentions'], ['articles', 'articles'], ['apps', 'apps'], ['messages', 'messages'], ['media', 'media']
  ];
  pages.splice(4, 0, ['history', 'history'], ['watch_later', 'watch_later'], ['notifications', 'notifications'], ['series', 'series'], ['sounds', 'sounds']);
  function drawNav(current) {
    clear(nav);
    pages.forEach(function (p) {
      if (p[0] && p[0] !== 'media' && !hasCollection(p[0])) return;
      nav.appendChild(el('a', {href: '#/' + p[0], 'class': current === p[0] ? 'on' : null, 'data-e2e': 'nav-' + (p[0] || 'overview')}, t(p[1])));
    });
    // On a phone the pages are one line that scrolls: show the current.
    var on = nav.querySelector('.on');
    if (on && nav.scrollWidth > nav.clientWidth) nav.scrollLeft = Math.max(0, on.offsetLeft - nav.offsetLeft - nav.clientWidth / 3);
  }
  function hasCollection(name) {
    return (IX.collections || []).some(function (c) { return c.name === name; }) || count(name) > 0;
  }
  var stop = null; // the current page's cleanup
  function render() {
    closeLightbox();
    if (stop) { stop(); stop = null; }
    var parts = location.hash.replace(/^#\/?/, '').split('/').map(function (s) {
      try { return decodeURIComponent(s); } catch (e) { return ''; }
    });
    var page = parts[0] || '';
    drawNav(page === 'post' ? 'posts' : page);
    clear(main);
    window.scrollTo(0, 0);
    var view = {
      '': overview, posts: timeline, post: postPage, likes: likes, favorites: favorites, following: users,
      followers: users, apps: apps, messages: messages, media: gallery,
      my_comments: box, received_comments: box, mentions: box, articles: articles,
      history: watched, watch_later: watchLater, notifications: notifications, series: series, sounds: sounds
    }[page] || overview;
    document.title = 'farewell · ' + (IX.account.name || IX.account.id);
    stop = view(parts.slice(1), page) || null;
  }
  window.addEventListener('hashchange', render);

  // ---------------------------------------------------------------------
  // Overview: account, capture window, collections, readiness.
  function overview() {
    main.appendChild(el('h1', {}, [IX.account.name || IX.account.id, ' ', el('small', {}, IX.platform + ' · ' + IX.account.id)]));
    if (IX.capture) main.appendChild(el('p', {'data-e2e': 'capture'}, [t('window') + ': ', span(IX.capture.started_at, IX.capture.finished_at)]));
    // A live report from browse (window.FW_VERIFY) wins over what was
    // recorded when the bundle was packed.
    var V = window.FW_VERIFY || null;
    var cols = V ? V.collections || [] : IX.collections || [];
    var ready = V ? V.readiness || [] : IX.readiness || [];
    var verdict = V ? V.verdict : (cols.every(function (c) { return c.complete; }) && ready.every(function (r) { return r.ok || !r.blocking; }) ? 'safe' : 'not_safe');
    main.appendChild(el('p', {'class': verdict === 'safe' ? 'verdict good' : 'verdict bad', 'data-e2e': 'verdict', 'data-state': verdict}, t('verdict_' + verdict)));
    if (V) {
      main.appendChild(el('p', {'class': 'hint', 'data-e2e': 'checked'}, V.level === 'full' ? t('checkedFull') : t('checkedQuick') + (V.running ? ' ' + t('checking') : '')));
      if ((V.reasons || []).length) main.appendChild(el('ul', {'class': 'checks', 'data-e2e': 'reasons'}, V.reasons.map(function (r) { return el('li', {'class': 'bad'}, r); })));
      clearTimeout(pollTimer);
      if (V.running) pollTimer = setTimeout(refreshVerify, 1000);
    } else {
      main.appendChild(el('p', {'class': 'hint'}, t('verifyHint')));
    }
    var rows = cols.map(function (c) {
      var notes = [];
      if (c.server_limit) notes.push(el('div', {'class': 'limit'}, t('serverLimit') + ': ' + said(c.server_limit.code, c.server_limit.params, c.server_limit.reason) + ' (' + num(c.server_limit.unavailable) + ')'));
      (c.gaps || []).forEach(function (g) { notes.push(el('div', {'class': 'gap'}, [g.kind, g.ref ? ' ' + g.ref : '', ': ', g.detail || ''])); });
      if (!c.complete && c.reason) notes.push(el('div', {'class': 'gap'}, c.reason));
      if (c.diagnostics) notes.push(diagnosticsLinks(c.diagnostics));
      var link = hasCollection(c.name) && c.name !== 'profile' && c.name !== 'wallet' && c.name !== 'comments' ? el('a', {href: '#/' + c.name}, t(c.name)) : t(c.name);
      return el('tr', {'class': c.complete ? '' : 'bad', 'data-e2e': 'collection-row'}, [
        el('td', {}, link), el('td', {'class': 'n'}, num(c.expected)), el('td', {'class': 'n'}, num(c.captured)),
        el('td', {}, [c.complete ? '✓ ' + t('complete') : '✗ ' + t('incomplete'), notes])
      ]);
    });
    main.appendChild(el('div', {'class': 'scroll'}, el('table', {'class': 'grid'}, [
      el('thead', {}, el('tr', {}, [el('th', {}, t('collection')), el('th', {}, t('expected')), el('th', {}, t('captured')), el('th', {}, t('state'))])),
      el('tbody', {}, rows)
    ])));
    if (ready.length) {
      main.appendChild(el('h2', {}, t('readiness')));
      main.appendChild(el('ul', {'class': 'checks'}, ready.map(function (r) {
        // ✓ done, ✗ blocks deletion (money), ! to settle, i a rule to know.
        var kind = r.info ? 'info' : r.ok ? 'good' : r.blocking ? 'bad' : 'warn';
        var mark = {info: 'ℹ ', good: '✓ ', bad: '✗ ', warn: '! '}[kind];
        var name = window.farewellI18n ? farewellI18n.check(String(r.check || ''), zh ? 'zh' : 'en') : t(r.check);
        return el('li', {'class': kind, 'data-e2e': 'readiness', 'data-state': kind}, [mark, name + ': ', said(r.code, r.params, r.detail)]);
      })));
    }
    if ((IX.warnings || []).length) {
      main.appendChild(el('h2', {}, t('warnings')));
      main.appendChild(el('ul', {}, IX.warnings.map(function (w) { return el('li', {}, w); })));
    }
    var prof = el('section', {'class': 'profile'});
    main.appendChild(prof);
    load('profile').then(function (recs) {
      recs.forEach(function (u) { prof.appendChild(userCard(u)); });
      shots(prof, 'profile');
    });
    if (hasCollection('wallet')) {
      var wal = el('section', {'class': 'wallet'}, el('h2', {}, t('wallet')));
      main.appendChild(wal);
      load('wallet').then(function (recs) {
        recs.forEach(function (w) {
          wal.appendChild(el('p', {'data-e2e': 'wallet'}, [t('coins') + ': ' + num(w.coins) + ' · ' + t('money') + ': ',
            w.money_cents === undefined ? '–' : '¥' + (w.money_cents / 100).toFixed(2)]));
        });
        shots(wal, 'wallet');
      });
    }
    if ((IX.screens || {}).apps) shots(main, 'apps');
  }
  // refreshVerify asks browse again for its report while a full check
  // runs, and redraws the overview when it is the page shown.
  var pollTimer = null;
  function refreshVerify() {
    var sc = document.createElement('script');
    sc.src = 'viewer/data/verify.js?t=' + Date.now();
    sc.addEventListener('load', function () {
      sc.remove();
      if (!location.hash.replace(/^#\/?/, '')) render();
    });
    document.head.appendChild(sc);
  }
  // shots draws a collection's screenshots (the profile, the wallet, the
  // apps), each opening full size.
  function shots(host, coll) {
    var files = ((IX.screens || {})[coll] || []).map(memberPath).filter(Boolean);
    if (files.length) host.appendChild(el('div', {'class': 'lbgroup shots'}, files.map(function (f) { return shotImg(f, t(coll)); })));
  }
  function userCard(u) {
    var c = u.counts || {};
    return el('div', {'class': 'user'}, [
      el('h2', {}, [u.name || u.id, u.handle ? el('small', {}, ' @' + u.handle) : null]),
      u.description ? el('p', {}, rich(u.description)) : null,
      el('p', {'class': 'meta'}, [t('posts') + ' ' + num(c.posts) + ' · ' + t('following') + ' ' + num(c.following) + ' · ' + t('followers') + ' ' + num(c.followers),
        u.ip_location || u.location ? ' · ' + (u.ip_location || u.location) : '', u.created_at ? ' · ' + when(u.created_at) : ''])
    ]);
  }

  // ---------------------------------------------------------------------
  // Posts and works.
  function kindOf(p) {
    var kinds = {};
    if (p.repost_of) kinds.repost = 1;
    (p.media || []).forEach(function (m) {
      if (m.type === 'video') kinds.video = 1;
      else if (m.type === 'livephoto') kinds.livephoto = 1;
      else if (m.type === 'image' || m.type === 'gif') kinds.image = 1;
    });
    if (!Object.keys(kinds).length) kinds.text = 1;
    return kinds;
  }
  // ---------------------------------------------------------------------
  // Media: pictures and videos as tiles of even grids that open in the
  // lightbox, sounds and files as rows of their own below them.

  // arrange splits a record's media list: the pictures and videos to
  // tile, each video with its cover as poster (the covers of a list go
  // to its videos in order; a cover with no video left is a picture),
  // and the sounds and files.
  function arrange(list) {
    list = (Array.isArray(list) ? list : []).filter(function (m) { return m && typeof m === 'object'; });
    var videos = list.filter(function (m) { return m.type === 'video'; });
    var poster = new Map(), used = new Set();
    list.forEach(function (m) {
      if (m.type === 'cover' && poster.size < videos.length) { poster.set(videos[poster.size], m); used.add(m); }
    });
    var visual = [], rows = [];
    list.forEach(function (m) {
      if (used.has(m)) return;
      if (m.type === 'audio' || m.type === 'file') rows.push(m);
      else visual.push({m: m, poster: poster.get(m) || null});
    });
    return {visual: visual, rows: rows};
  }
  // isPicture: what the album's pictures hold (a live photo by its still).
  function isPicture(type) { return /^(image|gif|livephoto|cover)$/.test(type); }
  // LB maps a tile to what the lightbox shows for it.
  var LB = new WeakMap();
  function itemOf(m, cover, route) {
    return {type: String(m.type || 'image'), src: memberPath(m.file), poster: cover ? memberPath(cover.file) : null,
      motion: m.motion ? memberPath(m.motion.file) : null, url: safeHref(m.url), route: route || null,
      w: m.width, h: m.height};
  }
  // tile draws one picture or video, opening the lightbox on a click or
  // Enter; a file the backup lacks is a dashed box linking the original.
  function tile(it) {
    if (!it.src) {
      return el('div', {'class': 'tile missing', 'data-e2e': 'missing'}, [t(it.type) + ' ',
        it.url ? el('a', {href: it.url, rel: 'noopener noreferrer', target: '_blank'}, '↗') : null]);
    }
    var face;
    if (it.type === 'video') {
      face = it.poster ? el('img', {src: it.poster, alt: t('video'), loading: 'lazy', 'data-e2e': 'poster'})
        : el('video', {src: it.src, preload: 'metadata', muted: true, playsinline: true, 'aria-label': t('video')});
    } else {
      face = el('img', {src: it.src, alt: t(it.type === 'gif' ? 'gif' : 'image'), loading: 'lazy'});
    }
    var mark = {video: '▶', gif: 'GIF', livephoto: 'LIVE'}[it.type];
    var e = el('div', {'class': 'tile lbitem', role: 'button', tabindex: '0', 'data-e2e': 'tile', 'data-kind': it.type,
      'aria-label': t(it.type === 'video' ? 'playVideo' : 'image')}, [face, mark ? el('span', {'class': it.type === 'video' ? 'play' : 'flag', 'aria-hidden': 'true'}, mark) : null]);
    LB.set(e, it);
    return e;
  }
  // player is a row for a sound (a full-width player) or a file.
  function player(m) {
    var src = memberPath(m.file);
    if (!src) return el('div', {'class': 'missing'}, [t(m.type === 'audio' ? 'audio' : 'file') + ' ', safeHref(m.url) ? el('a', {href: m.url, rel: 'noopener noreferrer', target: '_blank'}, '↗') : null]);
    if (m.type === 'file') return el('a', {'class': 'file', href: src, download: '', 'data-e2e': 'file'}, t('file') + ' ↓');
    return el('audio', {src: src, controls: true, preload: 'metadata', 'data-e2e': 'audio'});
  }
  // mediaBlock draws a record's media: an even grid (one picture in its
  // own shape, two or four in two columns, others in three), then the
  // sounds and files. route is where the record is, for the lightbox.
  function mediaBlock(list, route) {
    var a = arrange(list), n = a.visual.length;
    var grid = null;
    if (n) {
      grid = el('div', {'class': 'gallery lbgroup ' + (n === 1 ? 'one' : n === 2 || n === 4 ? 'two' : 'three'), 'data-e2e': 'gallery', 'data-count': String(n)},
        a.visual.map(function (v) { return tile(itemOf(v.m, v.poster, route)); }));
      var only = a.visual[0].m;
      if (n === 1 && only.width > 0 && only.height > 0) {
        // Set through the style object, which the page's policy allows.
        grid.firstChild.style.aspectRatio = String(Math.min(Math.max(only.width / only.height, 0.6), 2));
      }
    }
    return [grid, a.rows.length ? el('div', {'class': 'rows'}, a.rows.map(player)) : null];
  }
  // shotImg is a screenshot that opens full size in the lightbox.
  function shotImg(src, alt) {
    var e = el('img', {'class': 'shot lbitem', src: src, alt: alt, loading: 'lazy', role: 'button', tabindex: '0', 'data-e2e': 'screenshot'});
    LB.set(e, {type: 'shot', src: src});
    return e;
  }

  // The lightbox: the picture, video or screenshot full size over the
  // page, with the others of its group (a post's media, a page's
  // screenshots, the album) a click, ← or → away; Esc closes it. It
  // needs no network and no fetch, so it works from file:// too.
  var lb = null; // {box, stage, pos, links, items, i, from}
  function openFrom(e) {
    var group = e.closest('.lbgroup') || e.parentNode;
    var tiles = Array.prototype.filter.call(group.querySelectorAll('.lbitem'), function (x) { return LB.has(x); });
    if (!lb) {
      var stage = el('div', {'class': 'lb-stage', 'data-e2e': 'lb-stage'});
      var pos = el('span', {'data-e2e': 'lb-pos'});
      var links = el('span', {'class': 'lb-links'});
      var box = el('div', {'class': 'lightbox', role: 'dialog', 'aria-modal': 'true', 'data-e2e': 'lightbox'}, [
        stage,
        el('button', {type: 'button', 'class': 'lb-prev', 'aria-label': t('previous'), 'data-e2e': 'lb-prev', on: {click: function () { step(-1); }}}, '‹'),
        el('button', {type: 'button', 'class': 'lb-next', 'aria-label': t('next'), 'data-e2e': 'lb-next', on: {click: function () { step(1); }}}, '›'),
        el('button', {type: 'button', 'class': 'lb-close', 'aria-label': t('close'), 'data-e2e': 'lb-close', on: {click: closeLightbox}}, '×'),
        el('div', {'class': 'lb-bar'}, [pos, links])]);
      stage.addEventListener('click', function (ev) { if (ev.target === stage) closeLightbox(); });
      // On a touch screen a sideways swipe moves to the next or previous.
      var x0 = null;
      stage.addEventListener('touchstart', function (ev) { x0 = ev.touches.length === 1 ? ev.touches[0].clientX : null; }, {passive: true});
      stage.addEventListener('touchend', function (ev) {
        var dx = x0 === null ? 0 : ev.changedTouches[0].clientX - x0;
        if (Math.abs(dx) > 50 && !lb.box.classList.contains('zoom')) step(dx < 0 ? 1 : -1);
        x0 = null;
      });
      lb = {box: box, stage: stage, pos: pos, links: links};
      document.body.appendChild(box);
      document.body.classList.add('lb-open');
      // The page behind takes no focus or clicks while it is open.
      document.getElementById('top').inert = main.inert = true;
    }
    lb.items = tiles.map(function (x) { return LB.get(x); });
    lb.from = e;
    show(Math.max(0, tiles.indexOf(e)));
    lb.box.querySelector('.lb-close').focus();
  }
  function show(i) {
    var n = lb.items.length;
    lb.i = (i + n) % n;
    var it = lb.items[lb.i];
    clear(lb.stage);
    lb.box.classList.remove('zoom');
    var media;
    if (it.type === 'video' || (it.type === 'livephoto' && it.motion)) {
      media = el('video', {src: it.type === 'video' ? it.src : it.motion, poster: it.type === 'video' ? it.poster : it.src, controls: true, preload: 'auto',
        playsinline: true, 'class': 'lb-media', 'data-e2e': 'lb-media'});
    } else {
      media = el('img', {src: it.src, alt: '', 'class': 'lb-media', 'data-e2e': 'lb-media', title: it.type === 'shot' ? t('fullSize') : null});
      media.addEventListener('click', function () { lb.box.classList.toggle('zoom'); });
    }
    lb.stage.appendChild(media);
    lb.pos.textContent = (lb.i + 1) + ' / ' + n;
    clear(lb.links);
    if (it.route) lb.links.appendChild(el('a', {href: it.route, 'data-e2e': 'lb-route'}, routeWord(it.route)));
    lb.links.appendChild(el('a', {href: it.type === 'livephoto' && it.motion ? it.motion : it.src, target: '_blank', rel: 'noopener'}, t('original')));
    lb.box.classList.toggle('single', n < 2);
  }
  function step(d) { if (lb) show(lb.i + d); }
  function closeLightbox() {
    if (!lb) return;
    var from = lb.from;
    lb.box.remove();
    lb = null;
    document.body.classList.remove('lb-open');
    document.getElementById('top').inert = main.inert = false;
    if (from && from.isConnected) from.focus();
  }
  function routeWord(r) { return /^#\/messages\//.test(r) ? t('toConversation') : /^#\/post\//.test(r) ? t('toPost') : t('toPage'); }
  document.addEventListener('click', function (ev) {
    var e = ev.target.closest && ev.target.closest('.lbitem');
    if (e && LB.has(e) && !(lb && lb.box.contains(e))) { ev.preventDefault(); openFrom(e); }
  });
  document.addEventListener('keydown', function (ev) {
    if (lb) {
      if (ev.key === 'ArrowLeft') { step(-1); ev.preventDefault(); }
      else if (ev.key === 'ArrowRight') { step(1); ev.preventDefault(); }
      else if (ev.key === 'Escape') { closeLightbox(); ev.preventDefault(); }
      return;
    }
    var e = ev.target.closest && ev.target.closest('.lbitem');
    if (e && LB.has(e) && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); openFrom(e); }
  });
  // edits shows an edited post's earlier versions: their number on the
  // timeline, each version with its time on the post's page.
  function edits(p, full) {
    var list = Array.isArray(p.edits) ? p.edits : [];
    if (!list.length) return null;
    var head = el('p', {'class': 'meta', 'data-e2e': 'edited'}, t('edited') + ' · ' + num(list.length) + ' ' + t('earlierVersions'));
    if (!full) return head;
    return el('div', {'class': 'quote', 'data-e2e': 'edits'}, [head].concat(list.map(function (v) {
      return el('div', {'data-e2e': 'edit'}, [el('p', {'class': 'meta'}, whenZ(v && v.created_at)), el('p', {'class': 'text'}, rich(v && v.text))]);
    })));
  }
  // postCard draws a post; at is where its media belong (the post's own
  // page unless a caller says otherwise), own whether the backup holds
  // its comments (the person's own posts), whose count then links them.
  function postCard(p, full, at, own) {
    if (!p) return el('div', {'class': 'post'}, t('notFound'));
    if (p.deleted && !p.text) return el('div', {'class': 'post deleted', 'data-e2e': 'post-stub'}, t('deleted') + (p.id ? ' (' + p.id + ')' : ''));
    var c = p.counts || {};
    var counts = [];
    [['repostsN', c.reposts], ['commentsN', c.comments], ['likesN', c.likes], ['sharesN', c.shares], ['collectsN', c.collects]].forEach(function (x) {
      if (x[1] === undefined) return;
      if (counts.length) counts.push(' · ');
      var label = num(x[1]) + ' ' + t(x[0]);
      counts.push(x[0] === 'commentsN' && own && !full ? el('a', {href: route(['post', p.id, 'comments']), 'data-e2e': 'comments-link'}, label) : label);
    });
    return el('article', {'class': 'post', 'data-e2e': 'post', 'data-id': p.id}, [
      el('div', {'class': 'head'}, [
        el('b', {}, (p.author && (p.author.name || p.author.id)) || ''),
        p.pinned ? el('span', {'class': 'badge'}, t('pinned')) : null,
        ' ',
        el('a', {href: route(['post', p.id]), 'class': 'time', title: whenZ(p.created_at)}, full ? whenZ(p.created_at) : when(p.created_at)),
        p.visibility && p.visibility !== 'public' ? el('span', {'class': 'badge'}, p.visibility) : null,
        p.region ? el('span', {'class': 'meta'}, ' · ' + p.region) : null,
        p.source ? el('span', {'class': 'meta'}, ' · ' + p.source) : null
      ]),
      el('p', {'class': 'text'}, rich(p.text)),
      p.topics && p.topics.length ? el('p', {'class': 'meta'}, p.topics.map(function (x) { return '#' + x + ' '; })) : null,
      p.music && (p.music.title || p.music.author) ? el('p', {'class': 'meta'}, '♪ ' + [p.music.title, p.music.author].filter(Boolean).join(' · ')) : null,
      mediaBlock(p.media, at || route(['post', p.id])),
      p.repost_of ? el('div', {'class': 'repost'}, postCard(p.repost_of, full, at || route(['post', p.id]))) : null,
      edits(p, full),
      counts.length ? el('p', {'class': 'meta'}, counts) : null,
      p.url && safeHref(p.url) ? el('p', {'class': 'meta'}, el('a', {href: p.url, rel: 'noopener noreferrer', target: '_blank'}, p.url)) : null
    ]);
  }

  // list draws items into host in batches as the person scrolls, so a long
  // list costs only what is on screen. It returns a function that stops it.
  function list(host, items, draw, batch) {
    batch = batch || 50;
    var shown = 0, sentinel = el('div', {'class': 'sentinel'});
    function more() {
      var end = Math.min(items.length, shown + batch);
      var frag = document.createDocumentFragment();
      for (; shown < end; shown++) frag.appendChild(draw(items[shown], shown));
      host.insertBefore(frag, sentinel);
    }
    host.appendChild(sentinel);
    var io = new IntersectionObserver(function (es) {
      if (es.some(function (e) { return e.isIntersecting; }) && shown < items.length) more();
    }, {rootMargin: '1200px'});
    io.observe(sentinel);
    more();
    return {
      stop: function () { io.disconnect(); },
      grow: function (all) { items = all; if (shown < Math.min(batch, items.length)) more(); io.unobserve(sentinel); io.observe(sentinel); }
    };
  }

  // The timeline: newest first, or oldest first (#/posts/oldest, so the
  // order is kept in the address and survives a reload), with search and
  // filters.
  function timeline(parts) {
    var coll = 'posts';
    var oldest = parts[0] === 'oldest';
    var total = count(coll);
    var own = hasCollection('comments');
    var search = el('input', {type: 'search', placeholder: t('search'), 'aria-label': t('search'), 'data-e2e': 'search'});
    var year = el('select', {'data-e2e': 'year'}, el('option', {value: ''}, t('allYears')));
    var month = el('select', {'data-e2e': 'month'}, el('option', {value: ''}, t('allMonths')));
    for (var mo = 1; mo <= 12; mo++) month.appendChild(el('option', {value: (mo < 10 ? '0' : '') + mo}, String(mo)));
    var type = el('select', {'data-e2e': 'type'}, [el('option', {value: ''}, t('allTypes'))].concat(
      ['text', 'image', 'video', 'livephoto', 'repost'].map(function (k) { return el('option', {value: k}, t(k)); })));
    var order = el('div', {'class': 'tabs', 'data-e2e': 'order', 'data-order': oldest ? 'oldest' : 'newest'}, [
      el('a', {href: '#/posts', 'class': oldest ? null : 'on', 'aria-current': oldest ? null : 'true', 'data-e2e': 'newest'}, t('newestFirst2')),
      el('a', {href: '#/posts/oldest', 'class': oldest ? 'on' : null, 'aria-current': oldest ? 'true' : null, 'data-e2e': 'oldest'}, t('oldestFirst')),
      el('span', {'class': 'meta zone'}, t('siteTime'))]);
    var status = el('p', {'class': 'meta', 'data-e2e': 'status'}, t('loading'));
    var host = el('div', {'class': 'posts', 'data-e2e': 'posts'});
    main.appendChild(el('h1', {}, t(postsName)));
    main.appendChild(el('div', {'class': 'filters'}, [search, year, month, type]));
    main.appendChild(order);
    main.appendChild(status);
    main.appendChild(host);
    var all = [], hay = [], kinds = [], view = null, done = false;
    function index(recs) {
      for (var i = hay.length; i < recs.length; i++) {
        var p = recs[i], r = p.repost_of || {};
        hay.push(((p.text || '') + '\n' + (r.text || '') + '\n' + ((p.author && p.author.name) || '') + '\n' + ((r.author && r.author.name) || '') + '\n' + (p.topics || []).join(' ')).toLowerCase());
        kinds.push(kindOf(p));
      }
    }
    function years() {
      var seen = {};
      all.forEach(function (p) { if (p.created_at) seen[p.created_at.slice(0, 4)] = 1; });
      Object.keys(seen).sort().reverse().forEach(function (y) { year.appendChild(el('option', {value: y}, y)); });
    }
    function shown(n) {
      status.textContent = (zh ? t('of') + ' ' + num(n) + ' ' + t('shown') : num(n) + ' ' + t('shown')) + (done ? '' : ' · ' + t('loading'));
      host.setAttribute('data-count', String(n));
      host.setAttribute('data-state', done ? 'ready' : 'loading');
    }
    function apply() {
      var q = search.value.trim().toLowerCase(), y = year.value, m = month.value, k = type.value;
      var out = [];
      for (var i = 0; i < all.length; i++) {
        var p = all[i], ca = p.created_at || '';
        if (y && ca.slice(0, 4) !== y) continue;
        if (m && ca.slice(5, 7) !== m) continue;
        if (k && !kinds[i][k]) continue;
        if (q && hay[i].indexOf(q) < 0) continue;
        out.push(p);
      }
      if (view) view.stop();
      clear(host);
      view = list(host, out, function (p) { return postCard(p, false, null, own); });
      shown(out.length);
    }
    function progress(recs, last) {
      var first = !view;
      done = !!last;
      if (oldest) {
        // The oldest posts are in the last chunk: draw once all are in,
        // oldest first (the bundle holds them newest first; posts with
        // no date, last there, stay last).
        if (!done) { status.textContent = t('loading'); return; }
        var dated = recs.filter(function (p) { return p.created_at; });
        all = dated.reverse().concat(recs.filter(function (p) { return !p.created_at; }));
        hay = []; kinds = [];
        index(all);
        apply();
      } else {
        all = recs;
        index(recs);
        var filtering = search.value || year.value || month.value || type.value;
        if (!view || filtering) apply();
        else {
          view.grow(all);
          shown(all.length);
        }
      }
      if (done) years();
      // Marks for measuring: the first screen drawn, everything loaded.
      if (first && view) requestAnimationFrame(function () { performance.mark('fw-first-screen'); });
      if (done) performance.mark('fw-all-loaded');
    }
    [search].forEach(function (e) { e.addEventListener('input', apply); });
    [year, month, type].forEach(function (e) { e.addEventListener('change', apply); });
    if (!total) { status.textContent = t('empty'); host.setAttribute('data-count', '0'); host.setAttribute('data-state', 'ready'); return null; }
    load(coll, progress);
    return function () { unlisten(coll, progress); if (view) view.stop(); };
  }

  // A post with its comments, replies under their parent.
  // #/post/<id>/comments opens it at its comments.
  function postPage(parts) {
    var id = parts[0] || '';
    var host = el('div', {'data-e2e': 'post-page'});
    main.appendChild(host);
    host.appendChild(el('p', {'class': 'meta'}, t('loading')));
    var saves = ['likes', 'favorites', 'history', 'watch_later'].filter(hasCollection);
    Promise.all([load('posts'), load('comments')].concat(saves.map(function (c) { return load(c); }))).then(function (r) {
      clear(host);
      var post = null;
      r[0].some(function (p) { if (p.id === id) { post = p; return true; } return false; });
      r.slice(2).forEach(function (l) { l.forEach(function (s) { if (!post && s.post && s.post.id === id) post = s.post; }); });
      host.appendChild(postCard(post, true));
      var cs = r[1].filter(function (c) { return c.post_id === id; });
      var byID = {}, kids = {}, tops = [];
      cs.forEach(function (c) { byID[c.id] = c; });
      cs.forEach(function (c) {
        if (c.parent_id && c.parent_id !== id && byID[c.parent_id]) (kids[c.parent_id] = kids[c.parent_id] || []).push(c);
        else tops.push(c);
      });
      function draw(c, depth) {
        return el('div', {'class': 'comment' + (depth ? ' reply' : ''), 'data-e2e': 'comment', 'data-id': c.id}, [
          el('div', {'class': 'head'}, [el('b', {}, (c.author && (c.author.name || c.author.id)) || ''), ' ', el('span', {'class': 'time'}, whenZ(c.created_at)),
            c.region ? el('span', {'class': 'meta'}, ' · ' + c.region) : null, c.likes ? el('span', {'class': 'meta'}, ' · ' + num(c.likes) + ' ' + t('likesN')) : null,
            c.parent_id && c.parent_id !== id && !byID[c.parent_id] ? el('span', {'class': 'meta'}, ' · ' + t('orphan')) : null]),
          el('p', {'class': 'text'}, rich(c.text)),
          mediaBlock(c.media, route(['post', id])),
          (kids[c.id] || []).map(function (k) { return draw(k, depth + 1); })
        ]);
      }
      var head = el('h2', {id: 'comments', 'data-e2e': 'comments-head'}, t('comments') + ' (' + num(cs.length) + ')');
      host.appendChild(head);
      var box = el('div', {'class': 'comments', 'data-e2e': 'comments', 'data-count': String(cs.length)});
      host.appendChild(box);
      tops.forEach(function (c) { box.appendChild(draw(c, 0)); });
      if (parts[1] === 'comments') head.scrollIntoView();
    });
  }

  // Likes and favourites: the saved posts (and, for favourites, folders,
  // series and music).
  function saved(coll, withFolders) {
    var total = count(coll);
    var folder = el('select', {'data-e2e': 'folder'}, el('option', {value: ''}, t('allFolders')));
    var host = el('div', {'class': 'posts', 'data-e2e': coll});
    main.appendChild(el('h1', {}, t(coll)));
    if (withFolders) main.appendChild(el('div', {'class': 'filters'}, folder));
    var status = el('p', {'class': 'meta'}, t('loading'));
    main.appendChild(status);
    main.appendChild(host);
    var view = null;
    load(coll).then(function (recs) {
      var folders = {};
      recs.forEach(function (s) { if (s.folder) folders[s.folder] = 1; });
      Object.keys(folders).sort().forEach(function (f) { folder.appendChild(el('option', {value: f}, f)); });
      function apply() {
        var out = recs.filter(function (s) { return !folder.value || s.folder === folder.value; });
        if (view) view.stop();
        clear(host);
        view = list(host, out, function (s) {
          var inner;
          if (s.post) inner = postCard(s.post, false);
          else if (s.series) inner = el('div', {'class': 'post'}, [el('span', {'class': 'badge'}, t('series')), ' ', s.series.name, s.series.author ? ' · ' + (s.series.author.name || '') : '', mediaBlock(s.series.media, null)]);
          else if (s.music) inner = el('div', {'class': 'post'}, [el('span', {'class': 'badge'}, t('music')), ' ', s.music.title, s.music.author ? ' · ' + s.music.author : '', mediaBlock(s.music.media, null)]);
          else inner = el('div', {'class': 'post'}, '?');
          return el('div', {'class': 'saved', 'data-e2e': 'saved'}, [s.folder ? el('p', {'class': 'meta'}, t('folder') + ': ' + s.folder) : null, inner]);
        });
        status.textContent = num(out.length) + (zh ? ' 条' : ' items');
        host.setAttribute('data-count', String(out.length));
        host.setAttribute('data-state', 'ready');
      }
      folder.addEventListener('change', apply);
      apply();
    });
    if (!total) status.textContent = t('empty');
    return function () { if (view) view.stop(); };
  }
  // The messages box: comments the person wrote elsewhere or received,
  // each under the post it answers, and the posts that mention them; a
  // post kept in the backup is linked.
  function box(_, coll) {
    main.appendChild(el('h1', {}, t(coll)));
    var host = el('div', {'class': 'posts', 'data-e2e': coll});
    var status = el('p', {'class': 'meta'}, t('loading'));
    main.appendChild(status);
    main.appendChild(host);
    var view = null;
    Promise.all([load(coll), hasCollection('posts') ? load('posts') : []]).then(function (r) {
      var own = {};
      r[1].forEach(function (p) { own[p.id] = 1; });
      view = list(host, r[0], function (c) {
        if (c.record !== 'comment') return postCard(c, false, route([coll]));
        var on = c.post ? el('div', {'class': 'quote', 'data-e2e': 'on-post'}, [
          el('p', {'class': 'meta'}, [t('onPost'), ' · ', (c.post.author && c.post.author.name) || '', ' ', when(c.post.created_at),
            own[c.post.id] ? [' · ', el('a', {href: route(['post', c.post.id])}, t('more'))] : null]),
          el('p', {'class': 'text'}, rich(c.post.text))]) : el('p', {'class': 'meta'}, t('notKept'));
        return el('article', {'class': 'post', 'data-e2e': 'boxed'}, [
          el('p', {'class': 'meta'}, [(c.author && c.author.name) || '', ' · ', when(c.created_at)]),
          el('p', {'class': 'text'}, rich(c.text)),
          mediaBlock(c.media, null),
          on]);
      });
      status.textContent = num(r[0].length);
      host.setAttribute('data-count', String(r[0].length));
      host.setAttribute('data-state', 'ready');
    });
    return function () { if (view) view.stop(); };
  }

  function likes() { return saved('likes', false); }
  // The watch history, newest first as the site lists it (it gives no
  // time of watching), and watch later: lists of works.
  function watched() {
    var stop = saved('history', false);
    main.insertBefore(el('p', {'class': 'meta'}, t('newestFirst')), main.children[1] || null);
    return stop;
  }
  function watchLater() { return saved('watch_later', false); }
  // workRef is a line naming a work a record concerns, linked to the
  // work's page when the backup holds it.
  function workRef(p, own) {
    if (!p) return null;
    return el('div', {'class': 'quote', 'data-e2e': 'on-work'}, [
      el('p', {'class': 'meta'}, [t('onWork'), ' · ', (p.author && p.author.name) || '', ' ', when(p.created_at),
        own[p.id] ? [' · ', el('a', {href: route(['post', p.id])}, t('more'))] : null]),
      el('p', {'class': 'text'}, rich(p.text))]);
  }
  // Notifications: a timeline, newest first, a heading for each day.
  function notifications() {
    main.appendChild(el('h1', {}, t('notifications')));
    var host = el('div', {'class': 'posts', 'data-e2e': 'notifications'});
    var status = el('p', {'class': 'meta'}, t('loading'));
    main.appendChild(status);
    main.appendChild(host);
    var view = null;
    Promise.all([load('notifications'), hasCollection('posts') ? load('posts') : []]).then(function (r) {
      var own = {};
      r[1].forEach(function (p) { own[p.id] = 1; });
      var recs = r[0];
      view = list(host, recs, function (n, i) {
        var day = String(n.created_at || '').slice(0, 10), prev = i > 0 ? String(recs[i - 1].created_at || '').slice(0, 10) : null;
        var kind = W['kind_' + n.kind] ? 'kind_' + n.kind : 'kind_other';
        return el('div', {'class': 'day'}, [day !== prev ? el('h2', {'class': 'meta'}, day) : null,
          el('article', {'class': 'post', 'data-e2e': 'notification', 'data-kind': String(n.kind || '')}, [
            el('p', {'class': 'meta'}, [el('b', {}, (n.from && (n.from.name || n.from.id)) || ''), ' ', t(kind), ' · ', when(n.created_at)]),
            n.text ? el('p', {'class': 'text'}, rich(n.text)) : null,
            workRef(n.post, own)])]);
      });
      status.textContent = num(recs.length);
      host.setAttribute('data-count', String(recs.length));
      host.setAttribute('data-state', 'ready');
    });
    return function () { if (view) view.stop(); };
  }
  // The person's own series, each with its cover and its works.
  function series() {
    main.appendChild(el('h1', {}, t('series')));
    var host = el('div', {'data-e2e': 'series'});
    main.appendChild(host);
    load('series').then(function (recs) {
      recs.forEach(function (s) {
        host.appendChild(el('section', {'class': 'series', 'data-e2e': 'series-item'}, [
          el('h2', {}, s.name || s.id),
          el('p', {'class': 'meta'}, num((s.works || []).length) + ' ' + t('worksN') + (s.episodes !== undefined ? ' / ' + num(s.episodes) : '')),
          mediaBlock(s.media, null),
          el('div', {'class': 'posts'}, (s.works || []).map(function (p) { return postCard(p, false); }))]));
      });
      host.setAttribute('data-count', String(recs.length));
      host.setAttribute('data-state', 'ready');
    });
  }
  // The person's own sounds, each with a player.
  function sounds() {
    main.appendChild(el('h1', {}, t('sounds')));
    var host = el('div', {'data-e2e': 'sounds'});
    main.appendChild(host);
    load('sounds').then(function (recs) {
      recs.forEach(function (m) {
        host.appendChild(el('div', {'class': 'post', 'data-e2e': 'sound'}, [el('b', {}, m.title || m.id), m.author ? ' · ' + m.author : '',
          mediaBlock(m.media, null)]));
      });
      host.setAttribute('data-count', String(recs.length));
      host.setAttribute('data-state', 'ready');
    });
  }
  function favorites() { return saved('favorites', true); }

  // Following and followers: sortable tables.
  function users(_, coll) {
    main.appendChild(el('h1', {}, t(coll)));
    var host = el('div', {'data-e2e': coll});
    main.appendChild(host);
    load(coll).then(function (recs) {
      var key = '', dir = 1;
      var cols = [['name', 'name'], ['handle', 'handle'], ['followers', 'followers'], ['following', 'following'], ['posts', postsName], ['description', 'description']];
      if (recs.some(function (u) { return (Array.isArray(u.groups) && u.groups.length) || u.special_follow === true; })) cols.push(['groups', 'groups']);
      function val(u, k) {
        if (k === 'followers' || k === 'following' || k === 'posts') return (u.counts && u.counts[k]) || 0;
        if (k === 'groups') return (u.special_follow === true ? [t('special')] : []).concat(Array.isArray(u.groups) ? u.groups : []).join('、');
        return String(u[k] || '');
      }
      var tbody = el('tbody');
      function fill() {
        var rows = recs.slice();
        if (key) rows.sort(function (a, b) { var x = val(a, key), y = val(b, key); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
        clear(tbody);
        var frag = document.createDocumentFragment();
        rows.forEach(function (u) {
          frag.appendChild(el('tr', {'data-e2e': 'user-row'}, [
            el('td', {}, safeHref(u.url) ? el('a', {href: u.url, rel: 'noopener noreferrer', target: '_blank'}, u.name || u.id) : (u.name || u.id)),
            el('td', {}, u.handle || ''), el('td', {'class': 'n'}, num(val(u, 'followers'))), el('td', {'class': 'n'}, num(val(u, 'following'))),
            el('td', {'class': 'n'}, num(val(u, 'posts'))), el('td', {}, u.description || ''),
            cols.length > 6 ? el('td', {'data-e2e': 'groups'}, [u.special_follow === true ? el('span', {'class': 'special', 'data-e2e': 'special'}, '★ ') : null, val(u, 'groups')]) : null
          ]));
        });
        tbody.appendChild(frag);
      }
      var head = el('tr', {}, cols.map(function (c) {
        return el('th', {'data-sort': c[0], on: {click: function () { dir = key === c[0] ? -dir : 1; key = c[0]; fill(); }}}, t(c[1]));
      }));
      host.appendChild(el('p', {'class': 'meta'}, num(recs.length)));
      host.appendChild(el('div', {'class': 'scroll'}, el('table', {'class': 'grid sortable', 'data-count': String(recs.length)}, [el('thead', {}, head), tbody])));
      fill();
    });
  }

  function apps() {
    main.appendChild(el('h1', {}, t('apps')));
    var host = el('div', {'data-e2e': 'apps'});
    main.appendChild(host);
    load('apps').then(function (recs) {
      host.appendChild(el('div', {'class': 'scroll'}, el('table', {'class': 'grid', 'data-count': String(recs.length)}, [
        el('thead', {}, el('tr', {}, [el('th', {}, t('name')), el('th', {}, t('authorised')), el('th', {}, t('scopes'))])),
        el('tbody', {}, recs.map(function (a) {
          return el('tr', {'data-e2e': 'app-row'}, [el('td', {}, safeHref(a.url) ? el('a', {href: a.url, rel: 'noopener noreferrer', target: '_blank'}, a.name) : a.name),
            el('td', {}, when(a.authorised_at)), el('td', {}, (a.scopes || []).join(', '))]);
        }))
      ])));
      shots(host, 'apps');
    });
  }

  // convName is what a conversation is called: its peer, or a group's
  // name, or its people.
  function convName(c) {
    if (c.peer) return c.peer.name || c.peer.id;
    if (c.name) return c.name;
    var people = Object.keys(c.people || {});
    if (c.group && people.length) return people.slice(0, 3).join('、') + (people.length > 3 ? '…' : '');
    return c.id;
  }

  // Messages: the conversations, the latest first, and each one read top
  // to bottom in time order: its screenshots from the oldest (they are
  // taken from the newest message up) with the messages each shows beside
  // it, every time with its zone. A screenshot opens full size.
  function messages(parts) {
    var conv = parts[0];
    var host = el('div', {'data-e2e': conv ? 'conversation' : 'conversations'});
    main.appendChild(host);
    load('messages').then(function (recs) {
      var convs = {}, order = [];
      recs.forEach(function (m) {
        var c = convs[m.conversation_id];
        if (!c) { c = convs[m.conversation_id] = {id: m.conversation_id, peer: m.peer, msgs: [], people: {}}; order.push(c.id); }
        if (!c.peer && m.peer) c.peer = m.peer;
        if (m.conversation_type === 'group') c.group = true;
        if (!c.name && m.conversation_name) c.name = String(m.conversation_name);
        if (!m.from_me && m.sender && m.sender.name) c.people[m.sender.name] = 1;
        c.msgs.push(m);
      });
      Object.keys(IX.dm || {}).forEach(function (id) { if (!convs[id]) { convs[id] = {id: id, msgs: []}; order.push(id); } });
      order.forEach(function (id) { convs[id].msgs = byTime(convs[id].msgs); });
      if (!conv) {
        order = byTime(order.map(function (id) {
          var ms = convs[id].msgs;
          return {id: id, created_at: ms.length ? ms[ms.length - 1].created_at : ''};
        })).reverse().map(function (x) { return x.id; });
        host.appendChild(el('h1', {}, t('messages')));
        host.appendChild(el('p', {'class': 'meta'}, t('siteTime')));
        host.appendChild(el('ul', {'class': 'convs', 'data-count': String(order.length)}, order.map(function (id) {
          var c = convs[id], last = c.msgs.length ? c.msgs[c.msgs.length - 1] : null;
          return el('li', {'data-e2e': 'conversation-item'}, [el('a', {href: route(['messages', id])}, convName(c)),
            el('span', {'class': 'meta'}, ' · ' + num(c.msgs.length) + (last ? ' · ' + when(last.created_at) : '')),
            last ? el('p', {'class': 'meta'}, String(last.text || '').slice(0, 80)) : null]);
        })));
        return;
      }
      var c = convs[conv];
      if (!c) { host.appendChild(el('p', {}, t('notFound'))); return; }
      host.appendChild(el('h1', {}, [t('conversation') + ': ', convName(c)]));
      var byID = {}, placed = {};
      c.msgs.forEach(function (m) { if (m.id) byID[m.id] = m; });
      var at = route(['messages', conv]);
      function msg(m) {
        var who = m.from_me ? t('me') : ((m.sender && (m.sender.name || m.sender.id)) || (m.peer && m.peer.name) || '');
        return el('div', {'class': 'msg' + (m.from_me ? ' mine' : ''), 'data-e2e': 'message', 'data-id': m.id || '', 'data-kind': m.kind || ''}, [
          el('span', {'class': 'meta'}, [who + ' · ', el('span', {'data-e2e': 'message-time'}, whenZ(m.created_at))]),
          m.quoted ? el('p', {'class': 'quote meta'}, '「' + String(m.quoted.text || m.quoted.id || '') + '」') : null,
          m.share ? el('p', {'class': 'share'}, [safeHref(m.share.url) ? el('a', {href: m.share.url, rel: 'noopener noreferrer', target: '_blank'}, m.share.title || m.share.id) : (m.share.title || m.share.id),
            m.share.author && m.share.author.name ? ' · @' + m.share.author.name : null]) : m.text ? el('p', {'class': 'text'}, rich(m.text)) : null,
          mediaBlock(m.media, at)]);
      }
      var series = (IX.dm || {})[conv];
      var shotsOf = ((series && series.shots) || []).filter(function (s) { return s && typeof s === 'object'; });
      // Captured newest first: put the oldest on top, each screenshot's
      // messages in time order beside it.
      var first = function (s) { return byTime((s.ids || []).map(function (id) { return byID[id]; }).filter(Boolean))[0]; };
      var dated = shotsOf.map(first).filter(Boolean);
      if (dated.length > 1 && String(dated[0].created_at) > String(dated[dated.length - 1].created_at)) shotsOf = shotsOf.slice().reverse();
      var box = el('div', {'class': 'screens lbgroup', 'data-count': String(c.msgs.length)});
      host.appendChild(box);
      shotsOf.forEach(function (s) {
        var src = memberPath(s.file);
        var beside = byTime((s.ids || []).filter(function (id) { return byID[id] && !placed[id]; }).map(function (id) { placed[id] = 1; return byID[id]; })).map(msg);
        box.appendChild(el('div', {'class': 'shotrow', 'data-e2e': 'shot'}, [src ? shotImg(src, t('screens')) : el('div'), el('div', {'class': 'msgs'}, beside)]));
      });
      var rest = c.msgs.filter(function (m) { return !placed[m.id]; });
      if (rest.length) {
        box.appendChild(el('h2', {}, t('notOnScreen')));
        box.appendChild(el('div', {'class': 'msgs'}, rest.map(msg)));
      }
    });
  }
  // byTime orders records by created_at, oldest first; records without
  // one keep their place after the dated ones.
  function byTime(list) {
    var dated = [], undated = [];
    list.forEach(function (r, i) { (r && r.created_at ? dated : undated).push({r: r, i: i}); });
    dated.sort(function (a, b) { return a.r.created_at < b.r.created_at ? -1 : a.r.created_at > b.r.created_at ? 1 : a.i - b.i; });
    return dated.concat(undated).map(function (x) { return x.r; });
  }

  // Articles: the list, newest first, and each article as a readable
  // page: its paragraphs, headings and pictures in order, from the
  // bundle; the site's HTML is never drawn as markup.
  function articles(parts) {
    var id = parts[0];
    var host = el('div', {'data-e2e': id ? 'article' : 'articles'});
    main.appendChild(host);
    load('articles').then(function (recs) {
      if (!id) {
        host.appendChild(el('h1', {}, t('articles')));
        host.appendChild(el('ul', {'class': 'convs', 'data-count': String(recs.length)}, recs.map(function (a) {
          return el('li', {'data-e2e': 'article-item'}, [el('a', {href: route(['articles', String(a.id)])}, String(a.title || t('untitled'))),
            el('span', {'class': 'meta'}, ' · ' + when(a.created_at))]);
        })));
        return;
      }
      var a = recs.filter(function (r) { return String(r.id) === id; })[0];
      if (!a) { host.appendChild(el('p', {}, t('notFound'))); return; }
      var media = Array.isArray(a.media) ? a.media : [];
      host.appendChild(el('h1', {}, String(a.title || t('untitled'))));
      host.appendChild(el('p', {'class': 'meta'}, [(a.author && a.author.name ? String(a.author.name) + ' · ' : '') + when(a.created_at) + ' · ',
        safeHref(a.url) ? el('a', {href: a.url, rel: 'noopener noreferrer', target: '_blank'}, '↗') : null]));
      var body = el('div', {'class': 'article'});
      (Array.isArray(a.blocks) ? a.blocks : []).forEach(function (b) {
        if (!b || typeof b !== 'object') return;
        if (b.type === 'image') {
          var m = media[b.media];
          if (m && typeof m === 'object') body.appendChild(el('div', {'data-e2e': 'article-image'}, mediaBlock([m], null)));
          return;
        }
        body.appendChild(el(b.type === 'h' ? 'h2' : 'p', {'class': 'text', 'data-e2e': 'article-block'}, rich(b.text)));
      });
      host.appendChild(body);
    });
  }

  // The album (#/media): every media file of the backup once, by month,
  // the latest month first; #/media/pictures, /videos and /audio show one
  // kind. A file belongs to the earliest month of the records that hold
  // it (a record's own created_at, else that of the record around it);
  // a video's cover is its poster. Each tile opens the lightbox, whose
  // next and previous go through the whole album, and links back to the
  // post, conversation or page that holds it.
  var ALBUM = ['posts', 'likes', 'favorites', 'comments', 'my_comments', 'received_comments', 'mentions',
    'messages', 'history', 'watch_later', 'series', 'sounds', 'articles'];
  function gallery(parts) {
    var kind = {pictures: 'pictures', videos: 'videos', audio: 'audio'}[parts[0]] || '';
    main.appendChild(el('h1', {}, t('media')));
    main.appendChild(el('div', {'class': 'tabs', 'data-e2e': 'media-kinds'}, [['', 'allMedia'], ['pictures', 'image'], ['videos', 'video'], ['audio', 'audio']].map(function (k) {
      return el('a', {href: '#/media' + (k[0] ? '/' + k[0] : ''), 'class': kind === k[0] ? 'on' : null, 'aria-current': kind === k[0] ? 'true' : null, 'data-e2e': 'kind-' + (k[0] || 'all')}, t(k[1]));
    })));
    var host = el('div', {'class': 'wall lbgroup', 'data-e2e': 'media'});
    var status = el('p', {'class': 'meta'}, t('loading'));
    main.appendChild(status);
    main.appendChild(host);
    var view = null;
    var colls = ALBUM.filter(hasCollection);
    Promise.all(colls.map(function (c) { return load(c); })).then(function (all) {
      var files = new Map();
      function walk(v, month, at) {
        if (!v || typeof v !== 'object') return;
        if (Array.isArray(v)) { v.forEach(function (x) { walk(x, month, at); }); return; }
        if (typeof v.created_at === 'string' && /^\d{4}-\d{2}-/.test(v.created_at)) month = v.created_at.slice(0, 7);
        var a = arrange(v.media);
        a.visual.concat(a.rows.map(function (m) { return {m: m, poster: null}; })).forEach(function (x) {
          var src = memberPath(x.m.file);
          if (!src || !x.m.type) return;
          var f = files.get(src);
          if (!f) files.set(src, f = {it: itemOf(x.m, x.poster, at), month: month, seen: files.size});
          if (month && (!f.month || month < f.month)) f.month = month;
        });
        for (var k in v) if (k !== 'media' && v[k] && typeof v[k] === 'object') walk(v[k], month, at);
      }
      all.forEach(function (recs, i) {
        var coll = colls[i];
        recs.forEach(function (r) { walk(r, '', whereIs(coll, r)); });
      });
      var want = {pictures: isPicture, videos: function (k) { return k === 'video'; }, audio: function (k) { return k === 'audio' || k === 'file'; }}[kind];
      var items = Array.from(files.values()).filter(function (f) { return !want || want(f.it.type); });
      items.sort(function (a, b) {
        if (a.month !== b.month) return !a.month ? 1 : !b.month ? -1 : a.month < b.month ? 1 : -1;
        return a.seen - b.seen;
      });
      // One grid: a month's heading spans its row, then its tiles.
      var rows = [], per = {};
      items.forEach(function (f, i) {
        if (i === 0 || f.month !== items[i - 1].month) rows.push({head: f.month});
        per[f.month] = (per[f.month] || 0) + 1;
        rows.push(f);
      });
      view = list(host, rows, function (r) {
        if ('head' in r) return el('h2', {'class': 'month', 'data-e2e': 'month', 'data-month': r.head}, [monthName(r.head), ' ', el('small', {}, num(per[r.head]))]);
        var it = r.it, face = it.type === 'audio' || it.type === 'file' ? el('div', {'class': 'tile sound'}, player({type: it.type, file: it.src})) : tile(it);
        return el('div', {'class': 'cell', 'data-e2e': 'album-item', 'data-month': r.month, 'data-kind': it.type}, [face,
          it.route ? el('a', {'class': 'back', href: it.route, 'data-e2e': 'tile-link', title: routeWord(it.route)}, '↗') : null]);
      }, 60);
      status.textContent = num(items.length) + ' · ' + t('siteTime');
      host.setAttribute('data-count', String(items.length));
      host.setAttribute('data-state', 'ready');
    });
    return function () { if (view) view.stop(); };
  }
  // whereIs is the page of a record that holds media: its post, its
  // conversation, its article, or its collection's page.
  function whereIs(coll, r) {
    if (coll === 'posts' && r.id) return route(['post', r.id]);
    if (coll === 'comments' && r.post_id) return route(['post', r.post_id]);
    if ((coll === 'likes' || coll === 'favorites' || coll === 'history' || coll === 'watch_later') && r.post && r.post.id) return route(['post', r.post.id]);
    if (coll === 'messages' && r.conversation_id) return route(['messages', r.conversation_id]);
    if (coll === 'articles' && r.id) return route(['articles', r.id]);
    return route([coll]);
  }
  // monthName is "2026年11月" or "November 2026"; "" is no date.
  function monthName(m) {
    if (!m) return t('undated');
    var y = Number(m.slice(0, 4)), mo = Number(m.slice(5, 7));
    if (zh) return y + '年' + mo + '月';
    return new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en', {month: 'long', year: 'numeric', timeZone: 'UTC'});
  }

  (count('emoticons') > 0 ? load('emoticons') : Promise.resolve([])).then(function (recs) {
    recs.forEach(function (e) {
      var f = e && Array.isArray(e.media) && e.media[0] ? memberPath(e.media[0].file) : null;
      if (f && typeof e.phrase === 'string') EMO.set(e.phrase, f);
    });
  }, function () {}).then(render);
})();
