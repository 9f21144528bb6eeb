package replica

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/farewell-app/farewell/parsers/weibo"
)

// User is a generated Weibo user.
type User struct {
	ID          string
	Name        string
	Domain      string
	Description string
	Location    string
	Gender      string
	Followers   int
	Friends     int
	Statuses    int
	Avatar      string // pid of the avatar image
}

// Pic is a generated picture.
type Pic struct {
	PID  string
	Type string // pic, gif, livephoto
	W, H int
	Host int // wx1..wx4
}

// Ext is the picture's file extension.
func (p *Pic) Ext() string {
	if p.Type == "gif" {
		return "gif"
	}
	return "jpg"
}

// Video is a generated video with its quality ladder.
type Video struct {
	ID       string
	Duration float64
	Rungs    []Rung // best last
}

// Rung is one quality of a video.
type Rung struct {
	Label        string
	QualityIndex int
	W, H         int
	Size         int
}

// Link is a t.cn short link.
type Link struct {
	Short, Long, Title string
}

// Post is a generated status.
type Post struct {
	Mid, Bid     string
	Author       *User
	CreatedAt    time.Time
	Text         string // the whole text
	Long         bool   // only statuses/longtext has the whole text
	FalseLong    bool   // isLongText is true but the text is short
	Pics         []*Pic
	Video        *Video
	VideoOuter   bool // a repost whose (original's) video sits on the outer status
	Repost       *Post
	Visible      int
	Source       string
	Region       string
	Links        []Link
	Topics       []string
	Reposts      int
	Likes        int
	Comments     []*Comment // top level, each with its replies
	Pinned       bool
	CursorHidden bool // the timeline cursor skips it; searchProfile has it
	Deleted      bool // a deleted original: only a stub remains
	// ClientOnly: the web shows only a stub of it; m.weibo.cn has it
	// whole (§W3).
	ClientOnly bool
	// Edits are the post's earlier versions, newest first (the post was
	// edited after it was published).
	Edits []Edit
	// Article is the article the post announces.
	Article *Article
}

// FollowGroup is a follow group (分组) the person made.
type FollowGroup struct {
	GID, Title string
	Members    []*User
}

// Edit is an earlier version of an edited post: its text, and when it
// was written.
type Edit struct {
	Text string
	At   time.Time
}

// CommentCount is comments_count: top-level comments and replies.
func (p *Post) CommentCount() int {
	n := len(p.Comments)
	for _, c := range p.Comments {
		n += len(c.Replies)
	}
	return n
}

// ShowBulletin is the post's is_show_bulletin: 2 on recent posts, 0 on
// old ones. buildComments must be called with the post's own value.
func (p *Post) ShowBulletin() int {
	if p.CreatedAt.Year() < 2019 {
		return 0
	}
	return 2
}

// Comment is a generated comment or reply.
type Comment struct {
	ID        string
	Post      *Post
	Author    *User
	CreatedAt time.Time
	Text      string
	Likes     int
	Region    string
	Pic       *Pic
	Root      *Comment   // for replies
	ReplyTo   *Comment   // a reply to a reply
	Replies   []*Comment // for top-level comments
}

// Fav is a favourite with its folders (tags).
type Fav struct {
	Post *Post
	Tags []string
}

// App is an authorised third-party app.
type App struct {
	ID           string
	Name         string
	AuthorisedAt time.Time
	Scopes       []string
}

// Account is everything the replica serves for its one logged-in person.
type Account struct {
	Owner     *User
	Posts     []*Post // own posts, newest first
	Likes     []*Post
	Favorites []*Fav
	Following []*User
	Followers []*User
	Apps      []*App
	// FollowersCap is the most followers the site lists.
	FollowersCap int
	Foreign      []*Post // other users' posts the timeline mixes in
	// MyComments are the comments the person wrote on other users'
	// posts, newest first; Mentions the posts and CommentMentions the
	// comments of others that @-mention them.
	MyComments      []*Comment
	Mentions        []*Post
	CommentMentions []*Comment
	// Groups are the follow groups the person made, with the followed
	// accounts in each.
	Groups []*FollowGroup
	// Chats are the person's private conversations, newest first.
	Chats []*Chat
	// Special are the followed accounts marked as special follows
	// (特别关注), by uid.
	Special map[string]bool

	g    *gen    // the generator, for Grow
	pool []*User // the others who comment

	pics     map[string]*Pic
	videos   map[string]*Video
	byMid    map[string]*Post
	byBid    map[string]*Post
	comments map[string]*Comment
}

