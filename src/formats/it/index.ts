// The IT codec: Impulse Tracker modules (and OpenMPT's IT-based MPTM), recognised by IMPM.

import { checkedWriter } from '../common/checked-write.js';
import type { Codec } from '../registry.js';
import { probeIT, readIT } from './read.js';
import { writeIT } from './write.js';

export const itCodec: Codec = {
  id: 'it',
  name: 'Impulse Tracker module',
  extensions: ['it'],
  probe: probeIT,
  read: readIT,
  write: checkedWriter(writeIT, readIT, 'IT'),
};
