// Package reg registers Douyin with farewell (see profiles.Site): the
// profile, its parsers and its replica behind one value.
package reg

import (
	"context"
	"fmt"

	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/profiles"
	"github.com/farewell-app/farewell/profiles/douyin"
	"github.com/farewell-app/farewell/profiles/douyin/replica"
)

// Site is Douyin.
func Site() profiles.Site {
	return profiles.Site{
		Name:     dy.Platform,
		Title:    "Douyin (www.douyin.com)",
		New:      func() profiles.Profile { return douyin.New() },
		Kinds:    dy.Kinds,
		DemoSize: 60,
		Variants: replica.Variants(),
		Replica: func(ctx context.Context, c profiles.ReplicaConfig) (profiles.Replica, error) {
			r, err := replica.Start(ctx, replica.Config{Seed: c.Seed, Works: c.Size, Conversations: c.Conversations, Rate: c.Rate, Addr: c.Addr,
				Faults: c.Faults, Drift: c.Drift, Variants: c.Variants})
			if err != nil {
				return nil, err
			}
			return site{r}, nil
		},
	}
}

// site is the replica as profiles.Replica.
type site struct{ *replica.Replica }

func (s site) Stats() profiles.ReplicaStats {
	st := s.Replica.Stats()
	return profiles.ReplicaStats{Requests: st.Requests, API: st.API, APINeeded: s.Needed(), Limited: st.Limited, MediaServed: st.MediaServed,
		MediaBytes: st.MediaBytes, Unsigned: st.Unsigned, Watermarked: st.Watermarked, Faults: s.Faults().Injected()}
}

func (s site) About() i18n.Msg {
	a := s.Account()
	return i18n.Msg{Code: i18n.DemoAboutDouyin, Args: i18n.Args{"id": a.Owner.UID, "works": len(a.Works), "conversations": len(a.Conversations), "addr": s.Server().Addr()}}
}

func (s site) HowTo() []string {
	srv := s.Server()
	return []string{
		fmt.Sprintf("chromium --host-resolver-rules=%q --ignore-certificate-errors-spki-list=%s --user-data-dir=$(mktemp -d) https://www.douyin.com/", srv.HostRules(), srv.SPKI()),
		fmt.Sprintf("approve a QR login: curl -k --resolve sso.douyin.com:443:%s -d token=TOKEN -d action=approve https://sso.douyin.com/replica/phone", srv.Addr()),
	}
}
