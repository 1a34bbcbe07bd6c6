// The export linter around a module writer: write, read the bytes back as the target's readers will
// (our reader sniffs the same tracker fingerprints libopenmpt does), and add the playback rules of the
// song that the written file will not be played with. A codec's write() is this, so every caller
// (`tracker convert`, the editor's save) gets structural and semantic losses in one list.

import type { Song } from '../../song/song.js';
import type { ReadResult, WriteResult } from './format-error.js';
import { playbackRuleLosses } from './playback-rules.js';

/** A writer whose warnings also name the playback rules the target will not reproduce. */
export function checkedWriter(write: (song: Song) => WriteResult, read: (bytes: Uint8Array) => ReadResult<Song>, label: string): (song: Song) => WriteResult {
  return (song) => {
    const written = write(song);
    let back: Song;
    try {
      back = read(written.bytes).song;
    } catch (e) {
      // A writer bug, not the user's: say so rather than claim the file is faithful.
      return { bytes: written.bytes, warnings: [...written.warnings, `the written ${label} could not be read back (${e instanceof Error ? e.message : String(e)})`] };
    }
    return { bytes: written.bytes, warnings: [...written.warnings, ...playbackRuleLosses(song, back.profile, label)] };
  };
}
