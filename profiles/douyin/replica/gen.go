package replica

import (
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// User is a generated Douyin user.
type User struct {
	UID       string
	SecUID    string
	ShortID   string
	UniqueID  string // 抖音号
	Nickname  string
	Signature string
	Avatar    string // the avatar's uri
	Region    string
	// FollowedAt is when the owner followed them, or they the owner: the
	// follow lists page by it.
	FollowedAt time.Time
	Works      int
	Followers  int
	Following  int
}

// Rung is one quality of a video: bit_rate[] entry.
type Rung struct {
	Gear    string // gear_name, e.g. normal_1080_0
	W, H    int
	FPS     int
	BitRate int
	Size    int
	H265    bool
	FileID  string
}

// Video is a generated video with its quality ladder (in the order the
// site lists it, which is not best last).
type Video struct {
	URI      string // v0200fg10000...
	Duration int    // ms
	Rungs    []Rung
	Cover    string // cover uri
}

// Best is the rung a backup must hold: the largest side, then frame
// rate, then bit rate, then size.
func (v *Video) Best() Rung {
	best := v.Rungs[0]
	for _, r := range v.Rungs[1:] {
		a, b := max(best.W, best.H), max(r.W, r.H)
		switch {
		case b != a:
			if b > a {
				best = r
			}
		case r.FPS != best.FPS:
			if r.FPS > best.FPS {
				best = r
			}
		case r.BitRate != best.BitRate:
			if r.BitRate > best.BitRate {
				best = r
			}
		case r.Size > best.Size:
			best = r
		}
	}
	return best
}

// Image is a picture of a photo post; Live is the motion of a live photo.
type Image struct {
	URI  string
	W, H int
	Live *Video
}

// Music is a work's music or a favourite one.
type Music struct {
	ID       string // above 2^53: sent as a bare number
	Title    string
	Author   string
	Duration int // seconds
}

// Comment is a generated comment or reply.
type Comment struct {
	CID       string
	Work      *Work
	Author    *User
	Text      string
	CreatedAt time.Time
	Likes     int
	IPLabel   string
	Picture   *Image
	Root      *Comment   // a reply's top-level comment
	ReplyTo   *Comment   // a reply to a reply
	Replies   []*Comment // a top-level comment's replies
}

// Work is a generated work (作品): a video or a photo post.
type Work struct {
	ID        string
	Author    *User
	Desc      string
	Hashtags  []string
	CreatedAt time.Time
	Video     *Video   // video works
	Images    []*Image // photo posts
	Music     *Music
	Diggs     int
	Shares    int
	Collects  int
	Pinned    bool
	Private   int        // private_status: 0 public, 1 self-only, 2 friends
	Comments  []*Comment // top level, each with its replies
}

// Photo reports a photo post.
func (w *Work) Photo() bool { return len(w.Images) > 0 }

// CommentCount is statistics.comment_count: comments and replies.
func (w *Work) CommentCount() int {
	n := len(w.Comments)
	for _, c := range w.Comments {
		n += len(c.Replies)
	}
	return n
}

// Folder is a favourites folder (收藏夹).
type Folder struct {
	ID      string
	Name    string
	Created time.Time
	Works   []*Work
}

// Mix is a series (合集) by someone else, favourited.
type Mix struct {
	ID       string
	Name     string
	Author   *User
	Episodes int
	Cover    string
}

// Message is one direct message.
type Message struct {
	ID        string // server_message_id
	Index     uint64 // index_in_conversation, from 1
	CreatedAt time.Time
	Sender    *User
	FromMe    bool
	Kind      string // text, sticker, voice, picture, share, transfer
	Text      string // a text, a shared work's title, a sticker's name, a transfer's title
	Share     *Work  // a shared work card
	Media     string // the id of a sticker, voice or picture file
	SKey      string // a picture's AES-256 key, hex
	Duration  int    // a voice's length, ms
	Quoted    *Message
}

// Conversation is a one-to-one or group chat.
type Conversation struct {
	ID       string // 0:1:<uid>:<uid> for one-to-one
	ShortID  uint64
	Type     uint64 // 1 one-to-one, 2 group
	Ticket   string
	Peer     *User      // one-to-one
	Members  []*User    // everyone but the owner
	Messages []*Message // oldest first
}

// Wallet is the account's money.
type Wallet struct {
	Diamond    int64 // 抖币
	MoneyCents int64 // 零钱, in fen
}

// Account is everything the replica serves for its one logged-in person.
type Account struct {
	Owner         *User
	Works         []*Work // own works, newest first
	Likes         []*Work // liked works of others, most recent like first
	Favorites     []*Work // favourited works, most recent first
	Folders       []*Folder
	Mixes         []*Mix
	Dramas        []*Mix   // favourited short dramas (短剧)
	Musics        []*Music // favourited music
	Following     []*User  // most recent follow first
	Followers     []*User
	FollowersCap  int
	CommentCap    int // top-level comments the site lists per work
	Conversations []*Conversation
	Wallet        Wallet
	History       []*Viewed // the watch history, most recently watched first
	WatchLater    []*Work   // watch later, most recently added first
	Series        []*Series // own series
	Sounds        []*Music  // own original sounds
	Notices       []*Notice // notifications, newest first

	g     *gen    // the generator, for grow
	pool  []*User // the others who comment
	tunes []*Music

	works    map[string]*Work
	videos   map[string]*Video // by uri, also live photos
	files    map[string]*Rung  // by file id
	images   map[string]*Image
	dm       map[string]*Message // DM pictures, stickers and voices by file id
	musics   map[string]*Music
	comments map[string]*Comment
	users    map[string]*User // by uid
	covers   map[string]bool  // cover uris
	avatars  map[string]bool  // avatar uris
}

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "郭", "林"}
	names    = []string{"一一", "小鹿", "阿杰", "糖糖", "大橙子", "木木", "七七", "阿宝", "小北", "安安", "星星", "豆豆", "果果", "十三"}
	suffixes = []string{"", "呀", "的vlog", "爱旅行", "不熬夜", "🌙", "_", "日记", "吃货", "同学"}
	provs    = []string{"北京", "上海", "广东", "浙江", "四川", "湖南", "江苏", "山东", "福建", "重庆"}
	phrases  = []string{"今天", "记录", "一下", "日常", "好看", "的", "风景", "真的", "太", "可爱了", "下班", "路上", "做饭", "周末", "出去", "玩", "猫咪", "狗狗",
		"夕阳", "海边", "拍照", "生活", "vlog", "第一次", "尝试", "喜欢", "分享", "给你们", "哈哈", "绝了", "晚安", "加油"}
	tags     = []string{"日常", "vlog", "旅行", "美食", "萌宠", "治愈", "告别", "我的生活", "摄影"}
	emojis   = []string{"[赞]", "[笑哭]", "[爱心]", "[捂脸]", "[玫瑰]", "😂", "👍", "🥹"}
	chatBits = []string{"好的", "哈哈哈", "晚安", "在吗", "收到", "[比心]", "好呀", "明天见", "嗯嗯", "哈哈哈哈哈"}
	folders  = []string{"学做饭", "旅行攻略", "稍后再看", "笑死"}
	songs    = []string{"晴天", "夜曲", "稻香", "起风了", "孤勇者", "海阔天空", "平凡之路", "小幸运", "后来", "成都"}
	singers  = []string{"周杰伦", "买辣椒也用券", "陈奕迅", "Beyond", "朴树", "田馥甄", "刘若英", "赵雷", "@原声"}
	gears    = []struct {
		name string
		w, h int
		br   int
	}{{"adapt_lowest_720_1", 720, 1280, 450_000}, {"normal_540_0", 576, 1024, 700_000}, {"normal_720_0", 720, 1280, 1_100_000},
		{"normal_1080_0", 1080, 1920, 2_000_000}, {"1080_1_1", 1080, 1920, 1_600_000}}
)

