// Package douyin is farewell's Douyin profile. Douyin signs every API
// request in the page (a_bogus), so the profile drives www.douyin.com the
// way a person does, in their logged-in browser, and keeps the answers of
// the requests the page makes itself: it opens the profile page's tabs and
// scrolls their lists, opens each work's comment pane and its replies,
// scrolls the follow dialogs, opens the wallet, and in the chat scrolls
// each conversation from the newest message to the oldest, screenshotting
// the list as it goes. Media are downloaded from the links in the answers
// at once, before they expire, and a video whose link died is re-resolved
// through aweme/detail, fetched from inside the page so that it is signed.
//
// Collections and where their expected counts come from:
//
//	profile    user/profile/self/ and a screenshot of the profile page (1)
//	posts      aweme/post/ pages of showTab=post (aweme_count)
//	comments   comment/list/ and comment/list/reply/ on each own work
//	           (sum of comment_count; the site's cap is a server limit)
//	likes      aweme/favorite/ pages of showTab=like (favoriting_count)
//	favorites  aweme/listcollection/, collects/list/ and each folder's
//	           collects/video/list/, mix/listcollection/, music/listcollection/
//	           (the site gives no total)
//	following  user/following/list/ in the 关注 dialog (following_count)
//	followers  user/follower/list/ in the 粉丝 dialog (follower_count; the
//	           site's cap is a server limit)
//	messages   imapi's get_message_by_init and get_by_conversation (protobuf),
//	           and screens/dm/<conversation>/: ordered screenshots with the
//	           message ids each shows, reaching the beginning
//	wallet     /webcast/wallet/info/ and a screenshot of the wallet (1)
//	history    history/read/ pages of showTab=record, the watch history
//	           (the site gives no total)
//	watch_later watchlater/list/ pages of showTab=watch_later (no total)
//	notifications notice/ pages of the top bar's 通知 pane, all groups
//	           (no total)
//	series     mix/list/ in the profile page's 合集 tab (its total), and
//	           mix/aweme/ on each series' page for its works
//	sounds     music/list/ in the profile page's 音乐 tab, the own
//	           original sounds (no total)
package douyin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/profiles"
)

// Site addresses.
const (
	origin  = "https://www.douyin.com"
	home    = origin + "/"
	referer = origin + "/"
	// payPage is the web's 抖币 page, where the wallet's balance shows.
	payPage  = origin + "/pay"
	chatPage = origin + "/chat"
)

// common is the query every web API request of the page carries (the page
// adds msToken and a_bogus itself).
const common = "device_platform=webapp&aid=6383&channel=channel_pc_web&pc_client_type=1&version_code=290100&version_name=29.1.0" +
	"&cookie_enabled=true&screen_width=1920&screen_height=1080&browser_language=zh-CN&browser_platform=Linux+x86_64&browser_name=Chrome" +
	"&browser_online=true&engine_name=Blink&os_name=Linux&cpu_core_num=2&device_memory=8&platform=PC&downlink=10&effective_type=4g&round_trip_time=50"

// The collections.
const (
	cProfile   exporter.Collection = "profile"
	cPosts     exporter.Collection = "posts"
	cComments  exporter.Collection = "comments"
	cLikes     exporter.Collection = "likes"
	cFavorites exporter.Collection = "favorites"
	cFollowing exporter.Collection = "following"
	cFollowers exporter.Collection = "followers"
	cMessages  exporter.Collection = "messages"
	cWallet    exporter.Collection = "wallet"
	// Issue 17 (§D10): what a person leaving would also want.
	cViewed        exporter.Collection = "history"
	cWatchLater    exporter.Collection = "watch_later"
	cNotifications exporter.Collection = "notifications"
	cSeries        exporter.Collection = "series"
	cSounds        exporter.Collection = "sounds"
)

// collections are the collections in capture order.
var collections = []exporter.Collection{cProfile, cPosts, cComments, cLikes, cFavorites, cFollowing, cFollowers, cMessages, cWallet,
	cViewed, cWatchLater, cNotifications, cSeries, cSounds}

// route is a Route of a collection and parser kind.
func route(path string, c exporter.Collection, k parsers.Kind) exporter.Route {
	return exporter.Route{Path: path, Collection: c, Kind: string(k)}
}

