// The MOD codec: ProTracker-family modules with a channel tag and 15-sample Soundtracker files.

import { checkedWriter } from '../common/checked-write.js';
import type { Codec } from '../registry.js';
import { probeMOD, readMOD } from './read.js';
import { writeMOD } from './write.js';

export const modCodec: Codec = {
  id: 'mod',
  name: 'ProTracker module',
  extensions: ['mod'],
  probe: probeMOD,
  read: readMOD,
  write: checkedWriter(writeMOD, readMOD, 'MOD'),
};