type gen struct {
	rng  *rand.Rand
	acc  *Account
	next int64 // the last id handed out
	now  time.Time
}

func (g *gen) pick(s []string) string { return s[g.rng.IntN(len(s))] }

func (g *gen) id() string {
	g.next += 1 + g.rng.Int64N(1e9)
	return fmt.Sprint(g.next)
}

func (g *gen) token(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.rng.IntN(len(alphabet))]
	}
	return string(b)
}

func (g *gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.rng.IntN(256))
	}
	return b
}

func (g *gen) text(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(g.pick(phrases))
		if g.rng.IntN(8) == 0 {
			b.WriteString(g.pick(emojis))
		}
	}
	return b.String()
}

func (g *gen) user() *User {
	uid := fmt.Sprint(60_000_000_000 + g.rng.Int64N(40_000_000_000))
	for g.acc.users[uid] != nil {
		uid = fmt.Sprint(60_000_000_000 + g.rng.Int64N(40_000_000_000))
	}
	raw := make([]byte, 41)
	for i := range raw {
		raw[i] = byte(g.rng.IntN(256))
	}
	u := &User{
		UID:       uid,
		SecUID:    "MS4wLjABAAAA" + base64.RawURLEncoding.EncodeToString(raw),
		ShortID:   fmt.Sprint(1_000_000_000 + g.rng.Int64N(9_000_000_000)),
		UniqueID:  "dy" + g.token(8),
		Nickname:  g.pick(surnames) + g.pick(names) + g.pick(suffixes),
		Signature: g.text(3 + g.rng.IntN(6)),
		Avatar:    "aweme-avatar/tos-cn-avt-0015_" + g.token(32),
		Region:    g.pick(provs),
		Works:     g.rng.IntN(400),
		Followers: g.rng.IntN(20000),
		Following: g.rng.IntN(900),
	}
	g.acc.users[uid] = u
	g.acc.avatars[u.Avatar] = true
	return u
}

