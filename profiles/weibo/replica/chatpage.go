package replica

import (
	"fmt"
	"net/http"
)

// chatPage serves api.weibo.com/chat, the web's private messages: a
// single-page app that asks the webim API for the conversations and, as a
// conversation is opened and scrolled up, for its messages, a page at a
// time. The page loads the same with or without a session; only the API
// tells (§W10: "URL, title, #app and [class*=chat] are the same with an
// expired cookie").
//
// Its DOM is unverified: nobody documents the real page's elements. The
// profile finds conversations by the names the API gives and the message
// list as the scrollable box right of the list, with class hooks only as
// a first guess; messages are told apart by the side they sit on.
func (r *Replica) chatPage(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, chatHTML)
}

const chatHTML = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>微博私信</title>
<style>
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;background:#f2f2f5;color:#333}
#app{display:flex;height:100vh}
.chat-contacts{width:280px;background:#fff;border-right:1px solid #e6e6e6;overflow-y:auto;margin:0;padding:0;list-style:none}
.chat-contacts li{display:flex;gap:8px;padding:10px 12px;cursor:pointer;border-bottom:1px solid #f3f3f3}
.chat-contacts li.on{background:#f0f4ff}.chat-contacts img{width:40px;height:40px;border-radius:50%}
.chat-contacts .nm{font-size:14px;font-weight:bold}.chat-contacts .pv{font-size:12px;color:#999;white-space:nowrap;overflow:hidden;max-width:180px}
.chat-main{flex:1;display:flex;flex-direction:column;min-width:0}
.chat-title{padding:14px 20px;background:#fff;border-bottom:1px solid #e6e6e6;font-weight:bold;min-height:20px}
.chat-msgs{flex:1;overflow-y:auto;padding:0 20px}
.chat-msgs .tm{text-align:center;color:#aaa;font-size:12px;padding:8px 0}
.chat-msgs .row{display:flex;padding:6px 0}.chat-msgs .row.self{justify-content:flex-end}
.chat-msgs .who{font-size:12px;color:#999;margin-bottom:2px}
.chat-msgs .row>div{max-width:60%;min-width:0}
.chat-msgs .bubble{background:#fff;border-radius:8px;padding:8px 12px;line-height:22px;white-space:pre-wrap;word-break:break-all}
.chat-msgs .self .bubble{background:#ffe3c9}.chat-msgs .bubble img{display:block;width:160px;height:120px}
.chat-msgs .card{margin-top:6px;padding:6px;border-left:3px solid #ff8200;background:#fafafa;font-size:12px}
.chat-msgs .file{display:block;padding:6px 0;color:#4a6ee0}
.chat-msgs .top{text-align:center;color:#bbb;font-size:12px;padding:8px 0}
</style></head>
<body><div id="app" class="chat-app">
<ul class="chat-contacts" id="contacts"></ul>
<section class="chat-main"><div class="chat-title" id="title"></div><div class="chat-msgs" id="msgs"></div></section>
</div>
<script>
(function(){
  var SRC = '209678993';
  function el(tag, cls, text){ var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  // contacts.json may come as base64 text (variant chat-base64).
  function get(path){
    return fetch(path, {credentials: 'include'}).then(function(r){ return r.text(); }).then(function(t){
      t = t.trim();
      if (t && t[0] !== '{' && t[0] !== '[') t = new TextDecoder().decode(Uint8Array.from(atob(t), function(c){ return c.charCodeAt(0); }));
      return JSON.parse(t);
    });
  }
  var contacts = document.getElementById('contacts'), msgs = document.getElementById('msgs'), title = document.getElementById('title');
  function pad(n){ return (n < 10 ? '0' : '') + n; }
  function when(d){ return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()); }
  var me = '';
  get('/webim/query_primary_info.json?source=' + SRC).then(function(j){
    if (j.profile) me = String(j.profile.id);
    return get('/webim/2/direct_messages/contacts.json?special_source=3&add_virtual_user=3,4&is_include_group=0&need_back=0,0&is_include_folder=1&count=50&source=' + SRC + '&t=' + Date.now()).then(function(j){
    if (j.error_code) { title.textContent = '登录后查看私信'; return; }
    (j.contacts || []).forEach(function(c){
      var u = c.user, group = u.type === 2;
      var li = el('li', 'contact-item'); li.setAttribute('data-id', u.idstr);
      var img = el('img'); img.src = u.profile_image_url; li.appendChild(img);
      var box = el('div'); box.appendChild(el('div', 'nm', u.remark || u.screen_name || u.name));
      box.appendChild(el('div', 'pv', (c.message && c.message.text) || '[图片]')); li.appendChild(box);
      li.addEventListener('click', function(){
        [].forEach.call(contacts.children, function(x){ x.classList.remove('on'); });
        li.classList.add('on');
        open(u.idstr, group, u.remark || u.screen_name || u.name);
      });
      contacts.appendChild(li);
    });
  });
  });
  var cur = null;
  function open(id, group, name){
    cur = {id: id, group: group, oldest: '', loading: false, end: false, last: 0};
    title.textContent = name + (group ? '（群聊）' : '');
    msgs.textContent = '';
    older(true);
  }
  function pageOf(c){
    if (c.group) return '/webim/groupchat/query_messages.json?convert_emoji=1&query_sender=1&count=20&id=' + c.id + '&max_mid=' + (c.oldest || 0) + '&source=' + SRC + '&t=' + Date.now();
    var max = c.oldest ? (BigInt(c.oldest) - 1n).toString() : '0';
    return '/webim/2/direct_messages/conversation.json?convert_emoji=1&count=20&max_id=' + max + '&uid=' + c.id + '&is_include_group=0&from_contacts=1&source=' + SRC + '&t=' + Date.now();
  }
  function older(first){
    var c = cur;
    if (c.loading || c.end) return;
    c.loading = true;
    get(pageOf(c)).catch(function(){ return {error_code: -1}; }).then(function(j){
      if (c !== cur) return;
      c.loading = false;
      // A refused page (429, an error) is asked again at the next scroll.
      if (j.error_code) return;
      var list = c.group ? (j.messages || []) : (j.direct_messages || []).slice().reverse();
      if (!list.length) { c.end = true; msgs.insertBefore(el('div', 'top', '没有更多消息了'), msgs.firstChild); return; }
      c.oldest = String(list[0].id);
      var h = msgs.scrollHeight, frag = document.createDocumentFragment(), prev = 0;
      list.forEach(function(m){ frag.appendChild(row(m, c.group, prev)); prev = at(m, c.group); });
      msgs.insertBefore(frag, msgs.firstChild);
      if (first) msgs.scrollTop = msgs.scrollHeight;
      else msgs.scrollTop += msgs.scrollHeight - h;
    });
  }
  function at(m, group){ return group ? m.time * 1000 : Date.parse(m.created_at); }
  function row(m, group, prev){
    var frag = document.createDocumentFragment(), t = at(m, group);
    if (!prev || t - prev > 5 * 60 * 1000) frag.appendChild(el('div', 'tm', when(new Date(t))));
    var mine = group ? String(m.from_uid) === me : String(m.sender_id) !== cur.id;
    var r = el('div', 'row' + (mine ? ' self' : '')); r.setAttribute('data-mid', String(m.id));
    var col = el('div');
    if (group && !mine && m.from_user) col.appendChild(el('div', 'who', m.from_user.screen_name));
    var b = el('div', 'bubble'), text = group ? m.content : m.text, fids = group ? m.fids : m.att_ids;
    if (m.media_type === 1 && fids && fids.length) {
      var img = el('img'); img.src = 'https://upload.api.weibo.com/2/mss/msget_thumbnail?fid=' + fids[0] + '&high=240&width=240&size=240,240&source=' + SRC; b.appendChild(img);
    } else if (m.media_type === 2 && fids && fids.length) {
      b.appendChild(el('a', 'file', text));
    } else {
      b.appendChild(el('span', 'txt', text));
    }
    (m.url_objects || []).forEach(function(u){ if (u.status) b.appendChild(el('div', 'card', u.status.text)); });
    col.appendChild(b); r.appendChild(col); frag.appendChild(r);
    return frag;
  }
  msgs.addEventListener('scroll', function(){ if (cur && msgs.scrollTop < 40) older(false); });
  // At the top already, the wheel up asks for older ones too.
  msgs.addEventListener('wheel', function(e){ if (cur && e.deltaY < 0 && msgs.scrollTop < 40) older(false); });
})();
</script></body></html>`