var (
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"}
	givens     = []string{"小明", "晓燕", "子涵", "浩然", "雨桐", "思远", "一诺", "欣怡", "宇航", "梓萱", "俊杰", "佳怡", "大伟", "静", "磊"}
	nicks      = []string{"的日常", "不吃香菜", "在路上", "爱摄影", "2024", "_", "同学", "的猫", "呀", "Official"}
	places     = []string{"北京", "上海", "浙江", "广东", "四川", "湖北", "江苏", "福建", "海外"}
	sources    = []string{"iPhone 15 Pro", "HUAWEI Mate 60", "微博网页版", "iPad", "小米14", "Android"}
	words      = []string{"今天", "天气", "真好", "我们", "一起", "去了", "公园", "散步", "吃了", "火锅", "好开心", "工作", "加班", "读书", "电影", "周末", "回家", "想念", "朋友", "猫", "咖啡", "下雨", "阳光", "城市", "夜晚", "记录一下", "生活", "感谢", "告别", "新的开始"}
	emoji      = []string{"[doge]", "[哈哈]", "[心]", "[泪]", "🎉", "🌧️", "😂", "🐱"}
	topics     = []string{"今日份快乐", "读书打卡", "账号注销", "旅行日记", "美食"}
	appNames   = []string{"微博相册助手", "某某读书", "云笔记", "音乐同步", "旅行打卡", "天气小组件", "健身记录", "游戏中心"}
	appScopes  = []string{"获得你的个人信息、好友关系", "分享内容到你的微博", "获得你的评论", "获得你的关注列表"}
	favFolders = []string{"学习", "回忆", "美食", "稍后看"}
	base62     = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

type gen struct {
	rng  *rand.Rand
	acc  *Account
	mid  int64
	cid  int64
	uids map[string]bool
}

func (g *gen) pick(s []string) string { return s[g.rng.IntN(len(s))] }

func (g *gen) sentence(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(g.pick(words))
		if g.rng.IntN(7) == 0 {
			b.WriteString(g.pick(emoji))
		}
		if g.rng.IntN(9) == 0 {
			b.WriteString("，")
		}
	}
	b.WriteString(g.pick([]string{"。", "！", "～", "……"}))
	return b.String()
}

func (g *gen) token(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = base62[g.rng.IntN(62)]
	}
	return string(b)
}

func (g *gen) user() *User {
	var id string
	for {
		id = fmt.Sprint(1000000000 + g.rng.Int64N(6999999999))
		if !g.uids[id] {
			g.uids[id] = true
			break
		}
	}
	u := &User{
		ID:          id,
		Name:        g.pick(surnames) + g.pick(givens) + g.pick(nicks),
		Description: g.sentence(4),
		Location:    g.pick(places),
		Gender:      g.pick([]string{"m", "f"}),
		Followers:   g.rng.IntN(5000),
		Friends:     g.rng.IntN(800),
		Statuses:    g.rng.IntN(3000),
	}
	u.Avatar = g.pic("pic").PID
	return u
}

func (g *gen) pic(typ string) *Pic {
	p := &Pic{PID: "006" + g.token(19), Type: typ, W: 240 + 8*g.rng.IntN(80), H: 240 + 8*g.rng.IntN(80), Host: 1 + g.rng.IntN(4)}
	if typ == "gif" {
		p.W, p.H = p.W/2, p.H/2
	}
	g.acc.pics[p.PID] = p
	return p
}

func (g *gen) video() *Video {
	v := &Video{ID: "00" + g.token(14), Duration: float64(5+g.rng.IntN(120)) + 0.5}
	base := 60_000 + g.rng.IntN(200_000)
	v.Rungs = []Rung{
		{Label: "mp4_ld", QualityIndex: 1, W: 640, H: 360, Size: base},
		{Label: "mp4_hd", QualityIndex: 2, W: 852, H: 480, Size: base * 2},
		{Label: "mp4_720p", QualityIndex: 3, W: 1280, H: 720, Size: base * 3},
	}
	g.acc.videos[v.ID] = v
	return v
}

func (g *gen) nextMid() (string, string) {
	g.mid += 1 + g.rng.Int64N(1e9)
	mid := fmt.Sprint(g.mid)
	bid, err := weibo.BidFromMid(mid)
	if err != nil {
		panic(err)
	}
	return mid, bid
}

func (g *gen) register(p *Post) {
	g.acc.byMid[p.Mid] = p
	g.acc.byBid[p.Bid] = p
}

