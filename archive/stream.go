package archive

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
)

// decodedFrame is one frame of the tar stream, decoded (or not).
type decodedFrame struct {
	index int
	data  []byte // nil when err is set
	err   error
}

// walkFrames decodes every frame in order on its own goroutine and sends
// the results on the returned channel, which is closed at the end. A frame
// that fails to decode is reported and skipped; the walk continues with the
// next frame, because frames are independent. Each buffer must be handed
// back through the release function once the receiver is done with it.
func (b *Bundle) walkFrames(ctx context.Context) (<-chan decodedFrame, func([]byte)) {
	const inflight = 4
	out := make(chan decodedFrame, inflight)
	pool := make(chan []byte, inflight)
	for range inflight {
		pool <- nil
	}
	release := func(buf []byte) { pool <- buf }
	go func() {
		defer close(out)
		var cTotal int64
		if n := len(b.frames); n > 0 {
			cTotal = b.frames[n-1].cOff + int64(b.frames[n-1].cSize)
		}
		br := bufio.NewReaderSize(io.NewSectionReader(b.f, 0, cTotal), 256<<10)
		comp := make([]byte, 0, frameTarget)
		for i := range b.frames {
			f := &b.frames[i]
			var buf []byte
			select {
			case buf = <-pool:
			case <-ctx.Done():
				return
			}
			if cap(comp) < int(f.cSize) {
				comp = make([]byte, f.cSize)
			}
			comp = comp[:f.cSize]
			if _, err := io.ReadFull(br, comp); err != nil {
				out <- decodedFrame{index: i, err: fmt.Errorf("read %s: %w", b.path, err)}
				pool <- buf
				return
			}
			data, err := decodeFrame(b.dec, f, comp, buf)
			if err != nil {
				pool <- buf
				data = nil
			}
			select {
			case out <- decodedFrame{index: i, data: data, err: err}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, release
}

// frameDamage describes a failed frame by the members it holds.
func (b *Bundle) frameDamage(i int, err error) error {
	f := &b.frames[i]
	names := b.membersIn(f.dOff, f.dOff+int64(f.dSize))
	where := whereStream
	switch len(names) {
	case 0:
	case 1:
		where = names[0]
	default:
		where = strings.Join(names, ", ")
	}
	return &CorruptError{Where: where, Err: err}
}

// streamReader is an io.Reader over the decoded tar stream, for tar.Reader.
// The first damaged frame ends it with a CorruptError naming the members
// the frame holds.
type streamReader struct {
	b       *Bundle
	frames  <-chan decodedFrame
	release func([]byte)
	cancel  context.CancelFunc
	cur     []byte
	rest    []byte
	err     error
}

func (b *Bundle) newStreamReader(ctx context.Context) *streamReader {
	ctx, cancel := context.WithCancel(ctx)
	ch, release := b.walkFrames(ctx)
	return &streamReader{b: b, frames: ch, release: release, cancel: cancel}
}

func (s *streamReader) Read(p []byte) (int, error) {
	for len(s.rest) == 0 {
		if s.err != nil {
			return 0, s.err
		}
		if s.cur != nil {
			s.release(s.cur)
			s.cur = nil
		}
		fr, ok := <-s.frames
		switch {
		case !ok:
			s.err = io.EOF
		case fr.err != nil:
			s.err = s.b.frameDamage(fr.index, fr.err)
		default:
			s.cur, s.rest = fr.data, fr.data
		}
	}
	n := copy(p, s.rest)
	s.rest = s.rest[n:]
	return n, nil
}

// Close stops the walk and waits for its goroutine to finish.
func (s *streamReader) Close() {
	s.cancel()
	for range s.frames {
	}
}
