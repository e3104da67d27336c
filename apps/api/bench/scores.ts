/**
 * Biometric scores for the benchmark's data set, shaped like production: a session still in progress
 * has none yet; a finished one mostly scores high, with a tail of low scores that the thresholds
 * (decline 50, review 70 by default) actually cut, so a what-if over the window has flips to count.
 */
export function biometricScores<T>(
  status: string,
  random: () => number,
  shape: (liveness: number, faceMatch: number) => T,
): T | Record<string, never> {
  if (status === 'pending' || random() < 0.05) return {};
  // 1 − r⁸ leans towards 100: about 14 % of draws are below 70 and about 8 % below 50.
  const draw = () => Math.round((1 - random() ** 8) * 1000) / 10;
  return shape(draw(), draw());
}
