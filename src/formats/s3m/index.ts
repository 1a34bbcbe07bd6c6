// The S3M codec: Scream Tracker 3 modules, recognised by their SCRM signature.

import { checkedWriter } from '../common/checked-write.js';
import type { Codec } from '../registry.js';
import { probeS3M, readS3M } from './read.js';
import { writeS3M } from './write.js';

export const s3mCodec: Codec = {
  id: 's3m',
  name: 'Scream Tracker 3 module',
  extensions: ['s3m'],
  probe: probeS3M,
  read: readS3M,
  write: checkedWriter(writeS3M, readS3M, 'S3M'),
};
