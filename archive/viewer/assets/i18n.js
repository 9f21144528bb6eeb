// i18n.js: the viewer's words for what a bundle's manifest names by code.
//
// A manifest stores its checklist items and the site's limits as a code
// and values (readiness[].code/params, collections.*.server_limit.code/
// params) next to an English text kept for older readers. This file puts
// them into words in the reader's language, Chinese or English, from the
// same catalog the command line uses (exporter/i18n; a Go test keeps the
// two equal). It defines one global, farewellI18n:
//
//   farewellI18n.lang()                          "zh" when the browser's language is Chinese, else "en"
//   farewellI18n.text(code, params, fallback, lang)
//                                                the item's text; fallback (the manifest's English) for an
//                                                unknown code or a bundle without codes
//   farewellI18n.collection(platform, name, lang) a collection's name: Douyin's posts are 作品 (works)
//   farewellI18n.check(name, lang)               a checklist item's name ("wallet" → 钱包)
//
// lang may be left out: farewellI18n.lang() is used. Values are put in as
// text; the caller escapes the result as it escapes any bundle text.
"use strict";
var farewellI18n = (function () {
  // TABLE START
  var table =
{
  "checklist.header": {"en":"before you delete (ok settled, !! blocks deletion, ! to settle, i to know)","zh":"删除账号前（ok 没问题，!! 会阻止删除，! 需要处理，i 需要知道）"},
  "check.wallet": {"en":"wallet","zh":"钱包"},
  "check.apps": {"en":"apps","zh":"授权应用"},
  "check.bindings": {"en":"bindings","zh":"第三方绑定"},
  "check.mcn": {"en":"mcn","zh":"MCN 机构"},
  "check.cooling": {"en":"cooling","zh":"冷静期"},
  "check.messages": {"en":"messages","zh":"私信"},
  "check.security": {"en":"security","zh":"账号安全"},
  "douyin.wallet.unread_coins": {"en":"farewell could not read the wallet's 抖币 (Douyin coins) balance: check 钱包 (Wallet) in the app and spend or withdraw what is left before deleting","zh":"farewell 没能读到钱包的抖币余额：请在 App 的“钱包”里查看，删除前把剩余的花掉或提现"},
  "douyin.wallet.unread_money": {"en":"farewell could not read the wallet's 零钱 (money) balance: check 钱包 (Wallet) in the app and spend or withdraw what is left before deleting","zh":"farewell 没能读到钱包的零钱余额：请在 App 的“钱包”里查看，删除前把剩余的花掉或提现"},
  "douyin.wallet.unread_both": {"en":"farewell could not read the wallet's 抖币 (Douyin coins) and 零钱 (money) balances: check 钱包 (Wallet) in the app and spend or withdraw what is left before deleting","zh":"farewell 没能读到钱包的抖币和零钱余额：请在 App 的“钱包”里查看，删除前把剩余的花掉或提现"},
  "douyin.wallet.money": {"en":"the account still holds {coins} 抖币 (Douyin coins) and {yuan} yuan: spend or withdraw them first, deleting the account loses them","zh":"账号里还有 {coins} 抖币和 {yuan} 元：请先花掉或提现，删除账号后会全部失去"},
  "douyin.wallet.empty": {"en":"the wallet is empty: nothing is lost","zh":"钱包是空的：不会损失任何东西"},
  "douyin.bindings": {"en":"farewell does not read the account's bindings: check 设置 (Settings) › 账号与安全 (Account and security) › 第三方账号绑定 (Third-party account bindings); 今日头条 (Toutiao), 西瓜视频 (Xigua Video) and others lose their Douyin login","zh":"farewell 不读取账号的绑定：请到 设置 › 账号与安全 › 第三方账号绑定 查看（今日头条、西瓜视频等会失去抖音登录）"},
  "douyin.mcn": {"en":"an account signed to an MCN agency must leave it before Douyin deletes it","zh":"签约了 MCN 机构的账号，要先解约，抖音才会注销"},
  "douyin.cooling": {"en":"after you apply, Douyin waits 15 days before deleting; logging in or posting during them cancels the deletion","zh":"申请注销后，抖音会等 15 天再删除；这期间登录或发布作品会取消注销"},
  "douyin.messages": {"en":"direct messages disappear 72 hours after the account is deleted: this backup keeps them","zh":"账号删除 72 小时后私信会消失：这份备份保留了它们"},
  "weibo.apps.none": {"en":"no third-party app is authorised to use the account","zh":"没有第三方应用获得账号授权"},
  "weibo.apps.linked": {"en":"{n} authorised app(s) still linked ({names}): revoke them at 我的应用 (My apps) first; apps that log in with Weibo stop working once the account is gone","zh":"还有 {n} 个已授权的应用（{names}）：请先在“我的应用”里取消授权；用微博登录的应用在账号删除后将无法使用"},
  "weibo.apps.unread": {"en":"farewell could not read the list of authorised apps (the page it saw is kept as a screenshot): open 我的应用 (My apps, {url}) and revoke every app still linked before deleting","zh":"farewell 没能读到已授权应用的列表（看到的页面已截图保存）：删除前请打开“我的应用”（{url}），取消所有授权"},
  "weibo.wallet": {"en":"farewell does not read Weibo's wallet: open 微博钱包 (Weibo Wallet) in the app and withdraw any balance and unclaimed 红包 (red packets) before deleting","zh":"farewell 不读取微博钱包：删除前请在 App 里打开“微博钱包”，提现余额并领取未领的红包"},
  "weibo.security": {"en":"Weibo refuses to delete an account whose password or bound phone changed in the last three months","zh":"最近三个月内改过密码或绑定手机的账号，微博不允许注销"},
  "douyin.followers.listed": {"en":"Douyin lists {listed} of your {total} followers","zh":"抖音只列出了你 {total} 个粉丝中的 {listed} 个"},
  "douyin.comments.cap": {"en":"Douyin lists at most {cap} top-level comments of a work","zh":"抖音每个作品最多列出 {cap} 条一级评论"},
  "douyin.messages.horizon": {"en":"{conversations} conversation(s) reach back a year, as far as the web shows: older messages stay in the app only","zh":"{conversations} 个会话回溯到了一年前，网页版最多只显示这么远：更早的私信只在 App 里"},
  "weibo.followers.cap": {"en":"Weibo lists at most {listed} of your {total} followers","zh":"微博最多只列出你 {total} 个粉丝中的 {listed} 个"},
  "weibo.posts.web": {"en":"weibo.com shows only your latest {shown} posts on the web (“{tip}”): the other {app} are in the Weibo app alone","zh":"微博网页版只显示你最新的 {shown} 条微博（“{tip}”）：其余 {app} 条只在微博 App 里"},
  "collection.weibo.profile": {"en":"profile","zh":"个人资料"},
  "collection.weibo.posts": {"en":"posts","zh":"微博"},
  "collection.weibo.comments": {"en":"comments","zh":"评论"},
  "collection.weibo.likes": {"en":"likes","zh":"赞"},
  "collection.weibo.favorites": {"en":"favourites","zh":"收藏"},
  "collection.weibo.following": {"en":"following","zh":"关注"},
  "collection.weibo.followers": {"en":"followers","zh":"粉丝"},
  "collection.weibo.apps": {"en":"apps","zh":"授权应用"},
  "collection.weibo.my_comments": {"en":"my comments","zh":"我发出的评论"},
  "collection.weibo.received_comments": {"en":"comments received","zh":"收到的评论"},
  "collection.weibo.mentions": {"en":"mentions","zh":"@我的"},
  "collection.weibo.messages": {"en":"messages","zh":"私信"},
  "collection.weibo.articles": {"en":"articles","zh":"头条文章"},
  "collection.weibo.emoticons": {"en":"emoticons","zh":"表情"},
  "collection.douyin.profile": {"en":"profile","zh":"个人资料"},
  "collection.douyin.posts": {"en":"works","zh":"作品"},
  "collection.douyin.comments": {"en":"comments","zh":"评论"},
  "collection.douyin.likes": {"en":"likes","zh":"喜欢"},
  "collection.douyin.favorites": {"en":"favourites","zh":"收藏"},
  "collection.douyin.following": {"en":"following","zh":"关注"},
  "collection.douyin.followers": {"en":"followers","zh":"粉丝"},
  "collection.douyin.messages": {"en":"messages","zh":"私信"},
  "collection.douyin.wallet": {"en":"wallet","zh":"钱包"},
  "collection.douyin.history": {"en":"watch history","zh":"观看历史"},
  "collection.douyin.watch_later": {"en":"watch later","zh":"稍后再看"},
  "collection.douyin.notifications": {"en":"notifications","zh":"通知"},
  "collection.douyin.series": {"en":"series","zh":"合集"},
  "collection.douyin.sounds": {"en":"sounds","zh":"音乐"}
};
  // TABLE END

  function lang() {
    var l = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    return l.toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  }

  function fill(text, params) {
    return text.replace(/\{([A-Za-z0-9_]+)\}/g, function (whole, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }

  function text(code, params, fallback, l) {
    var entry = code && Object.prototype.hasOwnProperty.call(table, code) ? table[code] : null;
    if (!entry) {
      return fallback === undefined ? String(code || "") : fallback;
    }
    return fill(entry[l || lang()], params);
  }

  function collection(platform, name, l) {
    return text("collection." + platform + "." + name, null, name, l);
  }

  function check(name, l) {
    return text("check." + name, null, name, l);
  }

  return { lang: lang, text: text, collection: collection, check: check };
})();
