package exporter

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// This file is the session's side of the media downloads: their results
// become journal gaps (and take back the gaps a later try filled), and
// the run's final pass tries the failed ones again.

// mediaDone turns download results into journal gaps (and resolves gaps
// that a later run filled).
func (s *Session) mediaDone(req MediaRequest, e MediaEntry, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		delete(s.failed, req.Key)
		if coll, ok := s.gapKeys[req.Key]; ok {
			s.Journal.Append(Event{Type: EventGapResolved, Collection: coll, Gap: &Gap{Kind: "media", Ref: req.Key}})
			delete(s.gapKeys, req.Key)
		}
		return
	}
	if errors.Is(err, context.Canceled) {
		return
	}
	if errors.Is(err, ErrNotLoggedIn) || errors.Is(err, ErrCaptcha) || errors.Is(err, ErrBrowserGone) || errors.Is(err, ErrStorage) {
		if s.lost == nil {
			s.lost = fmt.Errorf("download %s: %w", req.Key, err)
		}
	} else {
		s.failed[req.Key] = req
	}
	if _, open := s.gapKeys[req.Key]; open {
		return
	}
	coll := req.Collection
	if coll == "" {
		coll = "media"
	}
	s.gapKeys[req.Key] = coll
	s.Journal.Append(Event{Type: EventGap, Collection: coll, Gap: &Gap{Kind: "media", Ref: req.Key, Detail: fmt.Sprintf("%s: %v", shortURL(req.URL), err)}})
	s.Progress.Note(i18n.Msg{Code: i18n.NoteDownloadFailed, Args: i18n.Args{"file": req.Key, "error": err}})
}

// finalRounds is how many times the final pass tries the run's failed
// downloads again, each after a longer pause.
const finalRounds = 2

// FinishDownloads waits for the queued downloads, then makes the run's
// final pass over the ones that failed while it went on: a 5xx, a cut
// connection or a timeout of one moment must not become a gap while the
// run still has time, so each is tried again with its full attempts
// after a pause (eight times the first retry delay, then twice that),
// and only what fails across the whole run stays a gap. It returns what
// Lost returns: a failure that ends the run skips the pass.
func (s *Session) FinishDownloads(ctx context.Context) error {
	s.Media.Close()
	pause := 8 * s.Media.cfg.RetryDelay
	for round := 0; round < finalRounds; round, pause = round+1, pause*2 {
		s.mu.Lock()
		lost, reqs := s.lost, slices.Collect(maps.Values(s.failed))
		s.mu.Unlock()
		if lost != nil || len(reqs) == 0 || ctx.Err() != nil {
			break
		}
		slices.SortFunc(reqs, func(a, b MediaRequest) int { return strings.Compare(a.Key, b.Key) })
		s.Progress.Note(i18n.Msg{Code: i18n.NoteDownloadsAgain, Args: i18n.Args{"n": len(reqs), "wait": pause.Round(time.Millisecond)}})
		if err := Sleep(ctx, pause); err != nil {
			return err
		}
		s.Media.Again(reqs)
	}
	return s.Lost()
}
