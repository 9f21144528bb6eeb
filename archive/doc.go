// Package archive writes, reads, verifies and extracts farewell bundles.
//
// A bundle is the immutable result of a backup: one file named
// farewell-<platform>-<account>-<UTC yyyymmddThhmmssZ>.tar.zst holding the
// records, raw responses, media and screenshots of one account, a
// MANIFEST.json that says what it holds and how complete it is, and a
// manifest-sha256.txt that `sha256sum -c` understands.
//
// # Format
//
// The file is an ordinary zstd-compressed PAX tar, so `tar --zstd -xf` and
// `zstd -d` handle it, with three properties on top:
//
//   - The tar stream is cut into independent zstd frames at member
//     boundaries. Small members share a frame of about 2 MiB; large members
//     are split into 2 MiB frames. Every frame carries its content checksum.
//   - After the last data frame comes farewell's member index, in a zstd
//     skippable frame (magic 0x184D2A5B): for each member its name, where
//     its tar header and its data start in the uncompressed stream, and its
//     size. The index is zstd-compressed, sealed with a sha256 of itself,
//     and also carries the sha256 of the seek table.
//   - The file ends with a seek table in the zstd seekable format (a
//     skippable frame with magic 0x184D2A5E and a 9-byte footer ending in
//     0x8F92EAB1), listing each frame's compressed and decompressed size and
//     checksum.
//
// Decoders that do not know these skippable frames ignore them. A reader
// that does ([Open]) reads only the trailer and then decompresses just the
// frames that hold the member it wants, so opening a member costs the same
// in a small and a huge bundle, and damage stays inside the frames it hits.
//
// MANIFEST.json and manifest-sha256.txt are the last two members. Files
// written by [Pack] never contain links, devices or directory entries.
//
// # Verification
//
// [Verify] has two levels. Quick checks the trailer, the manifest's own
// hash against manifest-sha256.txt, that the member set and every size
// agree with the manifest, and that every name is safe. Full (the default)
// also decodes every frame (checking zstd checksums), re-hashes every
// member, checks every tar header against the index, parses every JSON and
// JSON Lines member, recounts the records of each collection and checks
// that every media file a record references is present. Completeness comes
// from the manifest's collections: each is complete when it has no gaps,
// its list ran to its end, and captured plus what the site would not serve
// ([ServerLimit]) reaches the site's own counter.
//
// # Safety
//
// Readers treat every bundle as hostile. Only regular files are opened,
// without waiting (a FIFO would block). Frames may not ask for more than a
// 16 MiB window or decode to more than the seek table promised. No count
// or size a bundle declares is reserved up front: the member index is
// decoded as it is decompressed, its member count capped by what the tar
// stream can hold; MANIFEST.json may be no larger than a manifest of the
// bundle's members can be, and manifest-sha256.txt no larger than the one
// its manifest needs; record files are read line by line. So a hostile
// bundle makes farewell allocate a few frames' worth plus what its real
// entries need. Member names must pass [CheckName], and no name may be both
// a file and a folder; tar headers must be in the one form [Pack] writes;
// [Extract] accepts only regular files the manifest lists, caps each at its
// manifest size, and writes through an os.Root.
package archive
