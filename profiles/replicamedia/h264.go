package replicamedia

import "math/bits"

// An H.264 stream (ITU-T H.264, Constrained Baseline profile) of one
// still picture: an IDR frame whose macroblocks are all I_PCM (the
// samples stored as they are, so no transform or entropy coding of
// pixels is needed), then P frames that skip every macroblock and so
// show the same picture for as long as the movie lasts.

// h264Stream holds the parameter sets and the coded frames of a movie.
type h264Stream struct {
	sps, pps []byte   // NAL units, for the avcC box
	frames   [][]byte // NAL units, one per sample; the first is the IDR frame
}

// log2MaxFrameNum is how many bits frame_num has (4: it counts to 15 and
// wraps, which the standard allows).
const log2MaxFrameNum = 4

// h264Picture codes a w×h picture (even sizes) drawn by pixel, then
// frames-1 frames that repeat it.
func h264Picture(w, h, frames int, pixel func(x, y int) (y8, cb, cr uint8)) h264Stream {
	mbW, mbH := (w+15)/16, (h+15)/16
	var s h264Stream

	var sps rbspWriter
	sps.u(66, 8)   // profile_idc: Baseline
	sps.u(0xC0, 8) // constraint_set0 and set1: Constrained Baseline
	sps.u(30, 8)   // level_idc 3.0
	sps.ue(0)      // seq_parameter_set_id
	sps.ue(log2MaxFrameNum - 4)
	sps.ue(2) // pic_order_cnt_type 2: output order is decoding order
	sps.ue(1) // max_num_ref_frames
	sps.u(0, 1)
	sps.ue(uint(mbW - 1))
	sps.ue(uint(mbH - 1))
	sps.u(1, 1) // frame_mbs_only_flag
	sps.u(1, 1) // direct_8x8_inference_flag
	right, bottom := (mbW*16-w)/2, (mbH*16-h)/2
	if right > 0 || bottom > 0 {
		sps.u(1, 1) // frame_cropping_flag, in units of two pixels (4:2:0)
		sps.ue(0)
		sps.ue(uint(right))
		sps.ue(0)
		sps.ue(uint(bottom))
	} else {
		sps.u(0, 1)
	}
	sps.u(0, 1) // vui_parameters_present_flag
	s.sps = nalUnit(0x67, sps.trailing())

	var pps rbspWriter
	pps.ue(0)   // pic_parameter_set_id
	pps.ue(0)   // seq_parameter_set_id
	pps.u(0, 1) // entropy_coding_mode_flag: CAVLC
	pps.u(0, 1) // bottom_field_pic_order_in_frame_present_flag
	pps.ue(0)   // num_slice_groups_minus1
	pps.ue(0)   // num_ref_idx_l0_default_active_minus1
	pps.ue(0)   // num_ref_idx_l1_default_active_minus1
	pps.u(0, 1) // weighted_pred_flag
	pps.u(0, 2) // weighted_bipred_idc
	pps.se(0)   // pic_init_qp_minus26
	pps.se(0)   // pic_init_qs_minus26
	pps.se(0)   // chroma_qp_index_offset
	pps.u(1, 1) // deblocking_filter_control_present_flag
	pps.u(0, 1) // constrained_intra_pred_flag
	pps.u(0, 1) // redundant_pic_cnt_present_flag
	s.pps = nalUnit(0x68, pps.trailing())

	var idr rbspWriter
	idr.ue(0)                 // first_mb_in_slice
	idr.ue(7)                 // slice_type: I, as every slice of the picture
	idr.ue(0)                 // pic_parameter_set_id
	idr.u(0, log2MaxFrameNum) // frame_num
	idr.ue(0)                 // idr_pic_id
	idr.u(0, 1)               // no_output_of_prior_pics_flag
	idr.u(0, 1)               // long_term_reference_flag
	idr.se(0)                 // slice_qp_delta
	idr.ue(1)                 // disable_deblocking_filter_idc: off
	for my := range mbH {
		for mx := range mbW {
			idr.ue(25) // mb_type I_PCM
			idr.align()
			var luma [256]byte
			var cb, cr [64]byte
			for y := range 16 {
				for x := range 16 {
					px, py := min(mx*16+x, w-1), min(my*16+y, h-1)
					l, b, r := pixel(px, py)
					luma[y*16+x] = pcm(l)
					if x%2 == 0 && y%2 == 0 {
						cb[y/2*8+x/2], cr[y/2*8+x/2] = pcm(b), pcm(r)
					}
				}
			}
			idr.bytes(luma[:])
			idr.bytes(cb[:])
			idr.bytes(cr[:])
		}
	}
	s.frames = append(s.frames, nalUnit(0x65, idr.trailing()))

	for i := 1; i < frames; i++ {
		var p rbspWriter
		p.ue(0)                                              // first_mb_in_slice
		p.ue(5)                                              // slice_type: P, as every slice of the picture
		p.ue(0)                                              // pic_parameter_set_id
		p.u(uint64(i%(1<<log2MaxFrameNum)), log2MaxFrameNum) // frame_num
		p.u(0, 1)                                            // num_ref_idx_active_override_flag
		p.u(0, 1)                                            // ref_pic_list_modification_flag_l0
		p.u(0, 1)                                            // adaptive_ref_pic_marking_mode_flag: sliding window
		p.se(0)                                              // slice_qp_delta
		p.ue(1)                                              // disable_deblocking_filter_idc
		p.ue(uint(mbW * mbH))                                // mb_skip_run: every macroblock
		s.frames = append(s.frames, nalUnit(0x41, p.trailing()))
	}
	return s
}

