import { z } from 'zod';
import { cosineSimilarity, scoreProfile, type ScoreProfile } from '../../analysis/profiles.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

export const compareScores = defineScoreTool({
  name: 'compare_scores',
  title: 'Compare scores',
  description:
    'Compare two or more imported scores by their pitch-class profile (how long each pitch class sounds; by ' +
    'default turned so each piece\'s tonic is 0, so pieces in different keys compare by scale degree) and ' +
    'their melodic-interval profile (how often each interval size occurs). Returns the profiles and, for every ' +
    'pair, cosine similarities (1 = identical proportions).',
  input: z.object({
    ids: z.array(scoreIdInput).min(2).max(20).describe('Two to twenty score ids.'),
    relativeToTonic: z.boolean().optional().describe('Turn pitch-class profiles to the tonic; default true.'),
  }),
  output: z.object({
    profiles: z.array(z.object({ id: z.string(), key: z.string(), pitchClasses: z.array(z.number()), intervals: z.array(z.number()) })),
    pairs: z.array(z.object({ a: z.string(), b: z.string(), pitchClassSimilarity: z.number(), intervalSimilarity: z.number(), similarity: z.number() })),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => input.ids,
  compute(input, scores) {
    const relativeToTonic = input.relativeToTonic ?? true;
    const profiles: ({ id: string } & ScoreProfile)[] = scores.map((stored) => ({ id: stored.id, ...scoreProfile(stored.score, { relativeToTonic }) }));
    const pairs = profiles.flatMap((a, index) =>
      profiles.slice(index + 1).map((b) => {
        const pitchClassSimilarity = cosineSimilarity(a.pitchClasses, b.pitchClasses);
        const intervalSimilarity = cosineSimilarity(a.intervals, b.intervals);
        return { a: a.id, b: b.id, pitchClassSimilarity, intervalSimilarity, similarity: Math.round(((pitchClassSimilarity + intervalSimilarity) / 2) * 10000) / 10000 };
      }),
    );
    const closest = [...pairs].sort((x, y) => y.similarity - x.similarity)[0]!;
    return {
      structured: { profiles: profiles.map((profile) => ({ ...profile, pitchClasses: [...profile.pitchClasses], intervals: [...profile.intervals] })), pairs },
      summary: `${profiles.length} scores compared; closest pair: ${closest.a} and ${closest.b} (similarity ${closest.similarity}).`,
    };
  },
});
