// Lookup tables of the original trackers: periods, linear-slide ratios, waveforms. Tables that follow a
// formula are computed here; the rest are the trackers' published constants (ProTracker's finetuned
// periods, FastTracker 2's period table, Impulse Tracker's slightly irregular fine-slide table).

/** ProTracker periods for the 16 finetunes (0..7, then -8..-1), octave 1 (C-1..B-1 at finetune 0 x2). */
export const PT_TUNED_PERIODS: readonly number[] = [
  1712, 1616, 1524, 1440, 1356, 1280, 1208, 1140, 1076, 1016, 960, 907,
  1700, 1604, 1514, 1430, 1348, 1274, 1202, 1134, 1070, 1010, 954, 900,
  1688, 1592, 1504, 1418, 1340, 1264, 1194, 1126, 1064, 1004, 948, 894,
  1676, 1582, 1492, 1408, 1330, 1256, 1184, 1118, 1056, 996, 940, 888,
  1664, 1570, 1482, 1398, 1320, 1246, 1176, 1110, 1048, 990, 934, 882,
  1652, 1558, 1472, 1388, 1310, 1238, 1168, 1102, 1040, 982, 926, 874,
  1640, 1548, 1460, 1378, 1302, 1228, 1160, 1094, 1032, 974, 920, 868,
  1628, 1536, 1450, 1368, 1292, 1220, 1150, 1086, 1026, 968, 914, 862,
  1814, 1712, 1616, 1524, 1440, 1356, 1280, 1208, 1140, 1076, 1016, 960,
  1800, 1700, 1604, 1514, 1430, 1350, 1272, 1202, 1134, 1070, 1010, 954,
  1788, 1688, 1592, 1504, 1418, 1340, 1264, 1194, 1126, 1064, 1004, 948,
  1774, 1676, 1582, 1492, 1408, 1330, 1256, 1184, 1118, 1056, 996, 940,
  1762, 1664, 1570, 1482, 1398, 1320, 1246, 1176, 1110, 1048, 988, 934,
  1750, 1652, 1558, 1472, 1388, 1310, 1238, 1168, 1102, 1040, 982, 926,
  1736, 1640, 1548, 1460, 1378, 1302, 1228, 1160, 1094, 1032, 974, 920,
  1724, 1628, 1536, 1450, 1368, 1292, 1220, 1150, 1086, 1026, 968, 914,
];

/** ProTracker's own (finetune 0) periods over 7 octaves, as trackers read MOD files with them. */
export const PT_PERIODS: readonly number[] = [
  3424, 3232, 3048, 2880, 2712, 2560, 2416, 2280, 2152, 2032, 1920, 1812,
  1712, 1616, 1524, 1440, 1356, 1280, 1208, 1140, 1076, 1016, 960, 907,
  856, 808, 762, 720, 678, 640, 604, 570, 538, 508, 480, 453,
  428, 404, 381, 360, 339, 320, 302, 285, 269, 254, 240, 226,
  214, 202, 190, 180, 170, 160, 151, 143, 135, 127, 120, 113,
  107, 101, 95, 90, 85, 80, 75, 71, 67, 63, 60, 56,
  53, 50, 47, 45, 42, 40, 37, 35, 33, 31, 30, 28,
];

/** Scream Tracker 3's octave-4 periods (C..B). */
export const S3M_PERIODS: readonly number[] = [1712, 1616, 1524, 1440, 1356, 1280, 1208, 1140, 1076, 1016, 960, 907];

/** S3M/IT S2x finetune: C-5 speeds, 8363 * 2^((i - 8) / 96). */
export const S3M_FINETUNE_C5: readonly number[] = [7895, 7941, 7985, 8046, 8107, 8169, 8232, 8280, 8363, 8413, 8463, 8529, 8581, 8651, 8723, 8757];