// The API answers each collection keeps, matched by path on any
// douyin.com host (the page sends many list calls to www-hj.douyin.com).
var (
	rProfile = route("/aweme/v1/web/user/profile/self", cProfile, dy.KindProfile)
	// The owner's page by sec_uid asks for profile/other (§D2).
	rProfileOther = route("/aweme/v1/web/user/profile/other", cProfile, dy.KindProfile)
	rPosts        = route("/aweme/v1/web/aweme/post", cPosts, dy.KindPost)
	rDetail       = route("/aweme/v1/web/aweme/detail", cPosts, dy.KindDetail)
	rComments     = route("/aweme/v1/web/comment/list", cComments, dy.KindComments)
	rReplies      = route("/aweme/v1/web/comment/list/reply", cComments, dy.KindComments)
	rLikes        = route("/aweme/v1/web/aweme/favorite", cLikes, dy.KindFavorite)
	rFavorites    = route("/aweme/v1/web/aweme/listcollection", cFavorites, dy.KindCollection)
	rFolders      = route("/aweme/v1/web/collects/list", cFavorites, dy.KindFolders)
	rFolder       = route("/aweme/v1/web/collects/video/list", cFavorites, dy.KindCollection)
	rMixes        = route("/aweme/v1/web/mix/listcollection", cFavorites, dy.KindMixes)
	rMusics       = route("/aweme/v1/web/music/listcollection", cFavorites, dy.KindMusics)
	rDramas       = route("/aweme/v1/web/series/collections", cFavorites, dy.KindDramas)
	rFollowing    = route("/aweme/v1/web/user/following/list", cFollowing, dy.KindFollow)
	rFollowers    = route("/aweme/v1/web/user/follower/list", cFollowers, dy.KindFollow)
	rInit         = route("/v1/message/get_message_by_init", cMessages, dy.KindIM)
	rHistory      = route("/v1/message/get_by_conversation", cMessages, dy.KindIM)
	rIMUsers      = route("/aweme/v1/web/im/user/info", cMessages, dy.KindIMUsers)
	rWallet       = route("/webcast/wallet/info", cWallet, dy.KindWallet)
	rViewed       = route("/aweme/v1/web/history/read", cViewed, dy.KindHistory)
	rWatchLater   = route("/aweme/v1/web/watchlater/list", cWatchLater, dy.KindWatchLater)
	rNotices      = route("/aweme/v1/web/notice", cNotifications, dy.KindNotices)
	rOwnMixes     = route("/aweme/v1/web/mix/list", cSeries, dy.KindOwnMixes)
	rMixWorks     = route("/aweme/v1/web/mix/aweme", cSeries, dy.KindMixWorks)
	rSounds       = route("/aweme/v1/web/music/list", cSounds, dy.KindSounds)
)

// routes are all of them, for naming the kind of an answer kept in
// raw/other/.
var routes = []exporter.Route{rProfile, rProfileOther, rPosts, rDetail, rComments, rReplies, rLikes, rFavorites, rFolders, rFolder, rMixes, rMusics, rDramas,
	rFollowing, rFollowers, rInit, rHistory, rIMUsers, rWallet, rViewed, rWatchLater, rNotices, rOwnMixes, rMixWorks, rSounds}

// site is www.douyin.com as the page-driving engine sees it.
func site() *exporter.Site {
	return &exporter.Site{
		Name:    dy.Platform,
		Domains: []string{"douyin.com"},
		API:     []string{"/aweme/v1/", "/aweme/v2/", "/webcast/", "/v1/message/", "/v2/message/"},
		Kind: func(path string) string {
			for _, r := range routes {
				if r.Path == path {
					return r.Kind
				}
			}
			return ""
		},
		Judge:     classify,
		Blocked:   blocked,
		Challenge: challenge,
		Landed:    landed,
	}
}

// Profile is the Douyin profile.
type Profile struct{}

// New returns the Douyin profile.
func New() *Profile { return &Profile{} }

// Name is "douyin".
func (*Profile) Name() string { return dy.Platform }

// Collections lists the collections in capture order.
func (*Profile) Collections() []exporter.Collection {
	return append([]exporter.Collection(nil), collections...)
}

