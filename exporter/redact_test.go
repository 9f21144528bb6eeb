package exporter

import "testing"

func TestRedactURL(t *testing.T) {
	names := map[string]bool{"msToken": true, "verifyFp": true}
	for _, c := range []struct{ in, want string }{
		{"https://www.douyin.com/aweme/v1/web/aweme/post/?sec_user_id=x&msToken=abc%3D%3D&a_bogus=q", "https://www.douyin.com/aweme/v1/web/aweme/post/?sec_user_id=x&msToken=redacted&a_bogus=q"},
		{"https://x/?verifyFp=verify_1&count=18#top", "https://x/?verifyFp=redacted&count=18#top"},
		{"https://x/?msTokenish=1&msToken", "https://x/?msTokenish=1&msToken=redacted"},
		{"https://x/path", "https://x/path"},
	} {
		if got := redactURL(c.in, names); got != c.want {
			t.Errorf("redactURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := redactURL("https://x/?msToken=1", nil); got != "https://x/?msToken=1" {
		t.Errorf("no names: %q", got)
	}
}
