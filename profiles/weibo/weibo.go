// Package weibo is farewell's Weibo profile: it logs in through
// passport.weibo.com's QR code, then captures every collection of the
// person's own account through the desktop ajax API, from inside their
// logged-in weibo.com page, and derives the records.
//
// Collections and where their expected counts come from:
//
//	profile    /ajax/profile/info + detail, and screenshots of the profile page (1);
//	           the emoticon map (statuses/config) and its pictures, once
//	posts      mymblog (since_id + page), longtext, show (>9 pictures),
//	           then searchProfile month windows from mbloghistory (statuses_count)
//	comments   buildComments on each own post, replies with fetch_level=1 (sum of comments_count)
//	likes      likelist, until an empty page (the site gives no count)
//	favorites  all_fav (fav_total_num of favorites/tags)
//	following  friendships/friends (friends_count)
//	followers  friendships/friends?relate=fans (followers_count; the site's cap is a server limit)
//	my_comments        message/myCmt: comments written on others' posts, each with its post (total_number)
//	received_comments  message/cmt: comments received (total_number)
//	mentions   statuses/mentions and comments/mentions: posts and comments that @ the person (total_number of each)
//	messages   api.weibo.com's webim API from its chat page: contacts.json (totalNumber conversations),
//	           conversation.json and groupchat/query_messages.json of each (total_number of each
//	           one-to-one conversation), and screens/dm/<conversation>/: ordered screenshots with the
//	           message ids each shows, reaching the beginning
//	articles   mymblog?feature=10 (its total), and each article's card.weibo.com page: article/m/aj/detail,
//	           with the body's pictures
//	apps       app.weibo.com/my pages: HTML, screenshots, records (the count the page shows)
package weibo

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers"
	wb "github.com/farewell-app/farewell/parsers/weibo"
	"github.com/farewell-app/farewell/profiles"
)

// Site addresses.
const (
	home     = "https://weibo.com/"
	referer  = "https://weibo.com/"
	loginURL = "https://passport.weibo.com/sso/signin?entry=miniblog&source=miniblog&disp=popup&url=" + "https%3A%2F%2Fweibo.com%2F"
	appsURL  = "https://app.weibo.com/my"
)

// The collections.
const (
	cProfile   exporter.Collection = "profile"
	cPosts     exporter.Collection = "posts"
	cComments  exporter.Collection = "comments"
	cLikes     exporter.Collection = "likes"
	cFavorites exporter.Collection = "favorites"
	cFollowing exporter.Collection = "following"
	cFollowers exporter.Collection = "followers"
	cApps      exporter.Collection = "apps"
	// The messages box.
	cMyComments exporter.Collection = "my_comments"
	cReceived   exporter.Collection = "received_comments"
	cMentions   exporter.Collection = "mentions"
	// cMessages are the private messages.
	cMessages exporter.Collection = "messages"
	// cArticles are the person's articles (头条文章).
	cArticles exporter.Collection = "articles"
	// cEmoticons is not a collection: the site's emoticons, written
	// beside the records so the viewer shows them.
	cEmoticons exporter.Collection = "emoticons"
)

// collections are the collections in capture order.
var collections = []exporter.Collection{cProfile, cPosts, cComments, cLikes, cFavorites, cFollowing, cFollowers,
	cMyComments, cReceived, cMentions, cMessages, cArticles, cApps}

// The answers the profile page asks for by itself, matched by path on
// any Weibo host.
var (
	rProfileInfo   = exporter.Route{Path: "/ajax/profile/info", Collection: cProfile, Kind: string(wb.KindProfile)}
	rProfileDetail = exporter.Route{Path: "/ajax/profile/detail", Collection: cProfile, Kind: string(wb.KindDetail)}
)