// Settings are polite defaults for the real site: public tools wait 1-6 s
// between pages and report sliders after half an hour of fast crawling.
func (*Profile) Settings() profiles.Settings {
	return profiles.Settings{
		Interval:     2 * time.Second,
		Backoff:      exporter.Backoff{Initial: time.Minute, Max: 15 * time.Minute, Attempts: 6},
		MediaWorkers: 3,
		TimeZone:     "Asia/Shanghai",
	}
}

// judge reads an answer of the web API: nil for a good one, else an error
// wrapping ErrThrottled (429, and 403 from the edge or Argus's "Signature
// Not Found"; an empty body or a bare status_code 0 with nothing in it: a
// stale signature; a plain-text "blocked" or status_msg "blocked"; 2154,
// too frequent; a bare status_code 8), ErrNotLoggedIn (status_code 2483,
// "用户未登录") or ErrCaptcha (verify_ticket).
func judge(status int, body []byte) error {
	if len(body) > 0 && body[0] == 0x08 {
		// Protobuf (field 1, the command, first): the IM API.
		return judgeIM(status, body)
	}
	switch {
	case status == 429 || status == 403:
		return fmt.Errorf("HTTP %d: %w", status, exporter.ErrThrottled)
	case status >= 500:
		return fmt.Errorf("HTTP %d: %w", status, exporter.ErrThrottled)
	case status != 200:
		return fmt.Errorf("HTTP %d", status)
	}
	trimmed := strings.TrimSpace(string(body))
	if trimmed == "" || trimmed == `{"status_code":0}` {
		return fmt.Errorf("an answer with nothing in it (a stale signature?): %w", exporter.ErrThrottled)
	}
	if trimmed == "blocked" {
		// A plain-text refusal (MediaCrawler client.py): risk control.
		return fmt.Errorf("the site answers blocked (risk control): %w", exporter.ErrThrottled)
	}
	var env dy.Envelope
	if json.Unmarshal(body, &env) == nil && env.StatusMsg == "blocked" {
		return fmt.Errorf("the site says blocked (risk control): %w", exporter.ErrThrottled)
	}
	err := dy.Check(body)
	var e *dy.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e) && e.Captcha:
		return fmt.Errorf("%v: %w", err, exporter.ErrCaptcha)
	case errors.As(err, &e) && e.LoggedOut():
		return fmt.Errorf("%v: %w", err, exporter.ErrNotLoggedIn)
	case errors.As(err, &e) && (e.Code == 2154 || e.Refused()):
		return fmt.Errorf("%v: %w", err, exporter.ErrThrottled)
	}
	return err
}

// classify judges the answers of in-page fetches.
func classify(r *exporter.Response) error { return judge(r.Status, r.Body) }

// secretParams are the query parameters of API URLs that carry cookie
// values (msToken, the s_v_web_id cookie as verifyFp and fp): recorded
// URLs keep them redacted.
var secretParams = []string{"msToken", "verifyFp", "fp"}

// MediaKey names a media URL in a way that survives its changes: a video
// stream by its file id (its links differ in host, path signature and
// expiry, and the play redirector names it by file_id), a picture by its
// uri whatever its size variant, an avatar by its uri, music by its file.
func MediaKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	p := strings.Trim(u.Path, "/")
	switch {
	case strings.HasSuffix(host, ".douyinvod.com"):
		return "douyin:video:" + path.Base(p)
	case strings.HasPrefix(u.Path, "/aweme/v1/play/") && u.Query().Get("file_id") != "":
		return "douyin:video:" + u.Query().Get("file_id")
	case strings.HasSuffix(host, ".douyinpic.com") && strings.HasPrefix(p, "aweme/"):
		parts := strings.SplitN(p, "/", 3)
		if len(parts) == 3 {
			return "douyin:avatar:" + strings.TrimSuffix(parts[2], path.Ext(parts[2]))
		}
	case strings.HasSuffix(host, ".douyinpic.com"):
		uri, _, _ := strings.Cut(p, "~")
		return "douyin:image:" + uri
	case strings.HasSuffix(host, ".douyinstatic.com"):
		return "douyin:file:" + p
	}
	return "douyin:url:" + host + u.Path
}

var _ profiles.Profile = (*Profile)(nil)