// otherPost makes a post by someone else (liked, favourited, reposted or
// mixed into the timeline).
func (g *gen) otherPost(author *User, at time.Time) *Post {
	mid, bid := g.nextMid()
	p := &Post{Mid: mid, Bid: bid, Author: author, CreatedAt: at, Text: g.sentence(8 + g.rng.IntN(20)),
		Source: g.pick(sources), Region: g.pick(places), Reposts: g.rng.IntN(500), Likes: g.rng.IntN(5000)}
	if g.rng.IntN(3) == 0 {
		for range 1 + g.rng.IntN(4) {
			p.Pics = append(p.Pics, g.pic("pic"))
		}
	}
	g.register(p)
	return p
}

// Generate makes the account for cfg. The same seed and size always give
// the same account. It stops with ctx's error when ctx ends: a large
// account takes a while.
func Generate(ctx context.Context, cfg Config) (*Account, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	g := &gen{
		rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0xfa7e5e11)),
		acc: &Account{pics: map[string]*Pic{}, videos: map[string]*Video{}, byMid: map[string]*Post{},
			byBid: map[string]*Post{}, comments: map[string]*Comment{}},
		mid:  4_700_000_000_000_000,
		cid:  5_100_000_000_000_000,
		uids: map[string]bool{},
	}
	acc := g.acc
	owner := g.user()
	owner.Name = "告别测试" + owner.ID[len(owner.ID)-4:]
	owner.Domain = "farewell" + owner.ID[len(owner.ID)-4:]
	owner.Description = "要注销了，先把十年的微博备份下来。"
	acc.Owner = owner
	pool := make([]*User, 0, 60)
	for range 60 {
		pool = append(pool, g.user())
	}

	// Own posts, oldest first, spread back from Now.
	n := cfg.Posts
	gap := min(5*24*time.Hour, time.Duration(float64(8*365*24*time.Hour)/float64(max(n, 1))))
	times := make([]time.Time, n)
	at := cfg.Now
	for i := range n {
		at = at.Add(-time.Duration((0.2 + g.rng.Float64()*1.6) * float64(gap)))
		times[n-1-i] = at.Truncate(time.Second)
	}
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mid, bid := g.nextMid()
		p := &Post{Mid: mid, Bid: bid, Author: owner, CreatedAt: times[i], Source: g.pick(sources),
			Region: g.pick(places), Reposts: g.rng.IntN(20), Likes: g.rng.IntN(200)}
		switch r := g.rng.IntN(100); {
		case r < 80:
			p.Visible = 0
		case r < 88:
			p.Visible = 1
		case r < 94:
			p.Visible = 6
		default:
			p.Visible = 10
		}
		p.Text = g.sentence(5 + g.rng.IntN(25))
		switch r := g.rng.IntN(100); {
		case r < 15:
			p.Long = true
			for len([]rune(p.Text)) < 300+g.rng.IntN(1200) {
				p.Text += "\n" + g.sentence(10+g.rng.IntN(30))
			}
		case r < 18:
			p.FalseLong = true
		}
		if g.rng.IntN(10) == 0 {
			l := Link{Short: "http://t.cn/A6" + g.token(5), Long: fmt.Sprintf("https://example.org/文章/%d?from=weibo&id=%s", g.rng.IntN(1e6), g.token(4)), Title: "网页链接"}
			p.Links = append(p.Links, l)
			p.Text += " " + l.Short + " " + g.sentence(3)
		}
		if g.rng.IntN(10) == 0 {
			t := g.pick(topics)
			p.Topics = append(p.Topics, t)
			p.Text = "#" + t + "# " + p.Text
		}
		switch r := g.rng.IntN(100); {
		case r < 30: // 1..9 pictures, some GIFs and live photos
			for range 1 + g.rng.IntN(9) {
				typ := "pic"
				switch g.rng.IntN(20) {
				case 0:
					typ = "gif"
				case 1:
					typ = "livephoto"
				}
				p.Pics = append(p.Pics, g.pic(typ))
			}
		case r < 35: // more than nine: lists show nine, statuses/show all
			for range 10 + g.rng.IntN(9) {
				p.Pics = append(p.Pics, g.pic("pic"))
			}
		case r < 43:
			p.Video = g.video()
		case r < 58: // a repost
			orig := g.otherPost(pool[g.rng.IntN(len(pool))], p.CreatedAt.Add(-time.Duration(1+g.rng.IntN(72))*time.Hour))
			switch r := g.rng.IntN(10); {
			case r < 2:
				orig.Deleted = true
				orig.Pics = nil
			case r < 5:
				orig.Video = g.video()
				p.VideoOuter = true
			case r < 7: // a long original: its whole text only from longtext
				orig.Long = true
				for len([]rune(orig.Text)) < 400 {
					orig.Text += "\n" + g.sentence(20)
				}
			}
			p.Repost = orig
			p.Text = "转发理由：" + g.sentence(3+g.rng.IntN(6))
		}
		g.register(p)
		acc.Posts = append(acc.Posts, p)
	}
	// Newest first.
	sort.Slice(acc.Posts, func(i, j int) bool { return acc.Posts[i].CreatedAt.After(acc.Posts[j].CreatedAt) })
	if len(acc.Posts) > 30 {
		acc.Posts[len(acc.Posts)/3].Pinned = true
	}
	// The cursor drops a few posts past the first page.
	for i, p := range acc.Posts {
		if i > 20 && !p.Pinned && g.rng.IntN(33) == 0 {
			p.CursorHidden = true
		}
	}
	// The web shows some posts only as a stub (§W3): one in eleven.
	for i, p := range acc.Posts {
		p.ClientOnly = i%11 == 5 && !p.Pinned
	}
	// One post in thirteen was edited once or twice after it was
	// published; the versions before keep a shorter text.
	for i, p := range acc.Posts {
		if i%13 != 7 || p.ClientOnly || p.Long {
			continue
		}
		r, n := []rune(p.Text), 1+i%2
		for k := 1; k <= n; k++ {
			// Newest first; the oldest is the post as published.
			p.Edits = append(p.Edits, Edit{Text: string(r[:max(1, len(r)*(3-k)/3)]), At: p.CreatedAt.Add(time.Duration(n-k) * time.Hour)})
		}
	}

	// Comments with replies.
	for _, p := range acc.Posts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if g.rng.IntN(10) >= 4 {
			continue
		}
		tops := 1 + g.rng.IntN(6)
		if g.rng.IntN(8) == 0 {
			tops = 15 + g.rng.IntN(20) // more than one page
		}
		for range tops {
			c := g.comment(p, pool, owner, nil)
			p.Comments = append(p.Comments, c)
			if g.rng.IntN(10) < 3 {
				nr := 1 + g.rng.IntN(4)
				if g.rng.IntN(15) == 0 {
					nr = 21 + g.rng.IntN(10) // more than one page of replies
				}
				for range nr {
					var to *Comment
					if len(c.Replies) > 0 && g.rng.IntN(3) == 0 {
						to = c.Replies[g.rng.IntN(len(c.Replies))]
					}
					r := g.comment(p, pool, owner, c)
					r.ReplyTo = to
					c.Replies = append(c.Replies, r)
				}
			}
		}
	}

	// Likes, favourites, follow lists, apps.
	for i := range max(3, n/3) {
		p := g.otherPost(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Duration(i)*37*time.Hour))
		p.ClientOnly = i%9 == 4
		acc.Likes = append(acc.Likes, p)
	}
	for i := range max(2, n/5) {
		f := &Fav{Post: g.otherPost(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Duration(i)*53*time.Hour))}
		f.Post.ClientOnly = i%7 == 3
		if g.rng.IntN(2) == 0 {
			f.Tags = []string{g.pick(favFolders)}
		}
		acc.Favorites = append(acc.Favorites, f)
	}
	for range max(5, n/2) {
		acc.Following = append(acc.Following, g.user())
	}
	for range max(8, 2*n) {
		acc.Followers = append(acc.Followers, g.user())
	}
	acc.FollowersCap = cfg.FollowersCap
	if acc.FollowersCap <= 0 {
		acc.FollowersCap = max(20, len(acc.Followers)*2/3/20*20)
	}
	for i := range 3 + g.rng.IntN(6) {
		a := &App{ID: fmt.Sprint(2000 + g.rng.IntN(8000)), Name: appNames[i%len(appNames)],
			AuthorisedAt: cfg.Now.AddDate(0, -1-g.rng.IntN(60), 0)}
		a.Scopes = append(a.Scopes, appScopes[:1+g.rng.IntN(len(appScopes))]...)
		acc.Apps = append(acc.Apps, a)
	}
	for range max(2, n/40) {
		acc.Foreign = append(acc.Foreign, g.otherPost(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Hour)))
	}
	g.messages(cfg, pool)
	// Follow groups: a followed account is in none, one or two of them.
	for k, title := range []string{"同学", "同事", "旅行"} {
		fg := &FollowGroup{GID: fmt.Sprint(4_100_000_000_000_000 + k*7), Title: title}
		for i, u := range acc.Following {
			if (i+k)%4 == 0 || (k == 2 && i%5 == 1) {
				fg.Members = append(fg.Members, u)
			}
		}
		acc.Groups = append(acc.Groups, fg)
	}
	acc.Special = map[string]bool{}
	for i, u := range acc.Following {
		if i%6 == 2 {
			acc.Special[u.ID] = true
		}
	}
	g.articles()
	g.chats(cfg, pool)
	owner.Statuses = len(acc.Posts)
	owner.Friends = len(acc.Following)
	owner.Followers = len(acc.Followers)
	acc.g, acc.pool = g, pool
	return acc, nil
}

