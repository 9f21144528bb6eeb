// Package record defines the records of a farewell bundle (schema v1): the
// documented JSON that parsers produce from raw captures and that the
// viewer and verify read. Each collection is a JSON Lines file under data/,
// one record per line.
//
// Rules every record follows:
//   - "record" names its type and "platform" its site;
//   - every id is a string: Weibo post ids and Douyin music ids exceed 2^53
//     and must never pass through a float;
//   - times are RFC 3339 with the site's own offset (+08:00);
//   - unknown or missing optional fields are omitted, never invented.
//
// This package holds only types and constants, so that archive may import
// it without importing the parsers.
package record

import (
	"bytes"
	"encoding/json"
)

// Record types, the value of the "record" field.
const (
	TypePost     = "post"
	TypeComment  = "comment"
	TypeUser     = "user"
	TypeLike     = "like"
	TypeFavorite = "favorite"
	TypeMessage  = "message"
	TypeApp      = "app"
	TypeProfile  = "profile"
	TypeWallet   = "wallet"
	TypeEmoticon = "emoticon"
	TypeArticle  = "article"
	// Douyin's watch history (观看历史) and watch later (稍后再看): a
	// Saved whose post is the work.
	TypeHistory    = "history"
	TypeWatchLater = "watch_later"
	// TypeNotification is a Notification, TypeSeries an OwnSeries and
	// TypeSound a Sound.
	TypeNotification = "notification"
	TypeSeries       = "series"
	TypeSound        = "sound"
)

// Media types.
const (
	MediaImage     = "image"
	MediaVideo     = "video"
	MediaGIF       = "gif"
	MediaLivePhoto = "livephoto"
	MediaAudio     = "audio"
	MediaCover     = "cover"
	// MediaFile is a file sent in a message, of a kind the site does not
	// say.
	MediaFile = "file"
)

// Ref names a person.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Counts are a post's or a user's counters, as the site showed them.
type Counts struct {
	Reposts   *int64 `json:"reposts,omitempty"`
	Comments  *int64 `json:"comments,omitempty"`
	Likes     *int64 `json:"likes,omitempty"`
	Shares    *int64 `json:"shares,omitempty"`
	Collects  *int64 `json:"collects,omitempty"`
	Posts     *int64 `json:"posts,omitempty"`
	Following *int64 `json:"following,omitempty"`
	Followers *int64 `json:"followers,omitempty"`
}

// Media is one picture, video, GIF, live photo, audio clip or cover. URL
// is the best original the site offers (Weibo's "largest"; Douyin's
// play_addr of the highest bit_rate, never a watermarked address). File,
// SHA256 and Bytes are filled in once the file is downloaded; File is its
// path in the bundle.
type Media struct {
	Type   string `json:"type"`
	URL    string `json:"url,omitempty"`
	Width  int64  `json:"width,omitempty"`
	Height int64  `json:"height,omitempty"`
	// Duration in milliseconds, for video and audio.
	Duration int64  `json:"duration_ms,omitempty"`
	File     string `json:"file,omitempty"`
	SHA256   string `json:"sha256,omitempty"`
	Bytes    int64  `json:"bytes,omitempty"`
	// Motion is the moving part of a live photo or the video of a GIF.
	Motion *Media `json:"motion,omitempty"`
}

// Link is a short link and where it leads.
type Link struct {
	Short string `json:"short"`
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
}

// Post is a Weibo status or a Douyin work.
type Post struct {
	Record     string   `json:"record"`
	Platform   string   `json:"platform"`
	ID         string   `json:"id"`
	URL        string   `json:"url,omitempty"`
	Author     *Ref     `json:"author,omitempty"`
	CreatedAt  string   `json:"created_at,omitempty"`
	Text       string   `json:"text"`
	HTML       string   `json:"html,omitempty"`
	Visibility string   `json:"visibility,omitempty"`
	Pinned     bool     `json:"pinned,omitempty"`
	Source     string   `json:"source,omitempty"`
	Region     string   `json:"region,omitempty"`
	Counts     *Counts  `json:"counts,omitempty"`
	Media      []Media  `json:"media,omitempty"`
	RepostOf   *Post    `json:"repost_of,omitempty"`
	Deleted    bool     `json:"deleted,omitempty"`
	Links      []Link   `json:"links,omitempty"`
	Topics     []string `json:"topics,omitempty"`
	// Music is the sound a work uses (Douyin); its audio file, when the
	// site gave one, is among Media.
	Music *Music `json:"music,omitempty"`
	// Edits are the post's earlier versions, newest first, when it was
	// edited after it was published: each with its text and when it was
	// written.
	Edits []Post `json:"edits,omitempty"`
	// Via says where the post's content was read when not from the
	// site's own web API: "m.weibo.cn" for a post weibo.com shows only as
	// a stub ("该内容请至手机客户端查看") and m.weibo.cn has whole; ViaStub
	// when only the stub could be read (the text is the stub's).
	Via string `json:"via,omitempty"`
	Raw string `json:"raw,omitempty"`
}

