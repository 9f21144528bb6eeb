// Package tables writes the spreadsheet copies of a bundle's records:
// csv/<collection>.csv, so that a person can open their posts, comments,
// likes, favourites, follow lists and messages in Excel, WPS or Numbers
// without any program of ours.
//
// Every platform bundle carries them ([Files], packed beside the viewer),
// and `farewell export BUNDLE --format csv DIR` writes the same bytes from
// any bundle ([Export]), streaming the records in bounded memory.
//
// # Format
//
// UTF-8 with a byte order mark, so that Excel and WPS read Chinese text
// as UTF-8; RFC 4180 quoting (encoding/csv) with CRLF line ends; a header
// row, then one row per record in the order of data/<collection>.jsonl.
// Cells hold text as a person reads it:
//
//   - times (created_at, authorised_at) in the sites' zone, Asia/Shanghai,
//     as ISO 8601 with the offset: 2026-11-01T12:00:00+08:00;
//   - ids as the text the record has (Excel shows numbers of more than 15
//     digits rounded: README.txt says how to import them as text);
//   - counts as digits, true/false for flags, lists (topics, groups,
//     scopes, works) joined with "; ", media_files as the bundle paths of
//     the downloaded files separated by spaces;
//   - a field a record lacks, or holds with a type the schema does not
//     give it, as an empty cell: records are read leniently, so a bundle's
//     hostile or damaged record still has its row.
//
// Text from a site is hostile, so every cell passes [SafeCell]: one that
// a spreadsheet would take for a formula gets a leading apostrophe, and
// control characters other than tab and line breaks become U+FFFD.
//
// # Tables
//
// The same column means the same in every table, and both sites' tables
// have the same columns (a column the site has no value for stays empty).
// Likes, favourites, watch history and watch later hold posts (works) and,
// for Douyin's favourites, series and music: kind says which, and a
// series' or a piece of music's name is its text. Mentions hold posts and
// comments: kind says which, and a post's post_id and post_url are its
// own. profile, wallet and emoticons are single records or lookups and
// have no table.
//
//   - csv/posts.csv: id, created_at, author_id, author_name, text, reposts, comments, likes, shares, collects, url, pinned, visibility, source, region, topics, repost_of_id, repost_of_author, repost_of_text, edits, music, media_files
//   - csv/comments.csv: id, created_at, author_id, author_name, text, likes, region, parent_id, post_id, post_author_name, post_text, post_url, media_files
//   - csv/likes.csv: kind, folder, id, created_at, author_id, author_name, text, reposts, comments, likes, shares, collects, url, pinned, visibility, source, region, topics, repost_of_id, repost_of_author, repost_of_text, edits, music, media_files
//   - csv/favorites.csv: kind, folder, id, created_at, author_id, author_name, text, reposts, comments, likes, shares, collects, url, pinned, visibility, source, region, topics, repost_of_id, repost_of_author, repost_of_text, edits, music, media_files
//   - csv/following.csv: id, name, handle, description, followers, following, posts, groups, special_follow, gender, location, ip_location, created_at, url
//   - csv/followers.csv: id, name, handle, description, followers, following, posts, groups, special_follow, gender, location, ip_location, created_at, url
//   - csv/messages.csv: conversation_id, conversation_type, conversation_name, peer_id, peer_name, id, created_at, from_me, sender_id, sender_name, kind, text, quoted_text, share_title, share_url, media_files
//   - csv/my_comments.csv: id, created_at, author_id, author_name, text, likes, region, parent_id, post_id, post_author_name, post_text, post_url, media_files
//   - csv/received_comments.csv: id, created_at, author_id, author_name, text, likes, region, parent_id, post_id, post_author_name, post_text, post_url, media_files
//   - csv/mentions.csv: kind, id, created_at, author_id, author_name, text, likes, region, parent_id, post_id, post_author_name, post_text, post_url, media_files
//   - csv/articles.csv: id, created_at, title, url, media_files
//   - csv/history.csv: kind, folder, id, created_at, author_id, author_name, text, reposts, comments, likes, shares, collects, url, pinned, visibility, source, region, topics, repost_of_id, repost_of_author, repost_of_text, edits, music, media_files
//   - csv/watch_later.csv: kind, folder, id, created_at, author_id, author_name, text, reposts, comments, likes, shares, collects, url, pinned, visibility, source, region, topics, repost_of_id, repost_of_author, repost_of_text, edits, music, media_files
//   - csv/notifications.csv: id, created_at, kind, from_id, from_name, text, post_id, post_text, post_url, comment_id
//   - csv/apps.csv: name, authorised_at, scopes, url
//   - csv/series.csv: id, name, episodes, author_name, url, works, media_files
//   - csv/sounds.csv: id, title, author_name, media_files
//
// What each column holds is in [Column] (README.txt prints it in Chinese
// and English).
package tables