// kinds names the parser of the ajax paths farewell reads, for the
// answers kept in raw/other/.
var kinds = map[string]parsers.Kind{
	"/ajax/statuses/mymblog": wb.KindMymblog, "/ajax/statuses/searchProfile": wb.KindSearchProfile, "/ajax/statuses/show": wb.KindShow,
	"/ajax/statuses/longtext": wb.KindLongText, "/ajax/statuses/likelist": wb.KindLikelist, "/ajax/favorites/all_fav": wb.KindFavorites,
	"/ajax/favorites/tags": wb.KindFavTags, "/ajax/statuses/buildComments": wb.KindComments, "/ajax/friendships/friends": wb.KindFriends,
	"/ajax/profile/info": wb.KindProfile, "/ajax/profile/detail": wb.KindDetail, "/ajax/profile/mbloghistory": wb.KindHistory,
	"/ajax/statuses/config": wb.KindEmoticons, "/ajax/message/myCmt": wb.KindMyComments, "/ajax/message/cmt": wb.KindReceived,
	"/ajax/statuses/mentions": wb.KindMentions, "/ajax/comments/mentions": wb.KindCmtMentions,
	rArticle.Path: wb.KindArticle, rContacts.Path: wb.KindContacts, rDMs.Path: wb.KindConversation, rGroupPages.Path: wb.KindGroupMessages,
}

// site is weibo.com as the page-driving engine sees it: its answers come
// from weibo.com, www.weibo.com, api.weibo.com, m.weibo.cn and other
// hosts of weibo.com and weibo.cn.
func site() *exporter.Site {
	return &exporter.Site{
		Name:      wb.Platform,
		Domains:   []string{"weibo.com", "weibo.cn"},
		API:       []string{"/ajax/", "/webim/", "/api/", "/statuses/", "/2/", "/article/m/aj/"},
		Kind:      func(path string) string { return string(kinds[path]) },
		Judge:     classify,
		Blocked:   blocked,
		Challenge: challenge,
		Landed:    landed,
	}
}

// Profile is the Weibo profile.
type Profile struct{}

// New returns the Weibo profile.
func New() *Profile { return &Profile{} }

// Name is "weibo".
func (*Profile) Name() string { return wb.Platform }

// Collections lists the collections in capture order.
func (*Profile) Collections() []exporter.Collection {
	return append([]exporter.Collection(nil), collections...)
}

// Settings are polite defaults for the real site: public tools report 418s
// below about 500 ms per request, and comfortable runs at 1-3 s.
func (*Profile) Settings() profiles.Settings {
	return profiles.Settings{
		Interval:     1200 * time.Millisecond,
		Backoff:      exporter.Backoff{Initial: 2 * time.Minute, Max: 30 * time.Minute, Attempts: 6},
		MediaWorkers: 3,
		TimeZone:     "Asia/Shanghai",
	}
}

// errFirewall is the site's firewall refusing a request: it is retried a
// few times and then left as a gap, never read as a logout.
var errFirewall = errors.New("HTTP 403: the site's firewall refused the request")

// classify judges an ajax answer: 418 and 432 (and 429) are throttling;
// 414 (a cursor grown too long, §W2) refuses the request as made;
// 403 is the firewall's refusal, retried briefly (§W1); 401, ok:-100
// without a verification url and the visitor system mean the session is
// gone; ok:-100 or ok:0 with a captcha url is a security check; an HTML
// page where JSON was due, or any other ok != 1, is treated as throttling
// and retried after a pause; "does not exist" is final.
func classify(r *exporter.Response) error {
	// The chat's and the article page's answers have shapes of their own.
	if u, err := url.Parse(r.URL); err == nil {
		switch {
		case strings.HasPrefix(u.Path, "/webim/"):
			return chatJudge(r.Status, r.Body)
		case u.Path == rArticle.Path:
			return articleJudge(r.Status, r.Body)
		}
	}
	switch {
	case r.Status == 418 || r.Status == 432 || r.Status == 429:
		return fmt.Errorf("HTTP %d: %w", r.Status, exporter.ErrThrottled)
	case r.Status == 414:
		return fmt.Errorf("HTTP 414, the address is too long for the site: %w", exporter.ErrRejected)
	case r.Status == 403:
		return errFirewall
	case r.Status == 401:
		return fmt.Errorf("HTTP %d: %w", r.Status, exporter.ErrNotLoggedIn)
	case r.Status >= 500:
		return fmt.Errorf("HTTP %d", r.Status)
	case r.Status != 200:
		return fmt.Errorf("HTTP %d", r.Status)
	}
	if u, err := url.Parse(r.URL); err == nil && (strings.Contains(u.Host, "passport") || strings.HasPrefix(u.Path, "/visitor")) {
		return fmt.Errorf("redirected to %s: %w", u.Host+u.Path, exporter.ErrNotLoggedIn)
	}
	body := strings.TrimSpace(string(r.Body))
	if strings.HasPrefix(body, "<") || body == "" {
		if strings.Contains(body, "Sina Visitor System") || strings.Contains(body, "visitor") {
			return fmt.Errorf("the visitor system answered: %w", exporter.ErrNotLoggedIn)
		}
		return fmt.Errorf("an HTML page where JSON was due: %w", exporter.ErrThrottled)
	}
	err := wb.Check(r.Body)
	var werr *wb.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &werr) && werr.Verification():
		return fmt.Errorf("%w: %w", werr, exporter.ErrCaptcha)
	case errors.As(err, &werr) && werr.LoggedOut():
		return fmt.Errorf("%v: %w", err, exporter.ErrNotLoggedIn)
	case errors.As(err, &werr) && (strings.Contains(werr.Msg, "不存在") || strings.Contains(werr.Msg, "已被删除") || strings.Contains(werr.Msg, "没有内容")):
		return fmt.Errorf("%v: %w", err, exporter.ErrNotFound)
	case errors.As(err, &werr):
		return fmt.Errorf("%v: %w", err, exporter.ErrThrottled)
	}
	return fmt.Errorf("%v: %w", err, exporter.ErrThrottled)
}

