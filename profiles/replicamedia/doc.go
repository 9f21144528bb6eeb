// Package replicamedia makes the media files the replicas serve: small,
// valid files of the kinds the real sites serve, so that everything that
// handles a backup's media (the downloader's sniffing, the bundle, the
// offline viewer's players, posters and lightbox) meets files a browser
// really decodes and plays. Every file depends only on its name and
// shape, so a test can make the same bytes again and compare.
//
// The files are written directly, without an encoder library: the
// replicas make thousands of them per account, and each one must cost
// microseconds.
//
// What the real sites serve, and what the replicas serve instead where
// the two differ:
//
//	kind                real site                              replica
//	picture             JPEG (Weibo, Douyin); WebP on Douyin's     baseline JPEG ([JPEG])
//	                    small sizes
//	GIF                 animated GIF (Weibo)                   two-frame GIF ([GIF])
//	video               MP4: H.264 (Weibo, Douyin) or H.265    MP4: H.264 Constrained Baseline, no
//	                    (Douyin's bytevc1 rungs), with AAC     sound ([MP4]); a Douyin H.265 rung is
//	                    sound                                  H.264 here (Debian's Chromium plays no
//	                                                           H.265)
//	live photo motion   QuickTime MOV (Weibo), MP4 (Douyin)    the same H.264 stream in a file with
//	                                                           the "qt  " brand
//	video cover         JPEG (Douyin), JPEG page_pic (Weibo)   JPEG
//	music, voice        MP3 or M4A/AAC (Douyin)                MP3 of silent MPEG-2 Layer III
//	                                                           frames ([MP3])
//
// Sizes follow what the replicas' answers declare: a movie is padded to
// the byte length its answer names, and its pictures are at most 64
// pixels on their longer side, whatever the width and height the answer
// names.
package replicamedia

import "hash/fnv"

// seed derives a stable seed from a name.
func seed(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}
