// The XM codec: FastTracker 2 extended modules, recognised by their "Extended Module: " signature.

import { checkedWriter } from '../common/checked-write.js';
import type { Codec } from '../registry.js';
import { probeXM, readXM } from './read.js';
import { writeXM } from './write.js';

export const xmCodec: Codec = {
  id: 'xm',
  name: 'FastTracker 2 module',
  extensions: ['xm'],
  probe: probeXM,
  read: readXM,
  write: checkedWriter(writeXM, readXM, 'XM'),
};
