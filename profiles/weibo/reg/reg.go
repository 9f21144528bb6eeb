// Package reg registers Weibo with farewell (see profiles.Site): the
// profile, its parsers and its replica behind one value.
package reg

import (
	"context"
	"fmt"

	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"
	"github.com/farewell-app/farewell/profiles"
	"github.com/farewell-app/farewell/profiles/weibo"
	"github.com/farewell-app/farewell/profiles/weibo/replica"
)

// Site is Weibo.
func Site() profiles.Site {
	return profiles.Site{
		Name:     wb.Platform,
		Title:    "Weibo (weibo.com)",
		New:      func() profiles.Profile { return weibo.New() },
		Kinds:    wb.Kinds,
		DemoSize: 150,
		Variants: replica.Variants(),
		Replica: func(ctx context.Context, c profiles.ReplicaConfig) (profiles.Replica, error) {
			r, err := replica.Start(ctx, replica.Config{Seed: c.Seed, Posts: c.Size, Rate: c.Rate, Addr: c.Addr, Faults: c.Faults, Drift: c.Drift, Variants: c.Variants})
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
		MediaBytes: st.MediaBytes, Faults: s.Faults().Injected()}
}

func (s site) About() i18n.Msg {
	return i18n.Msg{Code: i18n.DemoAboutWeibo, Args: i18n.Args{"id": s.Account().Owner.ID, "posts": len(s.Account().Posts), "addr": s.Server().Addr()}}
}

func (s site) HowTo() []string {
	srv := s.Server()
	return []string{
		fmt.Sprintf("chromium --host-resolver-rules=%q --ignore-certificate-errors-spki-list=%s --user-data-dir=$(mktemp -d) https://passport.weibo.com/sso/signin", srv.HostRules(), srv.SPKI()),
		fmt.Sprintf("approve a QR login: curl -k --resolve passport.weibo.com:443:%s -d qrid=QRID -d action=approve https://passport.weibo.com/replica/phone", srv.Addr()),
	}
}