// pcm keeps a sample off 0, which the first edition of the standard
// forbade in I_PCM macroblocks.
func pcm(v uint8) byte { return max(v, 1) }

// nalUnit wraps an RBSP in a NAL unit with the given header byte,
// inserting emulation prevention bytes so that no start code appears
// inside it.
func nalUnit(header byte, rbsp []byte) []byte {
	out := make([]byte, 1, len(rbsp)+len(rbsp)/64+1)
	out[0] = header
	zeros := 0
	for _, c := range rbsp {
		if zeros >= 2 && c <= 3 {
			out = append(out, 3)
			zeros = 0
		}
		out = append(out, c)
		if c == 0 {
			zeros++
		} else {
			zeros = 0
		}
	}
	return out
}

// rbspWriter writes the fields of an H.264 raw byte sequence payload,
// most significant bit first.
type rbspWriter struct {
	b   []byte
	acc byte
	n   int // bits waiting in acc
}

// u writes v in n bits.
func (w *rbspWriter) u(v uint64, n int) {
	for i := n - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | byte(v>>i)&1
		w.n++
		if w.n == 8 {
			w.b = append(w.b, w.acc)
			w.acc, w.n = 0, 0
		}
	}
}

// ue writes an unsigned Exp-Golomb code.
func (w *rbspWriter) ue(v uint) {
	n := bits.Len(v + 1)
	w.u(0, n-1)
	w.u(uint64(v+1), n)
}

// se writes a signed Exp-Golomb code.
func (w *rbspWriter) se(v int) {
	if v > 0 {
		w.ue(uint(2*v - 1))
	} else {
		w.ue(uint(-2 * v))
	}
}

// align writes zero bits up to the next byte.
func (w *rbspWriter) align() {
	for w.n != 0 {
		w.u(0, 1)
	}
}

// bytes writes whole bytes; the writer must be aligned.
func (w *rbspWriter) bytes(p []byte) { w.b = append(w.b, p...) }

// trailing ends the payload with its stop bit and returns it.
func (w *rbspWriter) trailing() []byte {
	w.u(1, 1)
	w.align()
	return w.b
}
