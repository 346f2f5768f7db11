/** Every tool Cadenza offers; adding a tool is adding its file and one line here. */
import type { ToolDefinition } from '../define-tool.js';
import { analyzeChords } from './analyze-chords.js';
import { analyzeCorpus } from './analyze-corpus.js';
import { analyzeHarmony } from './analyze-harmony.js';
import { analyzeKey } from './analyze-key.js';
import { analyzeMelody } from './analyze-melody.js';
import { analyzeRhythm } from './analyze-rhythm.js';
import { analyzeVoiceLeading } from './analyze-voice-leading.js';
import { compareAnalysis } from './compare-analysis.js';
import { compareScores } from './compare-scores.js';
import { deleteScore } from './delete-score.js';
import { editScore } from './edit-score.js';
import { getScoreInfo } from './get-score-info.js';
import { exportScore } from './export-score.js';
import { findPatterns } from './find-patterns.js';
import { generateCounterpoint } from './generate-counterpoint.js';
import { harmonizeMelody } from './harmonize-melody.js';
import { healthCheck } from './health-check.js';
import { imitateStyle } from './imitate-style.js';
import { importScore } from './import-score.js';
import { listScores } from './list-scores.js';
import { listVersions } from './list-versions.js';
import { renderScore } from './render-score.js';
import { revertScore } from './revert-score.js';
import { deleteTenantData, exportTenantData } from './tenant-data.js';
import { transformScore } from './transform-score.js';

export const TOOLS: readonly ToolDefinition[] = [importScore, listScores, getScoreInfo, deleteScore, analyzeKey, analyzeChords, analyzeHarmony, analyzeVoiceLeading, analyzeMelody, analyzeRhythm, findPatterns, compareScores, compareAnalysis, exportScore, healthCheck, exportTenantData, deleteTenantData, analyzeCorpus, renderScore, harmonizeMelody, generateCounterpoint, imitateStyle, transformScore, editScore, listVersions, revertScore];
