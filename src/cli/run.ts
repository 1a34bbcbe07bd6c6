// Process entry: runs main() with the real argv and streams and exits with its code.

import { main } from './main.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
