// Package douyin parses what farewell captures from www.douyin.com: the
// web API's JSON (works, detail, likes, favourites with folders, series
// and music, comments and replies, follow lists, profile, wallet) and the
// protobuf of imapi.douyin.com (direct messages).
//
// Ids stay strings end to end: music.id and author_user_id arrive as bare
// integers above 2^53 and never pass through a float. create_time is in
// seconds, cursors in milliseconds, durations in milliseconds. A video's
// address is the play_addr of its best bit_rate rung; watermarked
// addresses (download_addr, /playwm/, download_url_list) are never used. A
// work the site no longer shows (aweme_detail null with filter_detail)
// becomes a stub post with deleted:true. Everything here is a pure
// function of its input.
package douyin
