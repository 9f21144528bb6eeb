package main

import (
	"context"
	"fmt"
	"time"

	"github.com/farewell-app/farewell/exporter"
	douyinreplica "github.com/farewell-app/farewell/profiles/douyin/replica"
	"github.com/farewell-app/farewell/profiles/faults"
	weiboreplica "github.com/farewell-app/farewell/profiles/weibo/replica"
)

// site is a running replica that demo and replica drive: one per
// platform, behind the same few methods.
type site interface {
	Network() exporter.Network
	Interval() time.Duration
	Approve(ctx context.Context, scanURL string) error
	Needed() int
	Close() error
	// Faults carries out the faults the replica was started with.
	Faults() *faults.Injector
	// summary is what the replica saw.
	summary() *replicaSummary
	// about says what it serves, where; howTo how to reach it by hand.
	about() string
	howTo() []string
}

// siteOptions size a replica.
type siteOptions struct {
	Size          int
	Conversations int // douyin
	Seed          uint64
	Rate          float64
	Addr          string
	Faults        string // the --faults list
}

// startSite starts the replica of a platform.
func startSite(platform string, o siteOptions) (site, error) {
	fl, err := faults.Parse(o.Faults)
	if err != nil {
		return nil, usageErrorf("--faults: %v", err)
	}
	switch platform {
	case "weibo":
		r, err := weiboreplica.Start(weiboreplica.Config{Seed: o.Seed, Posts: o.Size, Rate: o.Rate, Addr: o.Addr, Faults: fl})
		if err != nil {
			return nil, err
		}
		return weiboSite{r}, nil
	case "douyin":
		r, err := douyinreplica.Start(douyinreplica.Config{Seed: o.Seed, Works: o.Size, Conversations: o.Conversations, Rate: o.Rate, Addr: o.Addr, Faults: fl})
		if err != nil {
			return nil, err
		}
		return douyinSite{r}, nil
	}
	return nil, usageErrorf("no replica of %q (there are weibo and douyin)", platform)
}

type weiboSite struct{ *weiboreplica.Replica }

func (s weiboSite) summary() *replicaSummary {
	st := s.Stats()
	return &replicaSummary{Requests: st.Requests, API: st.API, APINeeded: s.Needed(), Limited: st.Limited, MediaServed: st.MediaServed, MediaBytes: st.MediaBytes,
		Faults: s.Faults().Injected()}
}

func (s weiboSite) about() string {
	return fmt.Sprintf("the weibo replica serves account %s (%d posts) on %s", s.Account().Owner.ID, len(s.Account().Posts), s.Server().Addr())
}

func (s weiboSite) howTo() []string {
	srv := s.Server()
	return []string{
		fmt.Sprintf("chromium --host-resolver-rules=%q --ignore-certificate-errors-spki-list=%s --user-data-dir=$(mktemp -d) https://passport.weibo.com/sso/signin", srv.HostRules(), srv.SPKI()),
		fmt.Sprintf("approve a QR login: curl -k --resolve passport.weibo.com:443:%s -d qrid=QRID -d action=approve https://passport.weibo.com/replica/phone", srv.Addr()),
	}
}

type douyinSite struct{ *douyinreplica.Replica }

func (s douyinSite) summary() *replicaSummary {
	st := s.Stats()
	return &replicaSummary{Requests: st.Requests, API: st.API, APINeeded: s.Needed(), Limited: st.Limited, MediaServed: st.MediaServed,
		MediaBytes: st.MediaBytes, Unsigned: st.Unsigned, Watermarked: st.Watermarked, Faults: s.Faults().Injected()}
}

func (s douyinSite) about() string {
	a := s.Account()
	return fmt.Sprintf("the douyin replica serves account %s (%d works, %d conversations) on %s", a.Owner.UID, len(a.Works), len(a.Conversations), s.Server().Addr())
}

func (s douyinSite) howTo() []string {
	srv := s.Server()
	return []string{
		fmt.Sprintf("chromium --host-resolver-rules=%q --ignore-certificate-errors-spki-list=%s --user-data-dir=$(mktemp -d) https://www.douyin.com/", srv.HostRules(), srv.SPKI()),
		fmt.Sprintf("approve a QR login: curl -k --resolve sso.douyin.com:443:%s -d token=TOKEN -d action=approve https://sso.douyin.com/replica/phone", srv.Addr()),
	}
}
