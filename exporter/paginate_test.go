package exporter

import (
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"testing"
)

// TestPaginateResumes stops a list half way with an error, then walks it
// again: the second walk starts at the page the journal says is next.
func TestPaginateResumes(t *testing.T) {
	st, _ := CreateStore(t.TempDir(), "test", Account{ID: "1"})
	j, err := OpenJournal(st.Path(JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	s := &Session{Store: st, Journal: j, Progress: NewTextProgress(io.Discard, TextOptions{})}
	var asked []string
	boom := errors.New("boom")
	pages := func(failAt int) func(context.Context, string) (PageResult, error) {
		return func(_ context.Context, cursor string) (PageResult, error) {
			asked = append(asked, cursor)
			n, _ := strconv.Atoi(cursor)
			if n == failAt {
				return PageResult{}, boom
			}
			if n == 5 {
				return PageResult{Items: 7}, nil // the last page: no next cursor
			}
			return PageResult{Items: 20, Next: strconv.Itoa(n + 1)}, nil
		}
	}
	total := int64(87)
	if _, err := s.Paginate(context.Background(), "likes", &total, "1", 3, pages(3)); !errors.Is(err, boom) {
		t.Fatalf("first walk: %v", err)
	}
	n, err := s.Paginate(context.Background(), "likes", &total, "1", 3, pages(-1))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"1", "2", "3", "3", "4", "5"}; !slices.Equal(asked, want) || n != 47 {
		t.Fatalf("asked %v (want %v), %d items this walk", asked, want, n)
	}
	state, _ := s.State("likes")
	if state.Pages != 5 || *state.Expected != 87 {
		t.Fatalf("state %+v", state)
	}
	// A list that never says it ended stops after patience empty pages.
	asked = nil
	_, err = s.Paginate(context.Background(), "endless", nil, "1", 3, func(_ context.Context, cursor string) (PageResult, error) {
		asked = append(asked, cursor)
		n, _ := strconv.Atoi(cursor)
		items := 0
		if n < 3 {
			items = 5
		}
		return PageResult{Items: items, Next: strconv.Itoa(n + 1)}, nil
	})
	if err != nil || len(asked) != 5 {
		t.Fatalf("endless list: asked %v, %v", asked, err)
	}
}