// chatJudge judges an answer of the chat's webim API (§W10): 429 and 5xx
// are throttling; error 21301 means the session is gone; other errors
// are final for the request.
func chatJudge(status int, body []byte) error {
	switch {
	case status == 429 || status == 418:
		return fmt.Errorf("HTTP %d: %w", status, exporter.ErrThrottled)
	case status >= 500:
		return fmt.Errorf("HTTP %d", status)
	case status != 200:
		return fmt.Errorf("HTTP %d", status)
	}
	err := wb.CheckChat(body)
	var cerr *wb.ChatError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &cerr) && cerr.LoggedOut():
		return fmt.Errorf("%v: %w", err, exporter.ErrNotLoggedIn)
	}
	return err
}

// articleJudge judges the article page's answer: 429 and 5xx are
// throttling; an article the site says does not exist is final.
func articleJudge(status int, body []byte) error {
	switch {
	case status == 429 || status == 418:
		return fmt.Errorf("HTTP %d: %w", status, exporter.ErrThrottled)
	case status != 200:
		return fmt.Errorf("HTTP %d", status)
	}
	_, err := wb.DecodeArticle(body)
	if err != nil && strings.Contains(err.Error(), "不存在") {
		return fmt.Errorf("%w: %w", err, exporter.ErrNotFound)
	}
	return err
}

// MediaKey names a media URL in a way that survives URL changes: a
// picture by its pid whatever its size and host, a video by its path
// (its signed query changes every time), an avatar by its path.
func MediaKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	if inner := u.Query().Get("livephoto"); inner != "" && inner != raw {
		// A live photo's motion wrapped in the player's address
		// (video.weibo.com/media/play?livephoto=<encoded url>, §W8): it is
		// known by the file it wraps, or every motion would be one.
		if k := MediaKey(inner); k != "" {
			return k
		}
	}
	base := path.Base(u.Path)
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch {
	case strings.HasPrefix(u.Host, "tvax"):
		return "weibo:avatar:" + stem
	case strings.HasSuffix(u.Host, ".sinaimg.cn") && strings.HasPrefix(u.Host, "livephoto"):
		return "weibo:motion:" + stem
	case strings.HasSuffix(u.Host, ".sinaimg.cn"):
		return "weibo:image:" + stem
	case strings.HasSuffix(u.Host, "weibocdn.com") || strings.HasSuffix(u.Host, "video.weibo.com"):
		return "weibo:video:" + u.Host + u.Path
	case u.Host == "upload.api.weibo.com" && u.Query().Get("fid") != "":
		// A message's picture or file, by its id in the message store.
		return "weibo:dm:" + u.Query().Get("fid")
	}
	return "weibo:url:" + u.Host + u.Path
}

func (p *Profile) uid(s *exporter.Session) string { return s.Store.Info.Account.ID }

var _ profiles.Profile = (*Profile)(nil)