// Article is a long-form article the person published (Weibo's 头条文章):
// its title and its body as blocks in order, paragraphs and headings as
// text, pictures as indexes into Media, so it reads offline as it did.
type Article struct {
	Record    string `json:"record"`
	Platform  string `json:"platform"`
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	CreatedAt string `json:"created_at,omitempty"`
	Author    *Ref   `json:"author,omitempty"`
	// Blocks are the body in order.
	Blocks []ArticleBlock `json:"blocks"`
	// HTML is the body as the site sent it (never shown as markup).
	HTML  string  `json:"html,omitempty"`
	Media []Media `json:"media,omitempty"`
	Raw   string  `json:"raw,omitempty"`
}

// ArticleBlock is one block of an article: a paragraph or heading
// (Type "p" or "h", with Text) or a picture (Type "image", Media the
// index of its entry in the article's Media).
type ArticleBlock struct {
	Type  string `json:"type"`
	Text  string `json:"text,omitempty"`
	Media *int   `json:"media,omitempty"`
}

// Emoticon is one of the site's emoticons: the phrase texts carry
// ("[doge]") and the picture the site shows for it, so a viewer shows
// texts as the site did, offline. They are written to emoticons.jsonl,
// beside the collections.
type Emoticon struct {
	Record   string  `json:"record"`
	Platform string  `json:"platform"`
	Phrase   string  `json:"phrase"`
	Group    string  `json:"group,omitempty"`
	Media    []Media `json:"media"`
	Raw      string  `json:"raw,omitempty"`
}

// ViaStub marks a post whose content the site showed only as a stub.
const ViaStub = "stub"

// Comment is a comment or a reply; ParentID is empty for top-level
// comments and the parent's id for replies.
type Comment struct {
	Record    string  `json:"record"`
	Platform  string  `json:"platform"`
	ID        string  `json:"id"`
	PostID    string  `json:"post_id"`
	ParentID  string  `json:"parent_id,omitempty"`
	Author    *Ref    `json:"author,omitempty"`
	CreatedAt string  `json:"created_at,omitempty"`
	Text      string  `json:"text"`
	Likes     *int64  `json:"likes,omitempty"`
	Region    string  `json:"region,omitempty"`
	Media     []Media `json:"media,omitempty"`
	// Post is the post the comment answers, as the site showed it beside
	// the comment (its author and text), where that post is not the
	// person's own: what they wrote elsewhere, what mentions them.
	Post *Post  `json:"post,omitempty"`
	Raw  string `json:"raw,omitempty"`
}