// messages makes what the person's messages box lists: comments they
// wrote on others' posts (some replying to a comment there), and posts
// and comments of others that @-mention them.
func (g *gen) messages(cfg Config, pool []*User) {
	acc, owner, n := g.acc, g.acc.Owner, cfg.Posts
	for i := range max(3, n/5) {
		p := g.otherPost(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Duration(i)*41*time.Hour))
		c := g.comment(p, pool, owner, nil)
		if i%4 == 1 {
			other := g.comment(p, pool, owner, nil)
			c.Root, c.ReplyTo, c.Pic = other, other, nil // replies carry no picture here
			other.Replies = append(other.Replies, c)
		}
		c.Author = owner
		acc.MyComments = append(acc.MyComments, c)
	}
	mention := "@" + owner.Name + " "
	for i := range max(2, n/10) {
		p := g.otherPost(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Duration(i)*59*time.Hour))
		p.Text = mention + p.Text
		acc.Mentions = append(acc.Mentions, p)
	}
	for i := range max(2, n/10) {
		p := g.otherPost(pool[g.rng.IntN(len(pool))], cfg.Now.Add(-time.Duration(i)*67*time.Hour))
		c := g.comment(p, pool, owner, nil)
		c.Text = mention + c.Text
		acc.CommentMentions = append(acc.CommentMentions, c)
	}
	newest := func(cs []*Comment) {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].CreatedAt.After(cs[j].CreatedAt) })
	}
	newest(acc.MyComments)
	newest(acc.CommentMentions)
}