func (g *gen) video(live bool) *Video {
	v := &Video{URI: "v0200fg10000" + g.token(20), Duration: 3000 + g.rng.IntN(180_000), Cover: "tos-cn-p-0015/" + g.token(32)}
	base := 12_000 + g.rng.IntN(40_000)
	ladder := gears[:]
	if live {
		v.Duration = 1500 + g.rng.IntN(1500)
		ladder = gears[1:3]
		base /= 2
	}
	for i, gr := range ladder {
		r := Rung{Gear: gr.name, W: gr.w, H: gr.h, FPS: 30, BitRate: gr.br + g.rng.IntN(50_000), Size: base * (i + 2) / 2,
			FileID: g.token(32), H265: g.rng.IntN(3) == 0}
		if gr.name == "1080_1_1" {
			r.FPS = 60 // same size, higher frame rate: the best rung
		}
		v.Rungs = append(v.Rungs, r)
	}
	// The site lists the ladder in no useful order.
	g.rng.Shuffle(len(v.Rungs), func(i, j int) { v.Rungs[i], v.Rungs[j] = v.Rungs[j], v.Rungs[i] })
	g.acc.videos[v.URI] = v
	for i := range v.Rungs {
		g.acc.files[v.Rungs[i].FileID] = &v.Rungs[i]
	}
	if !live {
		g.acc.covers[v.Cover] = true
	}
	return v
}

func (g *gen) image() *Image {
	img := &Image{URI: "tos-cn-i-0813/" + g.token(32), W: 360 + 8*g.rng.IntN(60), H: 480 + 8*g.rng.IntN(60)}
	g.acc.images[img.URI] = img
	return img
}

func (g *gen) music() *Music {
	// Music ids are above 2^53: a float64 cannot hold them.
	m := &Music{ID: fmt.Sprint(int64(7_000_000_000_000_000_000) + g.rng.Int64N(400_000_000_000_000_000)),
		Title: g.pick(songs), Author: g.pick(singers), Duration: 15 + g.rng.IntN(60)}
	g.acc.musics[m.ID] = m
	return m
}

// work makes a work by author at time at.
func (g *gen) work(author *User, at time.Time, tunes []*Music) *Work {
	w := &Work{ID: "73" + fmt.Sprintf("%017d", g.rng.Int64N(1e17)), Author: author, CreatedAt: at.Truncate(time.Second),
		Desc: g.text(2 + g.rng.IntN(12)), Diggs: g.rng.IntN(3000), Shares: g.rng.IntN(80), Collects: g.rng.IntN(200)}
	for g.acc.works[w.ID] != nil {
		w.ID = "73" + fmt.Sprintf("%017d", g.rng.Int64N(1e17))
	}
	for range g.rng.IntN(3) {
		t := g.pick(tags)
		if len(w.Hashtags) > 0 && w.Hashtags[0] == t {
			continue
		}
		w.Hashtags = append(w.Hashtags, t)
		w.Desc += " #" + t
	}
	if g.rng.IntN(4) == 0 {
		for range 1 + g.rng.IntN(6) {
			img := g.image()
			if g.rng.IntN(5) == 0 {
				img.Live = g.video(true)
			}
			w.Images = append(w.Images, img)
		}
	} else {
		w.Video = g.video(false)
	}
	w.Music = tunes[g.rng.IntN(len(tunes))]
	g.acc.works[w.ID] = w
	return w
}

