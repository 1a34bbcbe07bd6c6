import { writeFileSync } from 'node:fs';
import { buildSong } from '../tests/helpers/song-builder.js';
import { writeModule } from './lib/oracle.js';
import { DURATION_CASES } from './oracle-cases.js';
const c = DURATION_CASES.find((x) => x.name === 'it/tempo-slide-length')!;
writeFileSync('/tmp/effects/ts.it', writeModule(buildSong(c.spec)));
