// The files screen: open or save, the folder's songs and sub-folders, recent files, and in save
// mode the formats that can be written (from the codec registry, so new writers appear here), what
// the chosen format holds (its limits table) and what of this song it cannot hold.

import { describeLimits } from '../../formats/common/limits.js';
import { formatLosses, writableFormats } from '../commands/file-commands.js';
import type { AppState } from '../store/app-state.js';
import { fit, LineBuilder, printable } from './line.js';
import type { Theme } from './theme.js';

function size(bytes: number): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The files screen's lines. */
export function filesLines(state: AppState, width: number, height: number, theme: Theme): string[] {
  const v = state.view;
  if (v.kind !== 'files') return [];
  const lines: string[] = [];
  const formats = writableFormats();
  lines.push(new LineBuilder(width, theme)
    .add(v.mode === 'open' ? ' Open a song' : ' Save the song', theme.sgr('title', 'none', true))
    .add(v.mode === 'open' ? '   Enter opens, Backspace: parent folder, i: type a path, Tab: recent files, Esc: back' : '   Enter saves, i: type a name, Left/Right: format, Tab: recent files, Esc: back', theme.sgr('dim'))
    .done());
  if (v.mode === 'save') {
    const current = formats.find((f) => f.id === v.format) ?? formats[0];
    lines.push(new LineBuilder(width, theme)
      .add(' Format: ', theme.sgr('rowNumber'))
      .add(current ? `${current.name} (.${current.extension})` : 'none', theme.sgr('key', 'none', true))
      .add(`   writable: ${formats.map((f) => `.${f.extension}`).join(' ')}`, theme.sgr('dim'))
      .done());
    if (current) {
      const label = current.extension.toUpperCase();
      if (current.id !== 'trk') lines.push(new LineBuilder(width, theme).add(` ${label} holds ${describeLimits(current.id)[0] ?? ''}`, theme.sgr('dim')).done());
      const losses = formatLosses(state.song, current.id);
      if (losses.length === 0) lines.push(new LineBuilder(width, theme).add(` ${label} holds this song as it is`, theme.sgr('dim')).done());
      else {
        lines.push(new LineBuilder(width, theme)
          .add(` ${label} cannot hold ${losses.length} thing${losses.length === 1 ? '' : 's'} of this song`, theme.sgr('rowNumber'))
          .add(losses.length > 2 ? ` (first 2; all are listed before saving):` : ':', theme.sgr('dim'))
          .done());
        for (const loss of losses.slice(0, 2)) lines.push(new LineBuilder(width, theme).add(`   - ${printable(loss)}`, theme.sgr('default')).done());
      }
    }
  }
  lines.push(new LineBuilder(width, theme).add(' Folder: ', theme.sgr('rowNumber')).add(printable(v.dir), theme.sgr(v.pane === 'folder' ? 'accent' : 'default')).done());
  const items: { label: string; detail: string }[] = v.pane === 'folder'
    ? [{ label: v.mode === 'open' ? '[type a name or path]' : '[type a file name]', detail: '' }, ...v.entries.map((e) => ({ label: e.isDirectory ? `${e.name}/` : e.name, detail: e.isDirectory ? '' : size(e.size) }))]
    : state.recentFiles.map((f) => ({ label: f, detail: '' }));
  const recentHeader = new LineBuilder(width, theme).add(v.pane === 'recent' ? ' Recent files' : ` Recent files: ${state.recentFiles.length} (Tab)`, theme.sgr(v.pane === 'recent' ? 'accent' : 'dim')).done();
  const listHeight = Math.max(1, height - lines.length - 1);
  const first = Math.floor(v.selected / listHeight) * listHeight;
  for (let i = 0; i < listHeight; i++) {
    const item = items[first + i];
    const isSel = first + i === v.selected;
    if (!item) {
      lines.push(new LineBuilder(width, theme).add(i === 0 && v.pane === 'recent' ? '   no recent files yet' : '', theme.sgr('dim')).done());
      continue;
    }
    const bg = isSel ? 'cursorRow' : 'none';
    lines.push(new LineBuilder(width, theme)
      .add(isSel ? ' > ' : '   ', theme.sgr('key', bg, true))
      .add(fit(printable(item.label), Math.max(10, width - 16)), theme.sgr(item.label.endsWith('/') ? 'accent' : 'default', bg))
      .add(item.detail.padStart(10), theme.sgr('dim', bg))
      .fill(theme.sgr('default', bg))
      .done());
  }
  lines.push(recentHeader);
  return lines.slice(0, height);
}