func (g *gen) comment(w *Work, pool []*User, root *Comment) *Comment {
	c := &Comment{CID: "74" + fmt.Sprintf("%017d", g.rng.Int64N(1e17)), Work: w, Author: pool[g.rng.IntN(len(pool))],
		Text: g.text(1 + g.rng.IntN(10)), Likes: g.rng.IntN(300), IPLabel: g.pick(provs), Root: root}
	if root != nil && g.rng.IntN(4) == 0 {
		c.Author = g.acc.Owner
	}
	after := g.now.Sub(w.CreatedAt)
	c.CreatedAt = w.CreatedAt.Add(time.Duration(g.rng.Int64N(int64(max(after, time.Minute))))).Truncate(time.Second)
	if root == nil && g.rng.IntN(15) == 0 {
		c.Picture = g.image()
	}
	g.acc.comments[c.CID] = c
	return c
}

// Generate makes the account for cfg. The same seed and sizes always give
// the same account. It stops with ctx's error when ctx ends: a large
// account takes a while.
func Generate(ctx context.Context, cfg Config) (*Account, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	g := &gen{
		rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0xd0e1f2a3)),
		acc: &Account{works: map[string]*Work{}, videos: map[string]*Video{}, files: map[string]*Rung{}, images: map[string]*Image{},
			musics: map[string]*Music{}, comments: map[string]*Comment{}, users: map[string]*User{}, covers: map[string]bool{}, avatars: map[string]bool{}},
		next: 7_300_000_000_000_000_000 / 2,
		now:  cfg.Now,
	}
	acc := g.acc
	owner := g.user()
	owner.Nickname = "告别测试" + owner.UID[len(owner.UID)-4:]
	owner.Signature = "账号要注销了，先把这些年的作品和私信备份下来。"
	acc.Owner = owner
	pool := make([]*User, 0, 80)
	for range 80 {
		pool = append(pool, g.user())
	}
	tunes := make([]*Music, 0, 12)
	for range 12 {
		tunes = append(tunes, g.music())
	}

	// Own works, newest first, with a quiet year in the middle so that
	// the time-window cursor meets empty pages.
	n := cfg.Works
	at := cfg.Now.Add(-3 * time.Hour)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		acc.Works = append(acc.Works, g.work(owner, at, tunes))
		at = at.Add(-time.Duration(2+g.rng.IntN(120)) * time.Hour)
		if i == n/2 {
			at = at.AddDate(-1, -2, 0)
		}
	}
	if n > 3 {
		acc.Works[n/3].Pinned = true
		acc.Works[2*n/3].Pinned = true
	}
	for i, w := range acc.Works {
		switch {
		case i%23 == 7:
			w.Private = 1
		case i%31 == 11:
			w.Private = 2
		}
	}

	// Comments: most works have a few, some have more than a page, and
	// one has more top-level comments than the site will list.
	for i, w := range acc.Works {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if g.rng.IntN(10) >= 4 && i != 1 {
			continue
		}
		tops := 1 + g.rng.IntN(8)
		switch {
		case i == 1:
			tops = cfg.CommentCap + 5 + g.rng.IntN(10)
		case g.rng.IntN(9) == 0:
			tops = 21 + g.rng.IntN(20)
		}
		for range tops {
			c := g.comment(w, pool, nil)
			w.Comments = append(w.Comments, c)
			if g.rng.IntN(10) < 3 {
				nr := 1 + g.rng.IntN(4)
				if g.rng.IntN(12) == 0 {
					nr = 11 + g.rng.IntN(15)
				}
				for range nr {
					r := g.comment(w, pool, c)
					if len(c.Replies) > 0 && g.rng.IntN(3) == 0 {
						r.ReplyTo = c.Replies[g.rng.IntN(len(c.Replies))]
					}
					c.Replies = append(c.Replies, r)
				}
			}
		}
		sort.Slice(w.Comments, func(a, b int) bool { return w.Comments[a].CreatedAt.After(w.Comments[b].CreatedAt) })
	}

	// Likes and favourites: others' works.
	for i := range max(4, n/2) {
		acc.Likes = append(acc.Likes, g.work(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Duration(i*41+5)*time.Hour), tunes))
	}
	for i := range max(4, n/3) {
		acc.Favorites = append(acc.Favorites, g.work(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Duration(i*67+9)*time.Hour), tunes))
	}
	for i, name := range folders {
		f := &Folder{ID: g.id(), Name: name, Created: cfg.Now.AddDate(0, -3*(i+1), 0)}
		for _, w := range acc.Favorites {
			if g.rng.IntN(4) == 0 {
				f.Works = append(f.Works, w)
			}
		}
		acc.Folders = append(acc.Folders, f)
	}
	for range 2 + g.rng.IntN(4) {
		acc.Mixes = append(acc.Mixes, &Mix{ID: "72" + fmt.Sprintf("%017d", g.rng.Int64N(1e17)), Name: g.pick(tags) + "合集" + g.token(2),
			Author: pool[g.rng.IntN(len(pool))], Episodes: 3 + g.rng.IntN(40), Cover: "tos-cn-i-0813/mix-" + g.token(28)})
		acc.covers[acc.Mixes[len(acc.Mixes)-1].Cover] = true
	}
	for range 1 + g.rng.IntN(3) {
		acc.Dramas = append(acc.Dramas, &Mix{ID: "74" + fmt.Sprintf("%017d", g.rng.Int64N(1e17)), Name: "短剧·" + g.pick(tags) + g.token(2),
			Author: pool[g.rng.IntN(len(pool))], Episodes: 20 + g.rng.IntN(80), Cover: "tos-cn-i-0813/series-" + g.token(28)})
		acc.covers[acc.Dramas[len(acc.Dramas)-1].Cover] = true
	}
	for range 3 + g.rng.IntN(5) {
		acc.Musics = append(acc.Musics, g.music())
	}

	// Follow lists, most recent first.
	follow := func(count int, span time.Duration) []*User {
		out := make([]*User, 0, count)
		t := cfg.Now.Add(-time.Hour)
		for range count {
			u := g.user()
			// Whole seconds, strictly falling: the lists page by them.
			step := time.Duration(g.rng.Int64N(int64(span)/int64(max(count, 1)))) / time.Second * time.Second
			t = t.Truncate(time.Second).Add(-time.Second - step)
			u.FollowedAt = t
			out = append(out, u)
		}
		return out
	}
	acc.Following = follow(max(6, n/2), 3*365*24*time.Hour)
	acc.Followers = follow(max(10, n), 3*365*24*time.Hour)
	acc.FollowersCap = cfg.FollowersCap
	if acc.FollowersCap <= 0 {
		acc.FollowersCap = max(20, len(acc.Followers)*2/3)
	}
	acc.CommentCap = cfg.CommentCap

	// Direct messages, each conversation with its own length: every
	// fourth a group chat, some reaching back past the web's one-year
	// horizon.
	for i := range cfg.Conversations {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		peer := pool[(i*7)%len(pool)]
		if i >= len(pool) {
			peer = g.user()
		}
		c := &Conversation{ID: "0:1:" + owner.UID + ":" + peer.UID, Type: 1, Peer: peer, Members: []*User{peer}}
		if i%2 == 1 {
			c.ID = "0:1:" + peer.UID + ":" + owner.UID // the order is not fixed
		}
		if i%4 == 2 {
			c.Type, c.Peer = 2, nil
			c.Members = []*User{peer, pool[(i*7+3)%len(pool)], pool[(i*7+5)%len(pool)]}
			c.ID = fmt.Sprint(uint64(7_100_000_000_000_000_000) + uint64(g.rng.Int64N(1e17)))
		}
		c.ShortID = 7_000_000_000_000_000_000 + uint64(g.rng.Int64N(1e18))
		c.Ticket = "deprecated_" + g.token(24)
		count := 3 + g.rng.IntN(40)
		switch i % 5 {
		case 1:
			count = 60 + g.rng.IntN(80)
		case 3:
			count = 1 + g.rng.IntN(4)
		}
		start := -300 + g.rng.IntN(200)
		if i%3 == 1 {
			start = -420 - g.rng.IntN(200) // older than the web shows
			count = max(count, 10)
		}
		t := cfg.Now.AddDate(0, 0, start)
		for k := range count {
			t = t.Add(time.Duration(5+g.rng.IntN(3*3600)) * time.Second)
			if k == count-5 && start < -365 {
				t = cfg.Now.AddDate(0, 0, -20) // the conversation goes on this month
			}
			m := &Message{ID: fmt.Sprint(uint64(7_300_000_000_000_000_000) + uint64(g.rng.Int64N(9e17))), Index: uint64(k + 1),
				CreatedAt: t.Truncate(time.Millisecond), Kind: "text"}
			m.Sender = c.Members[g.rng.IntN(len(c.Members))]
			if g.rng.IntN(2) == 0 {
				m.Sender, m.FromMe = owner, true
			}
			switch r := g.rng.IntN(40); {
			case r < 12:
				m.Text = g.pick(chatBits) // short, repeated texts
			case r < 14 && len(acc.Works) > 0:
				m.Kind, m.Share = "share", acc.Works[g.rng.IntN(len(acc.Works))]
				m.Text = m.Share.Desc
			case r < 16:
				m.Kind, m.Media, m.SKey = "picture", g.token(20), fmt.Sprintf("%x", g.bytes(32))
			case r < 17:
				m.Kind, m.Media, m.Text = "sticker", g.token(16), g.pick([]string{"[比心]", "[捂脸]", "[666]"})
			case r < 18:
				m.Kind, m.Media, m.Duration = "voice", g.token(16), 1000+g.rng.IntN(40000)
			case r < 19 && c.Type == 1:
				m.Kind, m.Text = "transfer", fmt.Sprintf("转账 ¥%d.00", 1+g.rng.IntN(200))
			default:
				m.Text = g.text(1 + g.rng.IntN(12))
			}
			if m.Kind == "text" && k > 0 && g.rng.IntN(12) == 0 {
				m.Quoted = c.Messages[g.rng.IntN(k)]
			}
			c.Messages = append(c.Messages, m)
		}
		acc.Conversations = append(acc.Conversations, c)
	}
	acc.dm = map[string]*Message{}
	for _, c := range acc.Conversations {
		for _, m := range c.Messages {
			if m.Media != "" {
				acc.dm[m.Media] = m
			}
		}
	}
	sort.SliceStable(acc.Conversations, func(a, b int) bool { return acc.Conversations[a].last().After(acc.Conversations[b].last()) })
	acc.Wallet = cfg.Wallet

	owner.Works = len(acc.Works)
	owner.Following = len(acc.Following)
	owner.Followers = len(acc.Followers)
	acc.g, acc.pool, acc.tunes = g, pool, tunes
	g.activity(cfg)
	return acc, nil
}

// grow adds n own works newer than every work the account has, as a
// person who posts between two backups; the first has comments.
func (a *Account) grow(n int) {
	g := a.g
	newest := a.Works[0].CreatedAt
	for _, w := range a.Works {
		if w.CreatedAt.After(newest) {
			newest = w.CreatedAt
		}
	}
	added := make([]*Work, 0, n)
	for i := range n {
		w := g.work(a.Owner, newest.Add(time.Duration(i+1)*11*time.Minute), a.tunes)
		if i == 0 {
			for range 3 {
				w.Comments = append(w.Comments, g.comment(w, a.pool, nil))
			}
			sort.Slice(w.Comments, func(x, y int) bool { return w.Comments[x].CreatedAt.After(w.Comments[y].CreatedAt) })
		}
		added = append(added, w)
	}
	slices.Reverse(added) // newest first
	a.Works = append(added, a.Works...)
	a.Owner.Works = len(a.Works)
}

func (c *Conversation) last() time.Time {
	if len(c.Messages) == 0 {
		return time.Time{}
	}
	return c.Messages[len(c.Messages)-1].CreatedAt
}
