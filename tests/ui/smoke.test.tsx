import { describe, expect, it } from 'vitest';
import { renderApp } from './helpers/render-app.js';

describe('smoke', () => {
  it('draws', async () => {
    const app = await renderApp();
    console.log(app.frame());
    await app.press('zxc');
    console.log(app.frame());
    expect(app.frame()).toContain('C-4');
    app.unmount();
  });
});
