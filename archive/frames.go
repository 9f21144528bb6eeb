package archive

import (
	"encoding/binary"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// frameWriter turns the tar stream into independent zstd frames. Bytes are
// collected into frame buffers; each full buffer is compressed by a small
// worker pool (zstd's EncodeAll is safe for concurrent use) and written in
// order by one writer goroutine, which also records the seek-table entries.
// Memory is bounded by the number of buffers in flight.
type frameWriter struct {
	enc  *zstd.Encoder
	out  io.Writer
	cur  []byte
	free chan []byte    // raw buffers ready for reuse
	comp chan []byte    // compressed-frame buffers ready for reuse
	jobs chan *frameJob // to the compression workers
	ord  chan *frameJob // to the writer, in stream order

	off int64 // uncompressed bytes accepted so far

	workers sync.WaitGroup
	writer  sync.WaitGroup

	mu      sync.Mutex
	err     error       // first write error
	frames  []frameInfo // written by the writer goroutine
	written int64       // compressed bytes written
}

type frameJob struct {
	raw  []byte
	comp []byte
	done chan struct{}
}

// newFrameWriter starts the pipeline. workers is the number of
// compression goroutines; the writer keeps workers+2 frames in flight.
func newFrameWriter(out io.Writer, enc *zstd.Encoder, workers int) *frameWriter {
	inflight := workers + 2
	fw := &frameWriter{
		enc:  enc,
		out:  out,
		free: make(chan []byte, inflight),
		comp: make(chan []byte, inflight),
		jobs: make(chan *frameJob, inflight),
		ord:  make(chan *frameJob, inflight),
	}
	for range inflight {
		fw.free <- make([]byte, 0, frameTarget)
		fw.comp <- make([]byte, 0, frameTarget+frameTarget/64+1024)
	}
	for range workers {
		fw.workers.Add(1)
		go fw.compress()
	}
	fw.writer.Add(1)
	go fw.write()
	return fw
}

func (fw *frameWriter) compress() {
	defer fw.workers.Done()
	for job := range fw.jobs {
		job.comp = fw.enc.EncodeAll(job.raw, (<-fw.comp)[:0])
		close(job.done)
	}
}

func (fw *frameWriter) write() {
	defer fw.writer.Done()
	for job := range fw.ord {
		<-job.done
		fw.mu.Lock()
		failed := fw.err != nil
		fw.mu.Unlock()
		if !failed {
			_, err := fw.out.Write(job.comp)
			fw.mu.Lock()
			if err != nil {
				fw.err = err
			} else {
				fw.frames = append(fw.frames, frameInfo{
					cSize:    uint32(len(job.comp)),
					dSize:    uint32(len(job.raw)),
					checksum: binary.LittleEndian.Uint32(job.comp[len(job.comp)-4:]),
				})
				fw.written += int64(len(job.comp))
			}
			fw.mu.Unlock()
		}
		fw.free <- job.raw[:0]
		fw.comp <- job.comp[:0]
	}
}

// Err returns the first error the writer goroutine met.
func (fw *frameWriter) Err() error {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	return fw.err
}

// Write implements io.Writer for the tar writer.
func (fw *frameWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		if fw.cur == nil {
			if err := fw.Err(); err != nil {
				return n, err
			}
			fw.cur = <-fw.free
		}
		k := copy(fw.cur[len(fw.cur):frameTarget], p)
		fw.cur = fw.cur[:len(fw.cur)+k]
		p = p[k:]
		n += k
		fw.off += int64(k)
		if len(fw.cur) == frameTarget {
			fw.flush()
		}
	}
	return n, nil
}

// Boundary is called before a member of about next bytes is written: if
// the member would not fit in the current frame, the frame is closed so the
// member starts a frame of its own.
func (fw *frameWriter) Boundary(next int64) error {
	if len(fw.cur) > 0 && int64(len(fw.cur))+next > frameTarget {
		fw.flush()
	}
	return fw.Err()
}

func (fw *frameWriter) flush() {
	if len(fw.cur) == 0 {
		return
	}
	job := &frameJob{raw: fw.cur, done: make(chan struct{})}
	fw.cur = nil
	fw.ord <- job
	fw.jobs <- job
}

// Close flushes the last frame, stops the pipeline and returns the frames
// written, in order.
func (fw *frameWriter) Close() ([]frameInfo, int64, error) {
	fw.flush()
	close(fw.jobs)
	fw.workers.Wait()
	close(fw.ord)
	fw.writer.Wait()
	if fw.err != nil {
		return nil, 0, fw.err
	}
	if len(fw.frames) > maxFrames {
		return nil, 0, fmt.Errorf("bundle would need %d frames, more than the format allows", len(fw.frames))
	}
	var cOff, dOff int64
	for i := range fw.frames {
		fw.frames[i].cOff, fw.frames[i].dOff = cOff, dOff
		cOff += int64(fw.frames[i].cSize)
		dOff += int64(fw.frames[i].dSize)
	}
	return fw.frames, fw.written, nil
}

// newEncoder returns the encoder every bundle is written with: zstd's
// default level, frame checksums on, and a window no larger than a frame.
func newEncoder(workers int) (*zstd.Encoder, error) {
	return zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedDefault),
		zstd.WithEncoderConcurrency(workers),
		zstd.WithEncoderCRC(true),
		zstd.WithWindowSize(frameTarget),
	)
}

// newDecoder returns a decoder that refuses frames asking for large windows
// or decompressing to more than one frame's worth, so a hostile bundle
// cannot make farewell allocate much.
func newDecoder() (*zstd.Decoder, error) {
	return zstd.NewReader(nil,
		zstd.WithDecoderConcurrency(2),
		zstd.WithDecoderMaxWindow(maxDecoderWindow),
		zstd.WithDecoderMaxMemory(maxFrameDecoded),
		zstd.WithDecodeAllCapLimit(true),
	)
}

// decodeFrame decompresses one seek-table entry into dst (reused) and checks
// that it decoded to exactly the size the seek table promised.
func decodeFrame(dec *zstd.Decoder, f *frameInfo, comp, dst []byte) ([]byte, error) {
	if len(comp) < 8 || binary.LittleEndian.Uint32(comp) != zstdFrameMagic {
		return nil, fmt.Errorf("frame at byte %d does not start with the zstd magic", f.cOff)
	}
	if binary.LittleEndian.Uint32(comp[len(comp)-4:]) != f.checksum {
		return nil, fmt.Errorf("frame at byte %d: checksum differs from the seek table", f.cOff)
	}
	if cap(dst) < int(f.dSize) {
		dst = make([]byte, 0, f.dSize)
	}
	out, err := dec.DecodeAll(comp, dst[:0:f.dSize])
	if err != nil {
		return nil, fmt.Errorf("frame at byte %d: %w", f.cOff, err)
	}
	if len(out) != int(f.dSize) {
		return nil, fmt.Errorf("frame at byte %d decoded to %d bytes, the seek table says %d", f.cOff, len(out), f.dSize)
	}
	return out, nil
}