// Received are the comments others wrote on the person's posts, newest
// first: what message/cmt lists.
func (a *Account) Received() []*Comment {
	var out []*Comment
	for _, p := range a.Posts {
		for _, c := range p.Comments {
			for _, cm := range append([]*Comment{c}, c.Replies...) {
				if cm.Author != a.Owner {
					out = append(out, cm)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out
}

// grow adds n own posts newer than every post the account has, as a
// person who posts between two backups: each with one to three
// pictures, the first with comments.
func (a *Account) grow(n int) {
	g, owner := a.g, a.Owner
	newest := a.Posts[0].CreatedAt
	for _, p := range a.Posts {
		if p.CreatedAt.After(newest) {
			newest = p.CreatedAt
		}
	}
	added := make([]*Post, 0, n)
	for i := range n {
		mid, bid := g.nextMid()
		p := &Post{Mid: mid, Bid: bid, Author: owner, CreatedAt: newest.Add(time.Duration(i+1) * 17 * time.Minute),
			Text: "新的一条：" + g.sentence(6+g.rng.IntN(10)), Source: g.pick(sources), Region: g.pick(places)}
		for range 1 + i%3 {
			p.Pics = append(p.Pics, g.pic("pic"))
		}
		if i == 0 {
			for range 2 {
				p.Comments = append(p.Comments, g.comment(p, a.pool, owner, nil))
			}
		}
		g.register(p)
		added = append(added, p)
	}
	slices.Reverse(added) // newest first
	a.Posts = append(added, a.Posts...)
	owner.Statuses = len(a.Posts)
}

func (g *gen) comment(p *Post, pool []*User, owner *User, root *Comment) *Comment {
	g.cid += 1 + g.rng.Int64N(1e6)
	author := pool[g.rng.IntN(len(pool))]
	if root != nil && g.rng.IntN(3) == 0 {
		author = owner
	}
	c := &Comment{ID: fmt.Sprint(g.cid), Post: p, Author: author, Text: g.sentence(2 + g.rng.IntN(12)),
		Likes: g.rng.IntN(50), Region: g.pick(places), Root: root,
		CreatedAt: p.CreatedAt.Add(time.Duration(1+g.rng.IntN(5000)) * time.Minute).Truncate(time.Second)}
	if root == nil && g.rng.IntN(12) == 0 {
		c.Pic = g.pic("pic")
	}
	g.acc.comments[c.ID] = c
	return c
}

// post finds a post by its mid or its bid.
func (a *Account) post(idOrBid string) *Post {
	if p := a.byMid[idOrBid]; p != nil {
		return p
	}
	return a.byBid[idOrBid]
}