/** FastTracker 2's Amiga-mode period table (8 finetune steps per semitone). */
export const XM_PERIODS: readonly number[] = [
  907, 900, 894, 887, 881, 875, 868, 862, 856, 850, 844, 838, 832, 826, 820, 814,
  808, 802, 796, 791, 785, 779, 774, 768, 762, 757, 752, 746, 741, 736, 730, 725,
  720, 715, 709, 704, 699, 694, 689, 684, 678, 675, 670, 665, 660, 655, 651, 646,
  640, 636, 632, 628, 623, 619, 614, 610, 604, 601, 597, 592, 588, 584, 580, 575,
  570, 567, 563, 559, 555, 551, 547, 543, 538, 535, 532, 528, 524, 520, 516, 513,
  508, 505, 502, 498, 494, 491, 487, 484, 480, 477, 474, 470, 467, 463, 460, 457,
  453, 450, 447, 443, 440, 437, 434, 431,
];

/** FastTracker 2's linear-frequency table: floor(8363 * 64 * 2^(-n / 768)). */
export const XM_LINEAR: Uint32Array = Uint32Array.from({ length: 768 }, (_, n) => Math.floor(8363 * 64 * 2 ** (-n / 768)));

/** round(65536 * 2^(n / 192)): frequency ratios in 1/16 semitone steps (16.16 fixed point). */
export const LINEAR_SLIDE_UP: Uint32Array = Uint32Array.from({ length: 256 }, (_, n) => Math.round(65536 * 2 ** (n / 192)));
/** round(65536 * 2^(-n / 192)). */
export const LINEAR_SLIDE_DOWN: Uint32Array = Uint32Array.from({ length: 256 }, (_, n) => Math.round(65536 * 2 ** (-n / 192)));
/** round(65536 * 2^(n / 768)): 1/64 semitone steps. */
export const FINE_LINEAR_SLIDE_UP: Uint32Array = Uint32Array.from({ length: 16 }, (_, n) => Math.round(65536 * 2 ** (n / 768)));
/** Impulse Tracker's own fine-down table, irregular entries included (0, 11 and 15 differ from the formula). */
export const FINE_LINEAR_SLIDE_DOWN: readonly number[] = [65535, 65477, 65418, 65359, 65300, 65241, 65182, 65123, 65065, 65006, 64947, 64888, 64830, 64772, 64713, 64645];

/** ProTracker sine: round(127 * sin(2 pi i / 64)). */
export const MOD_SINE: Int8Array = Int8Array.from({ length: 64 }, (_, i) => Math.round(127 * Math.sin((2 * Math.PI * i) / 64)));
/** Impulse Tracker sine: round(64 * sin(2 pi i / 256)). */
export const IT_SINE: Int8Array = Int8Array.from({ length: 256 }, (_, i) => Math.round(64 * Math.sin((2 * Math.PI * i) / 256)));
/** The fixed "random" waveform table used for MOD/XM/S3M vibrato type 3. */
export const MOD_RANDOM: readonly number[] = [
  98, -127, -43, 88, 102, 41, -65, -94, 125, 20, -71, -86, -70, -32, -16, -96,
  17, 72, 107, -5, 116, -69, -62, -40, 10, -61, 65, 109, -18, -38, -13, -76,
  -23, 88, 21, -94, 8, 106, 21, -112, 6, 109, 20, -88, -30, 9, -127, 118,
  42, -34, 89, -4, -51, -72, 21, -29, 112, 123, 84, -101, -92, 98, -54, -95,
];

/** IT volume-column tone portamento speeds for g0..g9. */
export const IT_VOLCOL_PORTA: readonly number[] = [0x00, 0x01, 0x04, 0x08, 0x10, 0x20, 0x40, 0x60, 0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

/** Retrigger volume change: multiply by table1/16 when non-zero, else add table2 (volume units). */
export const RETRIG_MULTIPLY: readonly number[] = [0, 0, 0, 0, 0, 0, 10, 8, 0, 0, 0, 0, 0, 0, 24, 32];
export const RETRIG_ADD: readonly number[] = [0, -1, -2, -4, -8, -16, 0, 0, 0, 1, 2, 4, 8, 16, 0, 0];

/** ProTracker invert-loop (EFx) speeds. */
export const MOD_EFX_SPEED: readonly number[] = [0, 5, 6, 7, 8, 10, 11, 13, 16, 19, 22, 26, 32, 43, 64, 128];

/** FastTracker 2 square-root pan law: round(65536 * sqrt(i / 256)). */
export const XM_PAN_LAW: Uint32Array = Uint32Array.from({ length: 257 }, (_, i) => Math.round(65536 * Math.sqrt(i / 256)));
