// Choosing the audio output in the editor: Alt+O asks the engine for its devices, a list offers the
// system default, each device, the sample rate and the latency; each choice reopens the output and is
// saved in the settings.
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

describe('audio output chooser', () => {
  it('lists the engine\'s devices, switches the output and remembers the choice', async () => {
    const saved: [string, unknown][] = [];
    app = await renderApp({ services: { savePreference: (k, v) => saved.push([k, v]) } });
    await app.key('audio.chooseDevice');
    expect(app.engine.sent('listDevices')).toHaveLength(1);
    await app.after(() => app.engine.emit({ type: 'devices', devices: [{ id: 'hw-1', label: 'USB Audio' }, { id: 'hw-2', label: 'HDMI' }] }));
    const frame = app.frame();
    expect(frame).toContain('Audio output');
    expect(frame).toContain('system default');
    expect(frame).toContain('USB Audio');
    await app.key('choose.down');
    await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.engine.sent('setOutput')).toEqual([{ type: 'setOutput', device: 'hw-2', sampleRate: 48000, latencyMs: 16 }]);
    expect(saved).toEqual([['audioDevice', 'hw-2']]);
    expect(app.state().preferences.audioDevice).toBe('hw-2');
    expect(app.frame()).toContain('audio output: HDMI');
  });

  it('chooses the sample rate and the latency from the same list, keeping the device', async () => {
    const saved: [string, unknown][] = [];
    app = await renderApp({ preferences: { audioDevice: 'hw-1' }, services: { savePreference: (k, v) => saved.push([k, v]) } });
    await app.key('audio.chooseDevice');
    await app.after(() => app.engine.emit({ type: 'devices', devices: [{ id: 'hw-1', label: 'USB Audio' }] }));
    expect(app.frame()).toContain('sample rate: 48000 Hz');
    expect(app.frame()).toContain('latency: 16 ms');
    // system default, USB Audio, sample rate..., latency...
    await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.frame()).toContain('Sample rate');
    const rates = app.state().modal;
    expect(rates?.kind === 'choose' && rates.options[rates.selected]).toBe('48000 Hz');
    await app.key('choose.up');
    await app.key('choose.submit');
    expect(app.engine.sent('setOutput')).toEqual([{ type: 'setOutput', device: 'hw-1', sampleRate: 44100, latencyMs: 16 }]);
    expect(app.frame()).toContain('audio output: sample rate 44100 Hz');

    await app.key('audio.chooseDevice');
    await app.after(() => app.engine.emit({ type: 'devices', devices: [{ id: 'hw-1', label: 'USB Audio' }] }));
    expect(app.frame()).toContain('sample rate: 44100 Hz');
    for (let i = 0; i < 2; i++) await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.frame()).toContain('Latency');
    for (let i = 0; i < 2; i++) await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.engine.sent('setOutput').at(-1)).toEqual({ type: 'setOutput', device: 'hw-1', sampleRate: 44100, latencyMs: 32 });
    expect(saved).toEqual([['sampleRate', 44100], ['latencyMs', 32]]);
    expect(app.state().preferences).toMatchObject({ audioDevice: 'hw-1', sampleRate: 44100, latencyMs: 32 });
  });

  it('opens with the current device selected, and Esc changes nothing', async () => {
    app = await renderApp({ preferences: { audioDevice: 'hw-1' } });
    await app.key('audio.chooseDevice');
    await app.after(() => app.engine.emit({ type: 'devices', devices: [{ id: 'hw-1', label: 'USB Audio' }] }));
    const modal = app.state().modal;
    expect(modal?.kind === 'choose' && modal.selected).toBe(1);
    await app.key('choose.cancel');
    expect(app.engine.sent('setOutput')).toEqual([]);
  });
});
