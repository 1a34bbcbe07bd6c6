// The settings file (conf, pointed at a temporary folder): defaults when absent, overrides read,
// every bad value reported in one line and replaced by its default, a corrupt file never fatal.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, describeSettingsProblems, loadSettings } from '../../../src/ui/settings/settings.js';
import { displayFpsFor } from '../../../src/ui/run-ui.js';

function dirWith(content?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-settings-'));
  if (content !== undefined) writeFileSync(join(dir, 'settings.json'), content);
  return dir;
}

describe('settings file', () => {
  it('uses defaults when there is no file', () => {
    const s = loadSettings({ cwd: dirWith() });
    expect(s.preferences).toEqual(DEFAULT_PREFERENCES);
    expect(s.problems).toEqual([]);
    expect(describeSettingsProblems(s)).toBeNull();
  });

  it('reads preferences and key overrides, normalising key names', () => {
    const s = loadSettings({ cwd: dirWith(JSON.stringify({ colors: '256', displayFps: 20, keyboardLayout: 'azerty', keys: { 'transport.playSong': ['ctrl+b', 'F5'], 'file.save': 'Ctrl+S' } })) });
    expect(s.problems).toEqual([]);
    expect(s.preferences).toMatchObject({ colors: '256', displayFps: 20, keyboardLayout: 'azerty' });
    expect(s.preferences.keys).toEqual({ 'transport.playSong': ['Ctrl+B', 'F5'], 'file.save': ['Ctrl+S'] });
  });

  it('reports each bad value and falls back to its default', () => {
    const s = loadSettings({ cwd: dirWith(JSON.stringify({ colors: 'rainbow', displayFps: 0, octave: 4, wobble: true, keys: { 'no.such': ['x'], 'file.save': ['Hyper+Q'] } })) });
    expect(s.preferences.colors).toBe('auto');
    expect(s.preferences.displayFps).toBe(30);
    expect(s.preferences.keys).toEqual({});
    expect(s.problems).toHaveLength(5);
    expect(s.problems[0]).toMatch(/colors must be one of auto, truecolor, 256, 16, none, got "rainbow"/);
    const line = describeSettingsProblems(s) ?? '';
    expect(line).not.toContain('\n');
    expect(line).toMatch(/\(\+4 more\)$/);
  });

  it('moves a corrupt file aside (keeping its text), says where in one line, and starts a working one', () => {
    const dir = dirWith('{ "colors": ');
    const s = loadSettings({ cwd: dir });
    expect(s.preferences).toEqual(DEFAULT_PREFERENCES);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatch(/damaged .*moved aside to .*settings\.json\.corrupt-.*using defaults/);
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{ "colors": ');
    // The new file works: recent files are remembered again.
    s.addRecentFile('/x.trk');
    expect(loadSettings({ cwd: dir }).recentFiles()).toEqual(['/x.trk']);
    expect(loadSettings({ cwd: dir }).problems).toEqual([]);
  });

  it('reads and remembers the audio output sample rate and latency, rejecting odd values', () => {
    const dir = dirWith(JSON.stringify({ sampleRate: 44100, latencyMs: 32 }));
    expect(loadSettings({ cwd: dir }).preferences).toMatchObject({ sampleRate: 44100, latencyMs: 32 });
    const bad = loadSettings({ cwd: dirWith(JSON.stringify({ sampleRate: 12345, latencyMs: 0.5 })) });
    expect(bad.preferences).toMatchObject({ sampleRate: 48000, latencyMs: 16 });
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems[0]).toMatch(/sampleRate must be one of 22050, .*96000, got 12345/);
    const s = loadSettings({ cwd: dir });
    s.savePreference('sampleRate', 96000);
    s.savePreference('latencyMs', 8);
    expect(loadSettings({ cwd: dir }).preferences).toMatchObject({ sampleRate: 96000, latencyMs: 8 });
  });

  it('reads autosaveSeconds, rejecting values outside 0..3600', () => {
    expect(loadSettings({ cwd: dirWith(JSON.stringify({ autosaveSeconds: 0 })) }).preferences.autosaveSeconds).toBe(0);
    const bad = loadSettings({ cwd: dirWith(JSON.stringify({ autosaveSeconds: -5 })) });
    expect(bad.preferences.autosaveSeconds).toBe(30);
    expect(bad.problems[0]).toMatch(/autosaveSeconds must be/);
  });

  it('reads backups (previous versions kept on save), default 1, rejecting values outside 0..20', () => {
    expect(loadSettings({ cwd: dirWith() }).preferences.backups).toBe(1);
    expect(loadSettings({ cwd: dirWith(JSON.stringify({ backups: 3 })) }).preferences.backups).toBe(3);
    const bad = loadSettings({ cwd: dirWith(JSON.stringify({ backups: 99 })) });
    expect(bad.preferences.backups).toBe(1);
    expect(bad.problems[0]).toMatch(/backups must be a whole number of previous versions 0\.\.20/);
  });

  it('keeps recent files, newest first, without duplicates', () => {
    const dir = dirWith();
    const s = loadSettings({ cwd: dir });
    s.addRecentFile('/a.trk');
    s.addRecentFile('/b.trk');
    s.addRecentFile('/a.trk');
    expect(loadSettings({ cwd: dir }).recentFiles()).toEqual(['/a.trk', '/b.trk']);
  });
});

describe('display frame rate', () => {
  it('uses remoteDisplayFps over SSH (SSH_CONNECTION, SSH_TTY or SSH_CLIENT set) and displayFps otherwise', () => {
    const prefs = { ...DEFAULT_PREFERENCES, displayFps: 40, remoteDisplayFps: 12 };
    expect(displayFpsFor(prefs, {})).toBe(40);
    expect(displayFpsFor(prefs, { SSH_CONNECTION: '10.0.0.2 5122 10.0.0.1 22' })).toBe(12);
    expect(displayFpsFor(prefs, { SSH_TTY: '/dev/pts/3' })).toBe(12);
    expect(displayFpsFor(prefs, { SSH_CLIENT: '10.0.0.2 5122 22' })).toBe(12);
  });
});
