/* www.douyin.com single-page app (replica). */
(function () {
  'use strict';
  var D = window.RENDER_DATA || {};
  // broken names the collections a deploy broke (fault broken=NAME):
  // their part of the page renders nothing.
  function broken(name) { return (D.broken || []).indexOf(name) >= 0; }
  // variant names the A/B behaviours this page shows (see variants.go).
  function variant(name) { return (D.variants || []).indexOf(name) >= 0; }
  // DRIFT is what this deploy changed: class names, hosts of the list
  // calls, wrapper elements, menu order, calls nobody knows.
  var DRIFT = D.drift || {classes: {}, hosts: {}, wrap: {}, order: {}, calls: []};
  function cls(names) { return String(names).split(' ').map(function (c) { return DRIFT.classes[c] || c; }).join(' '); }
  function ordered(menu, items) {
    var order = DRIFT.order[menu];
    return order && order.length === items.length ? order.map(function (i) { return items[i]; }) : items;
  }
  // The 2026 build keeps who is logged in under localStorage.user_info,
  // its uid being the sec_uid (creatorhub a22a4be).
  if (D.secUid) { try { localStorage.setItem('user_info', JSON.stringify({uid: D.secUid, secUid: D.secUid})); } catch (e) { /* private mode */ } }
  var K = (window.bdms || {}).k || '';
  var SSO = 'https://sso.douyin.com';
  var IM = 'https://imapi.douyin.com';

  // ---------------------------------------------------------------------
  // The security SDK stand-in: every request to the web API gets msToken
  // and a_bogus, a signature of the query and the body under the page's
  // secret. fetch and XMLHttpRequest are both wrapped, so a request made
  // from the page by anyone is signed, and one made outside it is not.
  function utf8(s) { return new TextEncoder().encode(s); }
  function bogus(query, body) {
    var h1 = 0x811c9dc5, h2 = 0x1b873593, b = utf8(K + '\n' + query + '\n' + (body || ''));
    for (var i = 0; i < b.length; i++) {
      h1 = Math.imul(h1 ^ b[i], 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ b[i], 0x5bd1e995) >>> 0;
      h2 = (h2 ^ (h2 >>> 15)) >>> 0;
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) >>> 0;
    h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35) >>> 0;
    return ((BigInt(h1) << 32n) | BigInt(h2)).toString(36);
  }
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : '';
  }
  function randomToken(n) {
    var a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', s = '';
    var r = crypto.getRandomValues(new Uint8Array(n));
    for (var i = 0; i < n; i++) s += a[r[i] % a.length];
    return s;
  }
  if (!cookie('msToken')) {
    document.cookie = 'msToken=' + randomToken(107) + '; domain=.douyin.com; path=/; secure; samesite=none; max-age=864000';
  }
  function signURL(url, body) {
    var u = new URL(url, location.href);
    if (!/(^|\.)douyin\.com$/.test(u.hostname) || !/^\/(aweme\/v1\/web|webcast)\//.test(u.pathname)) return url;
    u.searchParams.delete('a_bogus');
    u.searchParams.set('msToken', cookie('msToken'));
    var q = u.search.slice(1);
    return u.origin + u.pathname + '?' + q + '&a_bogus=' + bogus(q, body);
  }
  var nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    if (typeof input === 'string' || input instanceof URL) {
      input = signURL(String(input), init && typeof init.body === 'string' ? init.body : '');
    }
    return nativeFetch.call(this, input, init);
  };
  var xOpen = XMLHttpRequest.prototype.open, xSend = XMLHttpRequest.prototype.send, xHeader = XMLHttpRequest.prototype.setRequestHeader;
  XMLHttpRequest.prototype.open = function () { this._dy = {args: Array.prototype.slice.call(arguments), headers: []}; };
  XMLHttpRequest.prototype.setRequestHeader = function (k, v) {
    if (this._dy && !this._dy.opened) { this._dy.headers.push([k, v]); return; }
    return xHeader.call(this, k, v);
  };
  XMLHttpRequest.prototype.send = function (body) {
    var d = this._dy;
    if (d && !d.opened) {
      var a = d.args.slice();
      a[1] = signURL(String(a[1]), typeof body === 'string' ? body : '');
      xOpen.apply(this, a);
      d.opened = true;
      for (var i = 0; i < d.headers.length; i++) xHeader.call(this, d.headers[i][0], d.headers[i][1]);
    }
    return xSend.call(this, body);
  };

  // ---------------------------------------------------------------------
  // Helpers.
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'on') { for (var ev in attrs.on) e.addEventListener(ev, attrs.on[ev]); }
      else if (k === 'class' && attrs[k]) e.setAttribute('class', cls(attrs[k]));
      else if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    }
    [].concat(kids === undefined ? [] : kids).forEach(function (c) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    });
    return e;
  }
  // wrap puts a node inside the wrapper elements this deploy gives a part
  // of the page.
  function wrap(part, node) {
    for (var i = 0; i < (DRIFT.wrap[part] || 0); i++) node = el('div', {'class': 'wrap-' + part + '-' + i}, node);
    return node;
  }
  function first(u) { return u && u.url_list && u.url_list.length ? u.url_list[0] : ''; }
  function num(n) { return n >= 10000 ? (n / 10000).toFixed(1) + '万' : String(n); }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function when(sec) {
    var d = new Date(sec * 1000);
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }
  var COMMON = 'device_platform=webapp&aid=6383&channel=channel_pc_web&pc_client_type=1&version_code=290100&version_name=29.1.0' +
    '&cookie_enabled=true&screen_width=1920&screen_height=1080&browser_language=zh-CN&browser_platform=Linux+x86_64&browser_name=Chrome' +
    '&browser_online=true&engine_name=Blink&os_name=Linux&cpu_core_num=2&device_memory=8&platform=PC&downlink=10&effective_type=4g&round_trip_time=50';
  // api calls the web API (signed by the wrapper above) and follows the
  // site's captcha: an answer with verify_ticket sends the page to it.
  function api(path, params, opts) {
    opts = opts || {};
    var url = (path.indexOf('/') === 0 ? path : (DRIFT.hosts[path] || (D.hosts || {})[path] || '') + '/aweme/v1/web/' + path) + '?' + COMMON + (params ? '&' + params : '');
    var init = {credentials: 'include', method: opts.method || 'GET', headers: {'Accept': 'application/json, text/plain, */*'}};
    if (opts.form) {
      init.body = opts.form;
      init.headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
    }
    return fetch(url, init).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (j) {
      if (j.verify_ticket) {
        if (D.overlay) captchaOverlay();
        else location.href = '/captcha/?next=' + encodeURIComponent(location.href);
        throw new Error('verify');
      }
      return j;
    });
  }

  // loggedOut reads an answer that says the session is gone (a refusal
  // such as a bare status_code 8 is not one: the page shows a placeholder).
  function loggedOut(j) { return j.status_code === 2483 || /未登录|请先登录/.test(j.status_msg || ''); }

  // captchaOverlay shows the verification slider over the page
  // (#captcha_container, as MediaCrawler and douyin-chat-export find it);
  // once solved the page loads again.
  function captchaOverlay() {
    if (document.getElementById('captcha_container')) return;
    var handle = el('div', {'class': 'captcha-handle'}), track = el('div', {'class': 'captcha-track'}, handle);
    var box = el('div', {id: 'captcha_container', 'class': 'captcha-overlay'}, el('div', {'class': 'captcha-box'}, [
      el('h3', {}, '请完成下列验证后继续'), el('p', {}, '拖动滑块完成拼图'), track]));
    document.body.append(box);
    var x0 = null;
    handle.addEventListener('pointerdown', function (e) { x0 = e.clientX; handle.setPointerCapture(e.pointerId); });
    handle.addEventListener('pointermove', function (e) { if (x0 !== null) handle.style.left = Math.max(0, Math.min(track.clientWidth - 40, e.clientX - x0)) + 'px'; });
    handle.addEventListener('pointerup', function () {
      x0 = null;
      if (parseInt(handle.style.left, 10) < track.clientWidth - 50) { handle.style.left = '0px'; return; }
      fetch('/captcha/verify', {method: 'POST', credentials: 'include'}).then(function () { location.reload(); });
    });
  }

  // lastInput is when a person last turned the wheel or pressed a key:
  // lists page on scrolling a person caused, not on a script setting
  // scrollTop (notes 2026-08: "wheel events page reliably, setting
  // scrollTop from script may not"; jiji262 uses the wheel, erma0 End).
  var lastInput = 0;
  ['wheel', 'keydown', 'touchmove'].forEach(function (ev) {
    window.addEventListener(ev, function (e) { if (e.isTrusted) lastInput = Date.now(); }, {capture: true, passive: true});
  });

  // pager loads a list page by page as its container scrolls to the end.
  // load() resolves to {nodes, more}; a failed page can be tried again by
  // scrolling again.
  function pager(container, list, load) {
    var st = {busy: false, more: true};
    function next() {
      if (st.busy || !st.more) return;
      st.busy = true;
      container.setAttribute('data-loading', '1');
      var filled = false;
      load().then(function (res) {
        res.nodes.forEach(function (n) { list.append(n); });
        st.more = res.more;
        if (!st.more) container.append(el('div', {'class': 'list-end', 'data-e2e': 'list-end'}, '暂时没有更多了'));
        filled = true;
      }).catch(function () {
        /* the next scroll tries again */
      }).finally(function () {
        st.busy = false;
        container.removeAttribute('data-loading');
        // Like the site's loading sentinel: a list that does not fill
        // its box, so that nobody can scroll it, asks for the next page
        // by itself.
        if (filled && st.more && container.scrollHeight <= container.clientHeight) next();
      });
    }
    container.addEventListener('scroll', function () {
      if (Date.now() - lastInput > 1500) return; // a script's scroll
      if (container.scrollTop + container.clientHeight >= container.scrollHeight - 400) next();
    });
    next();
    return st;
  }

  // ---------------------------------------------------------------------
  // Frame and login.
  var root = document.getElementById('root');
  function topBar() {
    return el('div', {'class': 'top-bar'}, [
      el('a', {'class': 'logo', href: '/'}, '抖音'),
      el('a', {href: '/user/self?showTab=post'}, '我的'),
      // The 私信 entry (variant dm-new-tab: in a new tab, creatorhub #10).
      el('a', {href: '/chat?isPopup=1', target: variant('dm-new-tab') ? '_blank' : null}, '私信'),
      el('div', {'class': 'spacer'}),
      // 通知 opens the notification pane (its text is what 2026 scripts
      // click: msgwatch, 2026-10; the hook is the replica's own).
      D.login ? el('a', {'class': 'notice-entry', 'data-e2e': 'notice-entry', on: {click: noticePane}}, '通知') : null,
      D.login ? el('span', {'data-e2e': 'user-avatar'}, '已登录') :
        (variant('login-closed') ?
          // The 2026 header's 登录 is a p without a hook (MediaCrawler login.py).
          el('p', {'class': 'header-login-text--x1', on: {click: loginModal}}, '登录') :
          el('button', {'class': 'btn', 'data-e2e': 'login-button', on: {click: loginModal}}, '登录'))
    ]);
  }
  // autoLogin opens the login modal by itself, as the site does when a
  // page needs a login (not in variant login-closed, MediaCrawler
  // login.py: then only a click on 登录 opens it).
  function autoLogin() { if (!variant('login-closed')) loginModal(); }
  function loginModal() {
    // The modal's id and the QR's container are the ones login scripts
    // of 2026 wait for (MediaCrawler media_platform/douyin/login.py):
    // #login-panel-new, #animate_qrcode_container img.
    if (document.getElementById('login-panel-new')) return;
    var img = el('img', {'class': 'web-login-scan-code__content__qrcode-wrapper__qrcode', alt: '二维码'});
    var refresh = el('div', {'class': 'web-login-scan-code__content__qrcode-wrapper__refresh', 'data-e2e': 'qrcode-refresh'}, '二维码已失效，点击刷新');
    var tip = el('p', {'class': 'web-login-scan-code__content__tip'}, '打开抖音App，扫码登录');
    var params = 'service=' + encodeURIComponent('https://www.douyin.com') + '&need_logo=false&need_short_url=true&device_platform=web_app' +
      '&aid=6383&account_sdk_source=sso&sdk_version=2.2.7-beta.6&language=zh';
    document.body.append(el('div', {'class': 'mask'}, el('div', {'class': 'login-modal', id: 'login-panel-new'}, [
      el('h2', {}, '扫码登录'),
      el('div', {'class': 'web-login-scan-code__content__qrcode-wrapper', id: 'animate_qrcode_container'}, [img, refresh]), tip])));
    var gen = 0;
    function getQR() {
      var mine = ++gen;
      refresh.style.display = 'none';
      fetch(SSO + '/get_qrcode/?' + params, {credentials: 'include'}).then(function (r) { return r.json(); }).then(function (j) {
        img.src = 'data:image/png;base64,' + j.data.qrcode;
        tip.textContent = '打开抖音App，扫码登录';
        poll(j.data.token, mine);
      });
    }
    function poll(token, mine) {
      setTimeout(function () {
        if (mine !== gen) return;
        fetch(SSO + '/check_qrconnect/?token=' + token + '&' + params, {credentials: 'include'}).then(function (r) { return r.json(); }).then(function (j) {
          var s = j.data.status;
          if (s === '3') { tip.textContent = '登录成功'; location.href = j.data.redirect_url; return; }
          if (s === '2') tip.textContent = '扫码成功，请在手机上确认';
          if (s === '5') { tip.textContent = '二维码已失效'; refresh.style.display = 'flex'; return; }
          poll(token, mine);
        }).catch(function () { poll(token, mine); });
      }, 1000);
    }
    refresh.addEventListener('click', getQR);
    getQR();
  }

  // ---------------------------------------------------------------------
  // Works: cards of a list of awemes.
  function workCard(a) {
    var path = (a.images && a.images.length ? '/note/' : '/video/') + a.aweme_id;
    return el('li', {'class': 'card', 'data-e2e': 'user-post-item'}, wrap('card', el('a', {href: path}, [
      el('img', {src: first(a.video && a.video.cover), alt: '', loading: 'lazy'}),
      a.is_top ? el('span', {'class': 'badge'}, '置顶') : null,
      el('p', {}, a.desc)
    ])));
  }
  // virtualise keeps only the rows of a four-column grid near the view in
  // the page: rows far above it leave the DOM (a spacer keeps their
  // height) and come back when scrolled to again, as the site's lists do
  // (real-sites-2026 §D4).
  function virtualise(box, grid) {
    var gone = [], spacer = el('li', {'class': 'grid-spacer', style: 'grid-column:1/-1;height:0;margin:0;padding:0'});
    function rowOf(n) { var r = []; for (var i = 0; i < 4 && n; i++) { r.push(n); n = n.nextElementSibling; } return r; }
    function adjust() {
      var top = box.getBoundingClientRect().top;
      for (;;) {
        var first = spacer.nextElementSibling;
        if (!first || grid.children.length < 1 + 4 * 4) break;
        var row = rowOf(first);
        if (row.length < 4 || row[3].getBoundingClientRect().bottom > top - box.clientHeight) break;
        var h = row[3].getBoundingClientRect().bottom - row[0].getBoundingClientRect().top + 12;
        row.forEach(function (n) { n.remove(); });
        gone.push({row: row, h: h});
        spacer.style.height = (parseFloat(spacer.style.height) + h) + 'px';
      }
      while (gone.length && spacer.getBoundingClientRect().bottom > top - box.clientHeight / 2) {
        var back = gone.pop();
        var after = spacer.nextElementSibling;
        back.row.forEach(function (n) { grid.insertBefore(n, after); });
        spacer.style.height = Math.max(0, parseFloat(spacer.style.height) - back.h) + 'px';
      }
    }
    grid.prepend(spacer);
    box.addEventListener('scroll', adjust);
  }
  // worksList pages a max_cursor list (works, likes, watch history) into
  // a container, count works a page.
  function worksList(host, path, params, count) {
    var box = el('div', {'class': 'scroll-list', 'data-e2e': 'scroll-list'});
    var grid = el('ul', {'class': 'grid'});
    box.append(wrap('works', grid));
    host.append(box);
    virtualise(box, grid);
    var cursor = 0;
    pager(box, grid, function () {
      return api(path, params + '&max_cursor=' + cursor + '&count=' + count).then(function (j) {
        if (j.status_code !== 0 || !j.aweme_list) throw new Error('list');
        cursor = j.max_cursor;
        return {nodes: j.aweme_list.map(workCard), more: j.has_more === 1};
      });
    });
  }
  // offsetList pages a cursor-offset list into a container.
  function offsetList(host, load, render) {
    var box = el('div', {'class': 'scroll-list', 'data-e2e': 'scroll-list'});
    var grid = el('ul', {'class': 'grid'});
    box.append(wrap('favorites', grid));
    host.append(box);
    var cursor = 0;
    pager(box, grid, function () {
      return load(cursor).then(function (j) {
        if (j.status_code !== 0) throw new Error('list');
        cursor = j.cursor;
        return {nodes: (j.list || []).map(render), more: !!j.has_more};
      });
    });
    return box;
  }

  // ---------------------------------------------------------------------
  // The profile page: header, tabs, follow dialogs, wallet.
  var me = null;
  function userPage() {
    root.append(topBar());
    var header = el('div', {'class': 'user-header', 'data-e2e': 'user-info'});
    var tabs = el('div', {'class': 'tabs'});
    var body = el('div', {'data-e2e': 'user-tab-body'});
    root.append(header, tabs, body);
    // /user/<sec_uid> asks for profile/other, /user/self for profile/self
    // (the 2026 build: creatorhub 58ba3315).
    var who = D.other ? api('user/profile/other/', 'sec_user_id=' + encodeURIComponent(D.other) + '&publish_video_strategy_type=2&source=channel_pc_web') :
      api('user/profile/self/', 'publish_video_strategy_type=2&source=channel_pc_web');
    who.then(function (j) {
      if (j.status_code !== 0 && !loggedOut(j)) throw new Error('refused');
      if (!j.user) {
        header.append(el('p', {'data-e2e': 'login-wall'}, '登录后查看你的主页'));
        autoLogin();
        return;
      }
      me = j.user;
      header.append(
        el('img', {src: first(me.avatar_thumb), alt: ''}),
        el('div', {}, [
          el('h1', {}, me.nickname),
          el('p', {}, '抖音号：' + me.unique_id + '　' + me.ip_location),
          el('p', {}, me.signature),
          el('div', {'class': 'user-stats'}, ordered('stats', [
            // Variant follow-no-e2e: the 关注 count without its hook (creatorhub 77ba2ad).
            el('div', {'data-e2e': variant('follow-no-e2e') ? null : 'user-info-follow', on: {click: function () { followDialog('following'); }}}, [el('b', {}, num(me.following_count)), '关注']),
            el('div', {'data-e2e': 'user-info-fans', on: {click: function () { followDialog('follower'); }}}, [el('b', {}, num(me.follower_count)), '粉丝']),
            el('div', {'data-e2e': 'user-info-like'}, [el('b', {}, num(me.total_favorited)), '获赞'])
          ]))
        ]),
        el('div', {'class': 'spacer'})
      );
      // 观看历史 and 稍后再看 are the tabs of showTab=record and
      // showTab=watch_later (real-sites-2026 §D10); the own 合集 and 音乐
      // tabs are unverified.
      ordered('tabs', [['post', '作品 ' + me.aweme_count], ['like', '喜欢 ' + me.favoriting_count], ['favorite_collection', '收藏'],
        ['record', '观看历史'], ['watch_later', '稍后再看'], ['mix', '合集'], ['music', '音乐']]).forEach(function (t) {
        tabs.append(el('a', {'data-e2e': 'user-tab-' + t[0], 'class': t[0] === D.tab ? 'active' : '', on: {click: function () { showTab(t[0]); }}}, t[1]));
      });
      showTab(D.tab);
    }).catch(function (e) {
      // A refused call (429, the network): the site shows a placeholder
      // and waits for the person to load the page again.
      if (e.message !== 'verify') header.append(el('p', {'data-e2e': 'load-error'}, '加载失败，请刷新重试'));
    });
    function showTab(tab) {
      D.tab = tab;
      history.replaceState(null, '', '/user/self?showTab=' + tab);
      tabs.querySelectorAll('a').forEach(function (a) { a.className = a.getAttribute('data-e2e') === 'user-tab-' + tab ? 'active' : ''; });
      body.textContent = '';
      var sec = 'sec_user_id=' + encodeURIComponent(me.sec_uid);
      if (broken({like: 'likes', favorite_collection: 'favorites', record: 'history', watch_later: 'watch_later', mix: 'series', music: 'sounds'}[tab] || 'posts')) return;
      if (tab === 'like') worksList(body, 'aweme/favorite/', sec, 18);
      else if (tab === 'favorite_collection') favorites(body);
      else if (tab === 'record') worksList(body, 'history/read/', 'directory=0&category=0&status=-1', 20);
      else if (tab === 'watch_later') {
        offsetList(body, function (cursor) {
          return api('watchlater/list/', 'cursor=' + cursor + '&count=20').then(function (j) { j.list = j.aweme_list; return j; });
        }, workCard);
      } else if (tab === 'mix') {
        offsetList(body, function (cursor) {
          return api('mix/list/', sec + '&max_cursor=' + cursor + '&count=12').then(function (j) { j.list = j.mix_infos; return j; });
        }, function (m) {
          return el('li', {'class': 'card', 'data-e2e': 'user-mix-item'}, el('a', {href: '/collection/' + m.mix_id}, [
            el('img', {src: first(m.cover_url), alt: ''}), el('p', {}, m.mix_name + ' · 更新至' + m.statis.updated_to_episode + '集')]));
        });
      } else if (tab === 'music') {
        offsetList(body, function (cursor) {
          return api('music/list/', sec + '&max_cursor=' + cursor + '&count=20').then(function (j) { j.list = j.music_list; return j; });
        }, function (m) {
          return el('li', {'class': 'row', 'data-e2e': 'user-music-item'}, [el('b', {}, m.title), el('span', {}, m.author)]);
        });
      } else worksList(body, 'aweme/post/', sec + '&locate_query=false&show_live_replay_strategy=1&need_time_list=1&time_list_query=0&cut_version=1&publish_video_strategy_type=2', 18);
    }
  }

  // favorites is the 收藏 tab: videos (a POST with its cursor in the
  // body), folders and their works, series, music.
  function favorites(host) {
    var sub = el('div', {'class': 'subtabs'});
    var pane = el('div', {});
    host.append(sub, pane);
    var views = {
      video: function () {
        offsetList(pane, function (cursor) {
          return api('aweme/listcollection/', 'publish_video_strategy_type=2', {method: 'POST', form: 'count=10&cursor=' + cursor})
            .then(function (j) { j.list = j.aweme_list; return j; });
        }, workCard);
      },
      folder: function () {
        var grid = el('div', {'class': 'grid', 'data-e2e': 'collects-folders'});
        pane.append(grid);
        api('collects/list/', 'cursor=0&count=10').then(function (j) {
          (j.collects_list || []).forEach(function (f) {
            grid.append(el('div', {'class': 'card', 'data-e2e': 'collects-folder', 'data-name': f.collects_name, on: {click: function () { folder(f); }}},
              [el('p', {}, f.collects_name), el('p', {}, f.total_number + '个作品')]));
          });
        });
      },
      mix: function () {
        offsetList(pane, function (cursor) {
          return api('mix/listcollection/', 'cursor=' + cursor + '&count=12').then(function (j) { j.list = j.mix_infos; return j; });
        }, function (m) {
          return el('li', {'class': 'card', 'data-e2e': 'collects-mix'}, [el('img', {src: first(m.cover_url), alt: ''}), el('p', {}, m.mix_name)]);
        });
      },
      // Favourited short dramas (DouK-Downloader collects.py).
      drama: function () {
        offsetList(pane, function (cursor) {
          return api('series/collections/', 'cursor=' + cursor + '&count=12').then(function (j) { j.list = j.series_infos; return j; });
        }, function (d) {
          return el('li', {'class': 'card', 'data-e2e': 'collects-series'}, [el('img', {src: first(d.cover_url), alt: ''}), el('p', {}, d.series_name)]);
        });
      },
      music: function () {
        offsetList(pane, function (cursor) {
          return api('music/listcollection/', 'cursor=' + cursor + '&count=12').then(function (j) { j.list = j.mc_list; return j; });
        }, function (m) {
          return el('li', {'class': 'row', 'data-e2e': 'collects-music'}, [el('b', {}, m.title), el('span', {}, m.author)]);
        });
      }
    };
    function folder(f) {
      pane.textContent = '';
      pane.append(el('button', {'class': 'btn ghost', 'data-e2e': 'collects-back', on: {click: function () { open('folder'); }}}, '返回'),
        el('h3', {'data-e2e': 'collects-title'}, f.collects_name));
      offsetList(pane, function (cursor) {
        return api('collects/video/list/', 'collects_id=' + f.collects_id_str + '&cursor=' + cursor + '&count=10')
          .then(function (j) { j.list = j.aweme_list; return j; });
      }, workCard);
    }
    function open(name) {
      pane.textContent = '';
      sub.querySelectorAll('a').forEach(function (a) { a.className = a.getAttribute('data-e2e') === 'favorite-tab-' + name ? 'active' : ''; });
      views[name]();
    }
    ordered('favorites', [['video', '视频'], ['folder', '收藏夹'], ['mix', '合集'], ['music', '音乐'], ['drama', '短剧']]).forEach(function (t) {
      sub.append(el('a', {'data-e2e': 'favorite-tab-' + t[0], on: {click: function () { open(t[0]); }}}, t[1]));
    });
    open('video');
  }

  // followDialog pages a follow list by time windows: each page's
  // min_time is the next page's max_time.
  function followDialog(which) {
    var list = el('div', {});
    // The scroll box and its end are user-fans-container and
    // user-fans-footer (several 2024–26 scripts); the items' hook is
    // unverified.
    var box = el('div', {'class': 'follow-list', 'data-e2e': 'user-fans-container'}, wrap('follow', list));
    var mask = el('div', {'class': 'mask', 'data-e2e': 'follow-dialog'}, el('div', {'class': 'dialog'}, [
      el('h3', {}, which === 'following' ? '关注' : '粉丝'),
      el('button', {'class': 'btn ghost', 'data-e2e': 'follow-close', on: {click: function () { mask.remove(); }}}, '关闭'), box]));
    document.body.append(mask);
    if (broken(which === 'following' ? 'following' : 'followers')) { box.remove(); return; }
    var maxTime = 0;
    pager(box, list, function () {
      return api('user/' + which + '/list/', 'user_id=' + me.uid + '&sec_user_id=' + encodeURIComponent(me.sec_uid) + '&offset=0&min_time=0&max_time=' + maxTime +
        '&count=20&source_type=' + (which === 'following' ? 4 : 1) + '&gps_access=0&address_book_access=0&is_top=1').then(function (j) {
        var users = j.followings || j.followers;
        if (j.status_code !== 0 || !users) throw new Error('list');
        maxTime = j.min_time;
        if (!users.length && j.has_more) box.append(el('div', {'class': 'fans-footer', 'data-e2e': 'user-fans-footer'}, '暂时没有更多了'));
        return {nodes: users.map(function (u) {
          return el('div', {'class': 'row', 'data-e2e': 'follow-item'}, [el('img', {src: first(u.avatar_thumb), alt: ''}),
            el('div', {}, [el('b', {}, u.nickname), el('p', {}, u.signature)])]);
        }), more: j.has_more === true && users.length > 0};
      });
    });
  }

  // noticePane is the notification pane the top bar's 通知 opens: its
  // groups (notice_group 700 all, 2 comments, 3 likes, 401 followers,
  // 601 @, 520 danmaku: cv-cat/DouYin_Spider 2026-07), each paged by
  // time (each page's min_time is the next one's max_time).
  function noticePane() {
    if (document.querySelector('[data-e2e=notice-pane]')) return;
    var tabs = el('div', {'class': 'subtabs'});
    var box = el('div', {'class': 'notice-list', 'data-e2e': 'notice-list'});
    var pane = el('div', {'class': 'notice-pane', 'data-e2e': 'notice-pane', role: 'dialog', 'aria-label': '通知'}, [
      el('h3', {}, '通知'), el('button', {'class': 'btn ghost', 'data-e2e': 'notice-close', on: {click: function () { pane.remove(); }}}, '关闭'), tabs, box]);
    document.body.append(pane);
    function text(n) {
      var u = function (x) { return (x && x.nickname) || ''; };
      if (n.comment) return u(n.comment.comment.user) + ' 评论了你：' + n.comment.comment.text;
      if (n.follow) return u(n.follow.from_user) + ' 关注了你';
      if (n.digg) return u((n.digg.from_user || [])[0]) + ' 赞了你的作品 ' + n.digg.aweme.desc;
      if (n.at) return u(n.at.from_user) + ' @了你：' + n.at.content;
      if (n.danmaku) return u(n.danmaku.from_user) + ' 的弹幕：' + n.danmaku.content;
      return '';
    }
    function open(group) {
      box.textContent = '';
      tabs.querySelectorAll('a').forEach(function (a) { a.className = a.getAttribute('data-group') === group ? 'active' : ''; });
      if (broken('notifications')) return;
      var list = el('div', {}), maxTime = 0;
      box.append(list);
      pager(box, list, function () {
        return api('notice/', 'is_new_notice=1&is_mark_read=1&notice_group=' + group + '&count=10&min_time=0&max_time=' + maxTime).then(function (j) {
          if (j.status_code !== 0 || !j.notice_list_v2) throw new Error('notices');
          maxTime = j.min_time;
          return {nodes: j.notice_list_v2.map(function (n) {
            return el('div', {'class': 'row notice-item', 'data-e2e': 'notice-item'}, [el('p', {}, text(n)), el('span', {'class': 'when'}, when(n.create_time))]);
          }), more: j.has_more === 1};
        });
      });
    }
    [['700', '全部'], ['2', '评论'], ['3', '赞'], ['401', '粉丝'], ['601', '@我的'], ['520', '弹幕']].forEach(function (t) {
      tabs.append(el('a', {'data-group': t[0], on: {click: function () { open(t[0]); }}}, t[1]));
    });
    open('700');
  }

  // A series' page, /collection/<mix_id>: its works through mix/aweme.
  function collectionPage() {
    root.append(topBar());
    var body = el('div', {'data-e2e': 'collection-body'});
    root.append(el('h2', {'class': 'collection-title'}, '合集'), body);
    if (!D.login || broken('series')) return;
    offsetList(body, function (cursor) {
      return api('mix/aweme/', 'mix_id=' + encodeURIComponent(D.mixId) + '&cursor=' + cursor + '&count=20').then(function (j) { j.list = j.aweme_list; return j; });
    }, workCard);
  }

  // The 抖币 page, /pay (real-sites-2026 §D9: the page and
  // /webcast/wallet/info/?account_type=0&aid=1128 are in public code; the
  // panel's DOM is not documented: its data-e2e hooks are unverified, and
  // the profile finds it by class as well).
  function payPage() {
    root.append(topBar());
    var panel = el('div', {'class': 'dialog wallet-panel', 'data-e2e': 'wallet-panel'}, el('h3', {}, '抖币'));
    root.append(panel);
    if (!D.login || broken('wallet')) return;
    api('/webcast/wallet/info/', 'account_type=0&aid=1128').then(function (j) {
      var d = j.data || {};
      panel.append(el('p', {}, '抖币余额'), el('div', {'class': 'amount', 'data-e2e': 'wallet-diamond'}, String(d.diamond)),
        el('p', {}, '零钱'), el('div', {'class': 'amount', 'data-e2e': 'wallet-money'}, '¥' + (d.money / 100).toFixed(2)),
        el('button', {'class': 'btn'}, '充值'));
      panel.setAttribute('data-loaded', '1');
    });
  }

  // ---------------------------------------------------------------------
  // A work's page: the work and its comment pane, replies behind 展开.
  function workPage() {
    root.append(topBar());
    var media = el('div', {'class': 'work-media'});
    var info = el('div', {'class': 'info'});
    var list = el('div', {});
    var pane = el('div', {'class': 'comment-list', 'data-e2e': 'comment-list'}, wrap('comments', list));
    root.append(el('div', {'class': 'work-page'}, [media, el('div', {'class': 'work-side'}, [info, pane])]));
    api('aweme/detail/', 'aweme_id=' + D.awemeId).then(function (j) {
      var a = j.aweme_detail;
      if (!a) { info.append(el('p', {'data-e2e': 'work-gone'}, (j.filter_detail && j.filter_detail.detail_msg) || '作品不存在')); return; }
      media.append(el('img', {src: first(a.video && a.video.cover), alt: ''}));
      info.append(el('p', {}, '@' + a.author.nickname), el('p', {'data-e2e': 'work-desc'}, a.desc),
        el('p', {}, num(a.statistics.digg_count) + ' 赞 · ' + a.statistics.comment_count + ' 条评论'));
    });
    var cursor = 0;
    if (broken('comments')) { pane.remove(); return; }
    pager(pane, list, function () {
      return api('comment/list/', 'aweme_id=' + D.awemeId + '&cursor=' + cursor + '&count=20&item_type=0&insert_ids=&whale_cut_token=&cut_version=1&rcFT=').then(function (j) {
        if (j.status_code !== 0 || j.comments === undefined) throw new Error('comments');
        cursor = j.cursor;
        return {nodes: (j.comments || []).map(commentItem), more: j.has_more === 1};
      });
    });
  }
  function commentBody(c) {
    var kids = [el('div', {'class': 'who'}, c.user.nickname + (c.label_text ? ' · ' + c.label_text : '') + ' · ' + when(c.create_time) + ' · ' + c.ip_label),
      el('div', {'class': 'comment-text'}, (c.reply_to_username ? '回复 @' + c.reply_to_username + '：' : '') + c.text)];
    if (c.image_list && c.image_list.length) kids.push(el('img', {src: first(c.image_list[0].medium_url), alt: '', style: 'width:90px'}));
    return kids;
  }
  function commentItem(c) {
    var item = el('div', {'class': 'comment-item', 'data-e2e': 'comment-item'}, commentBody(c));
    var total = c.reply_comment_total || 0;
    if (total > 0) {
      var replies = el('div', {'class': 'replies'});
      var btn = el('button', {'class': 'comment-reply-expand-btn'}, '展开' + total + '条回复');
      var cursor = 0, busy = false, clicks = 0, all = false;
      btn.addEventListener('click', function () {
        if (all && variant('collapse-class')) {
          // 收起 shares the expander's class (unverified): it folds the
          // thread, and the next click unfolds it without asking.
          var open = replies.style.display !== 'none';
          replies.style.display = open ? 'none' : '';
          btn.textContent = open ? '展开' + total + '条回复' : '收起';
          return;
        }
        if (busy || btn.className !== 'comment-reply-expand-btn') return;
        busy = true;
        api('comment/list/reply/', 'item_id=' + c.aweme_id + '&comment_id=' + c.cid + '&cut_version=1&cursor=' + cursor + '&count=' + (clicks ? 10 : 3) + '&item_type=0')
          .then(function (j) {
            if (j.status_code !== 0 || j.comments === undefined) throw new Error('replies');
            clicks++;
            (j.comments || []).forEach(function (r) { replies.append(el('div', {'class': 'reply-item', 'data-e2e': 'comment-reply-item'}, commentBody(r))); });
            cursor = j.cursor;
            if (j.has_more === 1) btn.textContent = '展开更多';
            else {
              btn.textContent = '收起';
              all = true;
              if (!variant('collapse-class')) btn.className = 'comment-reply-collapse-btn';
            }
          }).catch(function () { /* click again */ }).finally(function () { busy = false; });
      });
      item.append(replies, btn);
    }
    return item;
  }

  // ---------------------------------------------------------------------
  // The chat: every conversation from get_message_by_init, their people's
  // names from im/user/info, each conversation's history from
  // get_by_conversation, in protobuf (see im.go for the layout and its
  // sources). Both lists are virtualised: only the items near the view are
  // in the DOM. A conversation opens on a real pointer press and release
  // (React ignores a script's click(): douyin-chat-export 7ee312f8).
  function varint(n) {
    n = BigInt(n);
    var out = [];
    while (n >= 128n) { out.push(Number(n & 127n) | 128); n >>= 7n; }
    out.push(Number(n));
    return out;
  }
  var PB = {
    uint: function (f, v) { return varint(f * 8).concat(varint(v)); },
    bytes: function (f, b) { return varint(f * 8 + 2).concat(varint(b.length), Array.from(b)); },
    str: function (f, s) { return PB.bytes(f, utf8(s)); },
    parse: function (buf) {
      var out = {}, i = 0;
      function rv() {
        var v = 0n, s = 0n, c;
        do { c = buf[i++]; v |= BigInt(c & 127) << s; s += 7n; } while (c & 128);
        return v;
      }
      while (i < buf.length) {
        var key = rv(), f = Number(key >> 3n), w = Number(key & 7n), val;
        if (w === 0) val = rv();
        else if (w === 2) { var n = Number(rv()); val = buf.subarray(i, i + n); i += n; }
        else throw new Error('wire type ' + w);
        (out[f] = out[f] || []).push(val);
      }
      return out;
    }
  };
  var dec = new TextDecoder();
  var seq = 10000;
  function imCall(path, cmd, body) {
    seq++;
    var req = PB.uint(1, cmd).concat(PB.uint(2, seq), PB.str(3, '0.1.6'), PB.bytes(8, PB.bytes(cmd, body)),
      PB.str(11, 'douyin_pc'), PB.str(21, 'douyin_web'), PB.str(22, 'web_sdk'));
    return fetch(IM + path + '?aid=6383&version_code=290100&device_platform=web', {
      method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/x-protobuf'}, body: new Uint8Array(req)
    }).then(function (r) { return r.arrayBuffer(); }).then(function (b) {
      var resp = PB.parse(new Uint8Array(b));
      if (resp[3] && resp[3][0] !== 0n) throw new Error('imapi error ' + resp[3][0]);
      return PB.parse(PB.parse(resp[6][0])[cmd][0]);
    });
  }
  function message(b) {
    var m = PB.parse(b), c = {}, at = 0;
    try { c = JSON.parse(dec.decode(m[8][0])); } catch (e) { /* shown empty */ }
    (m[9] || []).forEach(function (e) {
      var kv = PB.parse(e);
      if (dec.decode(kv[1][0]) === 's:server_message_create_time') at = Number(dec.decode(kv[2][0]));
    });
    return {id: m[3][0].toString(), index: m[4] ? m[4][0] : 0n, type: Number(m[6][0]), at: at, sender: m[7][0].toString(),
      mine: m[7][0].toString() === window.conversationStore.me, content: c, quoted: m[18] ? message(m[18][0]) : null};
  }
  function shownText(m) {
    var c = m.content;
    if (c.trans_type !== undefined) return c.title || '';
    if (m.type === 8 || c.itemId) return c.content_title || '';
    if (m.type === 7) return c.text || '';
    return '';
  }
  // The SDK's history cache (variant im-cache: douyin-chat-export
  // 685e0d93 clears IndexedDB and reloads because a conversation shows
  // from it without asking the server).
  var CACHE = {
    db: null,
    open: function () {
      if (!variant('im-cache')) return Promise.resolve(null);
      return new Promise(function (ok) {
        var r = indexedDB.open('im_sdk_message_cache', 1);
        r.onupgradeneeded = function () { r.result.createObjectStore('history'); };
        r.onsuccess = function () { CACHE.db = r.result; ok(CACHE.db); };
        r.onerror = function () { ok(null); };
      });
    },
    get: function (id) {
      if (!CACHE.db) return Promise.resolve(null);
      return new Promise(function (ok) {
        var g = CACHE.db.transaction('history').objectStore('history').get(id);
        g.onsuccess = function () { ok(g.result || null); };
        g.onerror = function () { ok(null); };
      });
    },
    put: function (id, page) {
      if (CACHE.db) CACHE.db.transaction('history', 'readwrite').objectStore('history').put(page, id);
    }
  };
  window.conversationStore = {curConversationId: '', me: ''};
  function chatPage() {
    root.append(topBar());
    var convList = el('div', {'class': 'conversationConversationListwrapper--e2c1', 'data-e2e': 'conversation-list'});
    var convSpacer = el('div', {'class': 'conversationConversationListspacer--a7'});
    convList.append(wrap('conversations', convSpacer));
    var peer = el('div', {'class': 'peer'}, '选择一个会话');
    var spacer = el('div', {'class': 'messageMessageListspacer--z1'});
    var box = el('div', {'class': 'messageMessageListlist--sK9w', 'data-e2e': 'message-list'}, spacer);
    root.append(el('div', {'class': 'chat'}, [convList, el('div', {'class': 'chat-main'}, [peer, box])]));
    var convs = [], names = {}, ROW = 64;
    api('user/profile/self/', '').then(function (j) {
      if (j.status_code !== 0 && !loggedOut(j)) throw new Error('refused');
      if (!j.user) { convList.append(el('p', {}, '登录后查看私信')); autoLogin(); return; }
      window.conversationStore.me = j.user.uid;
      if (!broken('messages')) CACHE.open().then(loadConversations);
    });
    function loadConversations() {
      imCall('/v1/message/get_message_by_init', 2043, PB.uint(1, Date.now() * 1000).concat(PB.uint(2, 1))).then(function (init) {
        var secs = [];
        (init[1] || []).forEach(function (wb) {
          var w = PB.parse(wb), core = PB.parse(w[1][0]), members = [];
          (core[6] ? PB.parse(core[6][0])[1] || [] : []).forEach(function (pb) {
            var p = PB.parse(pb);
            members.push({uid: p[1][0].toString(), sec: p[5] ? dec.decode(p[5][0]) : ''});
          });
          members.forEach(function (p) { if (p.uid !== window.conversationStore.me && secs.indexOf(p.sec) < 0) secs.push(p.sec); });
          convs.push({id: dec.decode(core[1][0]), short: core[2][0], type: core[3][0], members: members,
            last: w[2] ? message(w[2][0]) : null});
        });
        // Refused, the list shows uids where names would be.
        return api('im/user/info/', '', {method: 'POST', form: 'sec_user_ids=' + encodeURIComponent(JSON.stringify(secs))})
          .catch(function () { return {data: []}; });
      }).then(function (j) {
        (j.data || []).forEach(function (u) { names[u.uid] = u.nickname; });
        convSpacer.style.height = (convs.length * ROW) + 'px';
        renderConversations();
        convList.setAttribute('data-loaded', '1');
        if (variant('im-cache')) convs.forEach(function (c) { prefetch(c); });
      });
    }
    function title(c) {
      var others = c.members.filter(function (p) { return p.uid !== window.conversationStore.me; });
      var n = others.map(function (p) { return names[p.uid] || p.uid; });
      return c.type === 1n ? n[0] : n.join('、') + '（' + c.members.length + '）';
    }
    function renderConversations() {
      var top = convList.scrollTop - ROW, bottom = convList.scrollTop + convList.clientHeight + ROW;
      convSpacer.textContent = '';
      convs.forEach(function (c, i) {
        if ((i + 1) * ROW < top || i * ROW > bottom) return;
        var last = c.last;
        var item = el('div', {'class': 'conversationConversationItemwrapper--Jm0s' + (c.id === window.conversationStore.curConversationId ? ' curConversation' : ''),
          'data-e2e': 'conversation-item', 'data-index': String(i), style: 'top:' + (i * ROW) + 'px;height:' + ROW + 'px'}, [
          el('div', {'class': 'conversationConversationItemtitle--bV7n'}, [title(c), ' ',
            el('span', {'class': 'ConversationItemTagNextToTitletimeStr--T5a9'}, last ? when(last.at / 1e3).slice(5) : '')]),
          el('pre', {'class': 'ConversationItemHinttextBox--pQ1x'}, last ? shownText(last) : '')]);
        var pressed = false;
        item.addEventListener('pointerdown', function (e) { pressed = e.isTrusted; });
        item.addEventListener('pointerup', function (e) {
          if (!pressed || !e.isTrusted) return;
          pressed = false;
          openConversation(c);
          renderConversations();
        });
        convSpacer.append(item);
      });
    }
    convList.addEventListener('scroll', renderConversations);
    // The open conversation.
    var cv = null;
    function layout() {
      var y = 0;
      cv.msgs.forEach(function (m, i) {
        var prev = cv.msgs[i - 1];
        m.time = !prev || m.at - prev.at > 5 * 60 * 1e3;
        var text = shownText(m);
        m.h = (m.type === 8 || m.content.itemId) ? 84 : m.type === 27 ? 140 : m.type === 5 ? 80 : 24 + 22 * Math.max(1, Math.ceil(Array.from(text).length / 15));
        if (cv.type !== 1n && !m.mine) m.h += 18;
        if (m.quoted) m.h += 22;
        if (m.time) m.h += 26;
        m.y = y;
        y += m.h;
      });
      spacer.style.height = y + 'px';
      return y;
    }
    function bubble(m) {
      var c = m.content;
      if (c.trans_type !== undefined) return el('div', {'class': 'MessageItemTransfercard--k2'}, c.title || '');
      if (m.type === 8 || c.itemId) return el('div', {'class': 'MessageItemShareAwemecontainer--mH4d'}, [el('span', {'class': 'MessageItemShareAwemetitle--w8Rz'}, c.content_title || '')]);
      if (m.type === 27) return el('div', {'class': 'MessageItemImagebox--p9'}, '[图片]');
      if (m.type === 5) return el('img', {'class': 'MessageItemEmojiimage--e3', alt: c.display_name || '', src: ((c.url || {}).url_list || [''])[0]});
      if (m.type === 17) return el('div', {'class': 'MessageItemVoicebox--v4'}, '语音 ' + Math.round((c.duration || 0) / 1000) + '″');
      return el('span', {'class': 'TextMessageTextpureText--f0Jt'}, c.text || '');
    }
    function render() {
      if (!cv) return;
      var top = box.scrollTop - 120, bottom = box.scrollTop + box.clientHeight + 120, shown = 0;
      spacer.textContent = '';
      for (var i = 0; i < cv.msgs.length && shown < 24; i++) {
        var m = cv.msgs[i];
        if (m.y + m.h < top || m.y > bottom) continue;
        shown++;
        spacer.append(el('div', {'class': 'messageMessageBoxmessageBox--H3lq' + (m.mine ? ' messageMessageBoxisFromMe--q0Yw' : ''), style: 'top:' + m.y + 'px;height:' + m.h + 'px'}, [
          m.time ? el('div', {'class': 'MessageBoxTimetimeLayout--c8Ee'}, when(m.at / 1e3)) : null,
          cv.type !== 1n && !m.mine ? el('div', {'class': 'MessageBoxNicknamename--g1'}, names[m.sender] || m.sender) : null,
          el('div', {'class': 'messageMessageBoxcontentBox--u2Po'}, [bubble(m),
            m.quoted ? el('div', {'class': 'MessageItemQuotebox--q5'}, '「' + (shownText(m.quoted) || '[消息]') + '」') : null])]));
      }
    }
    function history(c, cursor) {
      return imCall('/v1/message/get_by_conversation', 301, PB.str(1, c.id).concat(PB.uint(2, c.type), PB.uint(3, c.short), PB.uint(4, 1),
        PB.uint(5, cursor), PB.uint(6, 20)));
    }
    function prefetch(c) {
      CACHE.get(c.id).then(function (hit) {
        if (hit) return;
        history(c, 0n).then(function (h) {
          CACHE.put(c.id, {msgs: (h[1] || []).map(function (b) { return Array.from(b); }), more: !!(h[3] && h[3][0] === 1n), cursor: h[2] ? h[2][0].toString() : '0'});
        });
      });
    }
    function older(mine, h) {
      var older = (h[1] || []).map(message).reverse();
      var before = spacer.offsetHeight;
      mine.msgs = older.concat(mine.msgs);
      mine.more = !!(h[3] && h[3][0] === 1n);
      if (h[2]) mine.cursor = h[2][0];
      var after = layout();
      if (mine.first) { mine.first = false; box.scrollTop = after; }
      else box.scrollTop += after - before;
      render();
    }
    function loadOlder() {
      if (!cv || cv.busy || !cv.more) return;
      var mine = cv;
      mine.busy = true;
      box.setAttribute('data-loading', '1');
      var cached = mine.first ? CACHE.get(mine.id) : Promise.resolve(null);
      cached.then(function (hit) {
        if (mine !== cv) return null;
        if (hit) {
          var h = {1: hit.msgs.map(function (a) { return new Uint8Array(a); })};
          if (hit.more) h[3] = [1n];
          h[2] = [BigInt(hit.cursor)];
          older(mine, h);
          return null;
        }
        return history(mine, mine.cursor).then(function (h) { if (mine === cv) older(mine, h); });
      }).catch(function () { /* scroll again */ }).finally(function () {
        mine.busy = false;
        box.removeAttribute('data-loading');
      });
    }
    function openConversation(conv) {
      cv = {id: conv.id, short: conv.short, type: conv.type, msgs: [], more: true, cursor: 0n, busy: false, first: true};
      window.conversationStore.curConversationId = conv.id;
      peer.textContent = title(conv);
      spacer.textContent = '';
      spacer.style.height = '0px';
      box.scrollTop = 0;
      loadOlder();
    }
    box.addEventListener('scroll', function () {
      render();
      if (box.scrollTop < 300) loadOlder();
    });
  }

  function homePage() {
    root.append(topBar(), el('div', {style: 'padding:40px'}, [el('h2', {}, '推荐'), el('p', {}, '记录美好生活')]));
    if (!D.login) setTimeout(autoLogin, 500);
  }

  ({home: homePage, user: userPage, work: workPage, collection: collectionPage, chat: chatPage, pay: payPage}[D.route] || homePage)();
  if (D.captcha) captchaOverlay();
  // The calls this deploy's page makes that nobody documented.
  if (D.login) DRIFT.calls.forEach(function (p) { api(p, '').catch(function () { /* nobody looks */ }); });
})();