// User is a followed account, a follower, or (with Record "profile") the
// account owner.
type User struct {
	Record      string `json:"record"`
	Platform    string `json:"platform"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	Handle      string `json:"handle,omitempty"`
	Description string `json:"description,omitempty"`
	// Groups are the follow groups (分组) the person put a followed
	// account in.
	Groups []string `json:"groups,omitempty"`
	// SpecialFollow is true for a followed account the person marked as
	// a special follow (特别关注).
	SpecialFollow bool    `json:"special_follow,omitempty"`
	Counts        *Counts `json:"counts,omitempty"`
	Avatar        string  `json:"avatar,omitempty"`
	URL           string  `json:"url,omitempty"`
	// Profile details, where the site shows them.
	Gender     string `json:"gender,omitempty"`
	Location   string `json:"location,omitempty"`
	IPLocation string `json:"ip_location,omitempty"`
	Birthday   string `json:"birthday,omitempty"`
	CreatedAt  string `json:"created_at,omitempty"` // when the account was registered
	// Media holds the downloaded avatar (profile records).
	Media []Media `json:"media,omitempty"`
	Raw   string  `json:"raw,omitempty"`
}

// Saved is a like or a favourite: a post (or, for Douyin's favourites, a
// series or a piece of music), plus the folder it was saved in where the
// site has folders. Douyin's watch history and watch later are Saved
// works too (TypeHistory, TypeWatchLater), in the site's order, newest
// first: the site's answers give no time of viewing that public code
// reads, so none is recorded.
type Saved struct {
	Record   string  `json:"record"` // TypeLike or TypeFavorite
	Platform string  `json:"platform"`
	Post     *Post   `json:"post,omitempty"`
	Series   *Series `json:"series,omitempty"`
	Music    *Music  `json:"music,omitempty"`
	Folder   string  `json:"folder,omitempty"`
	Raw      string  `json:"raw,omitempty"`
}

// Series is a collection of works (Douyin's 合集).
type Series struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	URL      string  `json:"url,omitempty"`
	Author   *Ref    `json:"author,omitempty"`
	Episodes *int64  `json:"episodes,omitempty"`
	Media    []Media `json:"media,omitempty"`
}

// OwnSeries is one of the person's own series (Douyin's 合集, record
// TypeSeries) with its works in the series' order.
type OwnSeries struct {
	Record   string `json:"record"`
	Platform string `json:"platform"`
	Series
	Works []Post `json:"works,omitempty"`
	Raw   string `json:"raw,omitempty"`
}

// Sound is a sound the person made (Douyin's 原声, record TypeSound); its
// audio file, when the site gave one, is among the music's Media.
type Sound struct {
	Record   string `json:"record"`
	Platform string `json:"platform"`
	Music
	Raw string `json:"raw,omitempty"`
}

// Notification is one of the site's notifications (Douyin's 通知): who
// did what, when, and the work it concerns.
type Notification struct {
	Record   string `json:"record"`
	Platform string `json:"platform"`
	ID       string `json:"id"`
	// Kind is comment, like, follow, mention, danmaku, or other (with
	// the site's code in Code).
	Kind      string `json:"kind"`
	Code      string `json:"code,omitempty"`
	CreatedAt string `json:"created_at,omitempty"`
	From      *Ref   `json:"from,omitempty"`
	Text      string `json:"text,omitempty"`
	// Post is the work the notification concerns, as the notification
	// showed it; CommentID the comment it is about.
	Post      *Post  `json:"post,omitempty"`
	CommentID string `json:"comment_id,omitempty"`
	Raw       string `json:"raw,omitempty"`
}

// Music is a piece of music.
type Music struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Author string  `json:"author,omitempty"`
	Media  []Media `json:"media,omitempty"`
}

// Wallet is the money an account holds, which deleting it would lose
// (Douyin: 抖币 and a money balance).
type Wallet struct {
	Record     string `json:"record"`
	Platform   string `json:"platform"`
	Coins      *int64 `json:"coins,omitempty"`       // 抖币
	MoneyCents *int64 `json:"money_cents,omitempty"` // in hundredths of a yuan
	// Screens are the screenshots of the wallet page.
	Screens []string `json:"screens,omitempty"`
	Raw     string   `json:"raw,omitempty"`
}

// Message is one direct message.
type Message struct {
	Record         string `json:"record"`
	Platform       string `json:"platform"`
	ID             string `json:"id,omitempty"`
	ConversationID string `json:"conversation_id"`
	// ConversationType is "one_to_one" or "group".
	ConversationType string `json:"conversation_type,omitempty"`
	// ConversationName is a group chat's name, when the site gives one.
	ConversationName string `json:"conversation_name,omitempty"`
	// Peer is the other side of a one-to-one conversation.
	Peer *Ref `json:"peer,omitempty"`
	// Sender is who wrote the message.
	Sender    *Ref   `json:"sender,omitempty"`
	CreatedAt string `json:"created_at,omitempty"`
	FromMe    bool   `json:"from_me"`
	// Kind is what the message is: text, sticker, voice, picture, file,
	// share (a shared work or post), transfer, recalled, or other (with
	// its site code in Text).
	Kind string `json:"kind,omitempty"`
	Text string `json:"text"`
	// Share is the work a share message links to.
	Share *SharedWork `json:"share,omitempty"`
	// Quoted is the message this one answers.
	Quoted *Quote  `json:"quoted,omitempty"`
	Media  []Media `json:"media,omitempty"`
}

// SharedWork is a work shared in a direct message.
type SharedWork struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Title  string `json:"title,omitempty"`
	Author *Ref   `json:"author,omitempty"`
}

// Quote is the message a reply quotes.
type Quote struct {
	ID   string `json:"id"`
	Text string `json:"text,omitempty"`
}

// ScreenIndex is screens/<...>/index.json: the ordered screenshots of
// something that cannot be exported, such as one direct-message
// conversation, and which records each screenshot shows. Verify uses it
// to prove that every record of the thing is on some screenshot.
type ScreenIndex struct {
	// Collection, Key and Value say which records the screenshots show:
	// those of data/<Collection>.jsonl whose field Key is Value (for
	// example messages whose conversation_id is one conversation).
	Collection string `json:"collection"`
	Key        string `json:"key"`
	Value      string `json:"value"`
	// Complete is true when the screenshots reach the thing's beginning
	// and the site had nothing older.
	Complete bool `json:"complete"`
	// Shots are the screenshots in the order they were taken.
	Shots []Shot `json:"shots"`
}

// Shot is one screenshot and the ids of the records fully on it.
type Shot struct {
	File string   `json:"file"`
	IDs  []string `json:"ids"`
}

// App is a third-party app authorised to use the account (Weibo).
type App struct {
	Record       string   `json:"record"`
	Platform     string   `json:"platform"`
	Name         string   `json:"name"`
	AuthorisedAt string   `json:"authorised_at,omitempty"`
	Scopes       []string `json:"scopes,omitempty"`
	URL          string   `json:"url,omitempty"`
	Raw          string   `json:"raw,omitempty"`
}

// MarshalLine encodes a record as one JSON Lines line (with its newline).
// HTML characters are written as they are, not as \u003c escapes: records
// are data, and a reader of the file should see the text.
func MarshalLine(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
