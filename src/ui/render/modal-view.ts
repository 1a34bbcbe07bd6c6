// Dialogs drawn over the middle of the screen: a framed box of full-width lines replacing some of
// the screen's lines (question, text prompt, message, list choice).

import type { Modal } from '../store/app-state.js';
import { fit, LineBuilder, printable, wrapText } from './line.js';
import type { Bg, Fg, Theme } from './theme.js';

function boxLines(modal: Modal, textWidth: number): { lines: { text: string; fg: Fg; bg?: Bg }[]; hint: string } {
  const wrap = (lines: readonly string[]) => lines.flatMap((l) => wrapText(l, textWidth));
  switch (modal.kind) {
    case 'confirm': return { lines: wrap(modal.lines).map((text) => ({ text, fg: 'default' as const })), hint: '' };
    case 'message': return { lines: wrap(modal.lines).map((text) => ({ text, fg: modal.level === 'error' ? 'error' as const : 'default' as const })), hint: 'Enter or Esc closes' };
    case 'prompt': return { lines: [{ text: `${modal.text}_`, fg: 'note', bg: 'cursorRow' }], hint: 'Enter accepts, Esc cancels, Ctrl+U clears' };
    case 'choose': return {
      lines: modal.options.map((o, i) => ({ text: `${i === modal.selected ? '> ' : '  '}${o}`, fg: i === modal.selected ? 'key' as const : 'default' as const, ...(i === modal.selected ? { bg: 'cursorRow' as const } : {}) })),
      hint: 'Up/Down, Enter chooses, Esc cancels',
    };
  }
}

/** Draws `modal` over `lines` (the screen body); returns the new lines. */
export function overlayModal(lines: readonly string[], modal: Modal, width: number, theme: Theme): string[] {
  const { lines: content, hint } = boxLines(modal, width - 6);
  const boxWidth = Math.max(20, Math.min(width - 2, Math.max(modal.title.length + 6, ...content.map((c) => c.text.length + 4), hint.length + 4)));
  const maxContent = Math.max(1, lines.length - 4);
  let shown = content;
  if (modal.kind === 'choose' && content.length > maxContent) {
    const first = Math.max(0, Math.min(modal.selected - Math.floor(maxContent / 2), content.length - maxContent));
    shown = content.slice(first, first + maxContent);
  } else shown = content.slice(0, maxContent);
  const left = Math.max(0, Math.floor((width - boxWidth) / 2));
  const frameFg: Fg = modal.kind === 'message' && modal.level === 'error' ? 'error' : 'accent';
  const row = (text: string, fg: Fg, bg: Bg = 'none', bold = false) => new LineBuilder(width, theme)
    .add(' '.repeat(left), theme.reset)
    .add('|', theme.sgr(frameFg, 'none', true))
    .add(fit(` ${printable(text)}`, boxWidth - 2), theme.sgr(fg, bg, bold))
    .add('|', theme.sgr(frameFg, 'none', true))
    .done();
  const edge = (label: string) => {
    const inner = label === '' ? '' : `- ${printable(label)} `;
    return new LineBuilder(width, theme)
      .add(' '.repeat(left), theme.reset)
      .add(`+${inner}${'-'.repeat(Math.max(0, boxWidth - 2 - inner.length))}+`.slice(0, boxWidth), theme.sgr(frameFg, 'none', true))
      .done();
  };
  const box = [edge(modal.title), ...shown.map((c) => row(c.text, c.fg, c.bg ?? 'none')), ...(hint ? [row(hint, 'dim')] : []), edge('')];
  const top = Math.max(0, Math.floor((lines.length - box.length) / 2));
  const out = lines.slice();
  box.forEach((l, i) => { if (top + i < out.length) out[top + i] = l; });
  return out;
}
