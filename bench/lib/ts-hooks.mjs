// Lets Node 24 run this project's TypeScript directly (benchmarks, song scripts): source imports are
// written with .js suffixes for the compiler, so a .js that does not exist resolves to its .ts twin.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if ((specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});
